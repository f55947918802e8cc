"""What an inspection finds: a verdict for each finding, the outcome of each rule, the whole result.

The indicators sort failures three ways, and the report keeps that order everywhere: a veto (单项否决)
fails the whole site whatever its score, a deduction (扣分) costs points, a reminder (提醒) costs
nothing but is worth a look.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.inspection.statistics import Statistics


class Verdict(str, Enum):
    VETO = "否决"
    DEDUCTION = "扣分"
    NOTICE = "提醒"

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """Worst first: vetoes, then deductions, then reminders."""
        return list(Verdict).index(self)


@dataclass(frozen=True)
class Finding:
    verdict: Verdict
    message: str  # Chinese, what is wrong and the numbers behind it; personal numbers masked
    file: str = ""  # as editors see it: content/…, catalogue.yml
    line: int | None = None
    url: str = ""  # the public page it concerns, when it has one

    @property
    def where(self) -> str:
        return f"{self.file} 第 {self.line} 行" if self.file and self.line else self.file


@dataclass(frozen=True)
class Rule:
    id: str  # as catalogue.yml's inspection.deductions names it
    title: str
    indicator: str  # the document and item it comes from
    advice: str  # what to do about a finding


@dataclass(frozen=True)
class Outcome:
    """One rule applied: what it looked at, what it found, what that costs."""

    rule: Rule
    checked: str  # what was looked at, one sentence
    findings: tuple[Finding, ...] = ()
    deduction: int = 0  # points, set by the score

    @property
    def verdict(self) -> Verdict | None:
        """The worst verdict among the findings; None when the rule passed."""
        return min((f.verdict for f in self.findings), key=lambda v: v.rank, default=None)

    def of(self, verdict: Verdict) -> list[Finding]:
        return [f for f in self.findings if f.verdict is verdict]


@dataclass(frozen=True)
class Inspection:
    today: dt.date
    site_name: str
    score: int  # out of 100
    outcomes: tuple[Outcome, ...]  # vetoes first, then by what they cost
    statistics: Statistics
    skipped: tuple[str, ...] = ()  # what could not be inspected, and why

    @property
    def vetoes(self) -> list[tuple[Outcome, Finding]]:
        return [(o, f) for o in self.outcomes for f in o.of(Verdict.VETO)]

    @property
    def passed(self) -> bool:
        """No veto: the site is not failed outright."""
        return not self.vetoes
