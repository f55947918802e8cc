"""The inspection written for its readers: an HTML page for the 政务公开办 (templates/report.html),
JSON for machines and build-report.json, a few lines for the console, annotations for a pull request.

Every value in them comes from content and catalogue.yml, which are untrusted: the page is rendered
with autoescape and nothing is ever marked safe, JSON is made by `json`, and every text is passed
through the personal-data mask before it is written (the page's values as they are printed, the
JSON and the console lines whole). The page is one file with its style inline and no script, so it
can be mailed or opened from a shared folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2

from gongkai.core import workflow
from gongkai.core.personal import mask_all
from gongkai.inspection import chart
from gongkai.inspection.findings import Finding, Inspection, Outcome, Verdict
from gongkai.inspection.statistics import Comparison, Statistics, reports_number

TEMPLATES = Path(__file__).parent / "templates"
SHOWN = 200  # findings a rule shows on the page; the JSON holds all of them
_ANNOTATION = {Verdict.VETO: "error", Verdict.DEDUCTION: "warning", Verdict.NOTICE: "notice"}


def data(inspection: Inspection) -> dict[str, Any]:
    """The inspection as plain data: the JSON file and build-report.json's `inspection`."""
    return {
        "date": inspection.today.isoformat(),
        "score": inspection.score,
        "passed": inspection.passed,
        "vetoes": [{"rule": o.rule.id, **_finding(f)} for o, f in inspection.vetoes],
        "rules": [_outcome(o) for o in inspection.outcomes],
        "statistics": _statistics(inspection.statistics),
        "not_checked": list(inspection.skipped),
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {"verdict": f.verdict.value, "message": f.message, "file": f.file, "line": f.line, "url": f.url}


def _outcome(o: Outcome) -> dict[str, Any]:
    return {"id": o.rule.id, "title": o.rule.title, "indicator": o.rule.indicator, "advice": o.rule.advice,
            "checked": o.checked, "verdict": o.verdict.value if o.verdict else None, "deduction": o.deduction,
            "findings": [_finding(f) for f in o.findings]}


def _comparison(x: Comparison) -> dict[str, Any]:
    return {"row": x.row, "column": x.column, "catalogue": x.derived, "report": x.reported, "agrees": x.agrees,
            "how": x.how}


def _statistics(s: Statistics) -> dict[str, Any]:
    return {
        "table_a": [{"year": y.year, "report": y.report.path if y.report else None,
                     "figures": [_comparison(x) for x in y.comparisons]} for y in s.years],
        "publishers": {"months": list(s.months), "rows": [
            {"publisher": r.publisher, "counts": list(r.counts), "total": r.total, "dated": r.dated, "on_time": r.on_time}
            for r in s.publishers]},
        "website": {"year": s.website_year, "figures": [
            {"group": w.group, "label": w.label, "value": w.value, "note": w.note} for w in s.website]},
    }


def json_text(inspection: Inspection) -> str:
    return mask_all(json.dumps(data(inspection), ensure_ascii=False, indent=2)) + "\n"


def html(inspection: Inspection) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                     undefined=jinja2.StrictUndefined, finalize=_masked, trim_blocks=True,
                                     lstrip_blocks=True)
    return environment.get_template("report.html").render(**_context(inspection))


def _masked(value: Any) -> Any:
    """Every text printed on the page, personal numbers masked (numbers of the chart are not text)."""
    return mask_all(value) if isinstance(value, str) else value


def _context(inspection: Inspection) -> dict[str, Any]:
    s = inspection.statistics
    return {
        "i": inspection, "verdicts": Verdict, "shown": SHOWN, "link": _link, "number": reports_number,
        "counts": {v: sum(len(o.of(v)) for o in inspection.outcomes) for v in Verdict},
        "lost": sum(o.deduction for o in inspection.outcomes),
        "chart": chart.chart(s.months, s.publishers),
        "month_totals": [sum(r.counts[n] for r in s.publishers) for n in range(len(s.months))],
    }


def _link(url: str) -> str:
    """An address fit for href: the site's own pages only (http, https or a path), never another scheme."""
    return url if url.startswith(("https://", "http://", "/")) else ""


def write(inspection: Inspection, folder: Path) -> tuple[Path, Path]:
    """report.html and report.json in `folder` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    page, machine = folder / "report.html", folder / "report.json"
    page.write_text(html(inspection), encoding="utf-8")
    machine.write_text(json_text(inspection), encoding="utf-8")
    return page, machine


# The console and pull requests.

def summary(inspection: Inspection) -> str:
    """One line: the score and what was found."""
    counts = {v: sum(len(o.of(v)) for o in inspection.outcomes) for v in Verdict}
    lost = sum(o.deduction for o in inspection.outcomes)
    verdict = f"单项否决 {counts[Verdict.VETO]} 项，不合格" if counts[Verdict.VETO] else "没有单项否决"
    return (f"网站自查（{inspection.today}）：得分 {inspection.score} / 100，{verdict}；扣分问题 {counts[Verdict.DEDUCTION]} 个"
            f"（扣 {lost} 分），提醒 {counts[Verdict.NOTICE]} 条。")


def lines(inspection: Inspection) -> Iterator[str]:
    """What the command prints: the summary, every veto, then each rule with what it found."""
    yield summary(inspection)
    for outcome, finding in inspection.vetoes:
        yield f"单项否决：{outcome.rule.title}：{_where(finding)}{finding.message}"
    for o in inspection.outcomes:
        if o.findings:
            cost = f"，扣 {o.deduction} 分" if o.deduction else ""
            yield f"{o.verdict}：{o.rule.title}：{len(o.findings)} 个问题{cost}"
    yield f"通过：{'、'.join(o.rule.title for o in inspection.outcomes if not o.findings) or '无'}"


def _where(finding: Finding) -> str:
    return f"{finding.where}：" if finding.where else ""


def workflow_commands(inspection: Inspection) -> Iterator[str]:
    """GitHub Actions workflow commands, one a finding: vetoes as errors, deductions as warnings,
    reminders as notices; external links (a list for ops, not a problem) are left out."""
    for o in inspection.outcomes:
        if o.rule.id == "external-links":
            continue
        for f in o.findings:
            yield workflow.command(_ANNOTATION[f.verdict], f.message, f.file or "catalogue.yml", f.line,
                                      f"{o.rule.title}（{f.verdict}）")
