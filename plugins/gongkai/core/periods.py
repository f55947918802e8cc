"""Periods written in catalogue.yml (`14d`, `2w`, `6m`, `1y`): how often a column must have a new item,
how old the home page's newest item may be, how long before a document's expiry editors are told.

Months and years are calendar months: six months before 31 August is 28 February, as an inspector
counting on a calendar would have it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

_PERIOD = re.compile(r"(\d+)\s*([dwmy])")
_UNITS = {"d": "天", "w": "周", "m": "个月", "y": "年"}


@dataclass(frozen=True)
class Period:
    """How often a category must have a new item: `14d`, `2w`, `6m`, `1y` in catalogue.yml."""

    count: int
    unit: str  # d | w | m | y

    def __str__(self) -> str:
        return f"{self.count} {_UNITS[self.unit]}"

    def cutoff(self, today: dt.date) -> dt.date:
        """The oldest date that still counts as within the period before `today`."""
        return self._shift(today, -1)

    def ahead(self, today: dt.date) -> dt.date:
        """The last date within the period after `today` (a document expiring by then is due for review)."""
        return self._shift(today, 1)

    def _shift(self, day: dt.date, sign: int) -> dt.date:
        if self.unit in ("d", "w"):
            return day + sign * dt.timedelta(days=self.count * (7 if self.unit == "w" else 1))
        months = day.year * 12 + day.month - 1 + sign * self.count * (12 if self.unit == "y" else 1)
        year, month = divmod(months, 12)
        return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def parse_period(value: Any) -> Period | None:
    """`14d`, `2w`, `6m`, `1y`, or a whole number of days; None when it is none of these."""
    if isinstance(value, int) and not isinstance(value, bool):
        return Period(value, "d") if value > 0 else None
    match = _PERIOD.fullmatch(str(value).strip().lower())
    return Period(int(match.group(1)), match.group(2)) if match and int(match.group(1)) > 0 else None
