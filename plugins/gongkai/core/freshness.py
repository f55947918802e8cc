"""Freshness reminders (时效提醒): categories with no new item within their period, empty ones, and a
working-day calendar that lacks the current year.

Inspections count it against a government site when a column has had no new item within its
period (two weeks for news, six months for notices and policy documents) or is empty. A stale
column must never stop a build — publishing is how it gets fixed — so these are reminders, not
problems: INFO lines in the build log and a list in build-report.json; warnings in
`gongkai check` that leave its exit status alone. Only published entries count.

"Today" is the one date in the project taken from the clock, and only here, never for anything
in site/; `today()` lets the command line, the environment or the plugin's options pin it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from gongkai.core.catalogue import Catalogue
from gongkai.core.periods import Period
from gongkai.core.schema import Category, Schema

PREFIX = "「时效提醒」"
ENV = "GONGKAI_TODAY"  # YYYY-MM-DD: the date reminders are computed for, instead of the clock


@dataclass(frozen=True)
class Reminder:
    category: str  # the category's code; empty for the calendar
    message: str  # Chinese, without the prefix
    line: int | None  # the category's (or the calendar's) line in catalogue.yml

    def __str__(self) -> str:
        return f"{PREFIX}{self.message}"


@dataclass(frozen=True)
class Lapse:
    """A column that needs an item: empty (`newest` None), or its newest item older than `period`."""

    category: Category
    newest: dt.date | None
    period: Period | None


def _own(category: Category) -> Period | None:
    return category.freshness


def lapses(catalogue: Catalogue, today: dt.date,
           period_of: Callable[[Category], Period | None] = _own) -> list[Lapse]:
    """Every empty leaf category and every category past its period (`period_of`: by default its own
    `freshness`), in catalogue.yml's order. The inspection asks with the periods of column types too."""
    found = []
    for category in catalogue.schema.categories.values():
        entries = catalogue.in_category(category.code)  # newest first
        period = period_of(category)
        if not entries:
            if category.is_leaf:  # an empty parent's children are reported themselves
                found.append(Lapse(category, None, period))
        elif period and entries[0].date < period.cutoff(today):
            found.append(Lapse(category, entries[0].date, period))
    return found


def check(catalogue: Catalogue, today: dt.date) -> list[Reminder]:
    """A reminder for every empty leaf category and every category past its `freshness` period."""
    reminders = [_empty(lapse.category) if lapse.newest is None else _stale(lapse, today)
                 for lapse in lapses(catalogue, today)]
    return reminders + _uncharted_year(catalogue.schema, today)


def _empty(category: Category) -> Reminder:
    return Reminder(category.code, f"主题分类「{category.name}」还没有任何公开信息。空栏目会在政府网站检查中扣分，请发布信息；"
                                   "如这个分类已不再使用，可在 catalogue.yml 中删去它。", category.line)


def _stale(lapse: Lapse, today: dt.date) -> Reminder:
    category, newest = lapse.category, lapse.newest
    assert newest is not None
    return Reminder(category.code, f"主题分类「{category.name}」已 {(today - newest).days} 天没有发布新信息（最近一条发布于 "
                                   f"{newest.isoformat()}），超过了更新周期 {lapse.period}（catalogue.yml 中该分类的 "
                                   "freshness）。栏目长期不更新会在政府网站检查中扣分，请及时发布新信息。", category.line)


def _uncharted_year(schema: Schema, today: dt.date) -> list[Reminder]:
    """A reminder when working days are counted (a `max_delay_days` field) but the calendar has no
    holiday in the current year: its holidays would count as working days."""
    counted = any(f.max_delay_days is not None for t in schema.types.values() for f in t.fields)
    if not counted or today.year in schema.calendar_years:
        return []
    year = today.year
    return [Reminder("", f"工作日历（catalogue.yml 的 calendar）中还没有 {year} 年的节假日：计算政策解读是否同步发布等以“工作日”"
                         f"计的期限时，{year} 年的法定节假日会被算作工作日。请按国务院办公厅关于 {year} 年部分节假日安排的通知，"
                         "补充 holidays（放假的工作日）和 workdays（调休上班的周末）。", schema.calendar_line)]


def today(*candidates: tuple[str, str | None]) -> dt.date:
    """The first date given as (where it was set, YYYY-MM-DD or None), else the clock's.

    Raises ValueError with a Chinese message naming where a malformed date was set.
    """
    for source, value in candidates:
        if value:
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(f"{source}「{value}」不是 YYYY-MM-DD 格式的日期，请写成如 2026-01-31。") from None
    return dt.date.today()
