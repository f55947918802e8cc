"""The score out of 100: each rule's deductions, capped, taken from 100; vetoes apart.

The national indicators score a site out of 100 with deductions per kind of failure, and fail it
outright on any veto whatever its score; provinces set their own weights. The deductions here are
catalogue.yml's (inspection.deductions: per finding and at most per rule), so a bureau can match its
province's table. Only deductions (扣分) cost points: a veto is listed first and fails the site, a
reminder (提醒) costs nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from gongkai.inspection.findings import Outcome, Verdict

FULL_MARKS = 100


def deduct(outcomes: Iterable[Outcome], deductions: Mapping[str, tuple[int, int]]) -> list[Outcome]:
    """Each outcome with what it costs: its deduction findings times the rule's cost each, at most its cap."""
    found = []
    for outcome in outcomes:
        each, cap = deductions.get(outcome.rule.id, (0, 0))
        found.append(dataclasses.replace(outcome, deduction=min(cap, each * len(outcome.of(Verdict.DEDUCTION)))))
    return found


def total(outcomes: Iterable[Outcome]) -> int:
    return max(0, FULL_MARKS - sum(o.deduction for o in outcomes))


def ordered(outcomes: Iterable[Outcome]) -> tuple[Outcome, ...]:
    """Vetoes first, then by points lost, then by the worst verdict; rules that passed last, in their order."""
    listed = list(outcomes)
    return tuple(sorted(listed, key=lambda o: (o.verdict is None, o.verdict.rank if o.verdict else 3, -o.deduction)))
