"""The inspection run in order: the texts read once, each rule applied, the statistics derived, the
score taken. The command (cli/inspect.py) and the build (mkdocs/reporting.py) both call `inspect`."""

from __future__ import annotations

from gongkai.core import freshness
from gongkai.inspection import links, rules, score, statistics, texts
from gongkai.inspection.findings import Inspection, Outcome
from gongkai.inspection.subject import Subject
from gongkai.inspection.wording import Dictionary

# What the catalogue cannot tell: checked by people or by ops' monitoring, never by this report.
SKIPPED = (
    "网站能否访问（单项否决“站点无法访问”）：由运维监测，本报告不能检查。",
    "互动回应（单项否决“互动回应差”）：留言、信箱的答复情况不在目录中，请人工核查。",
    "安全、泄密：发布前的保密审查和个人信息扫描由 gongkai check 和构建完成，有问题时网站不会生成。",
    "办事服务、互动交流的统计数据按季度更新：不在目录中，请人工核查。",
)


def inspect(subject: Subject, dictionary: Dictionary) -> Inspection:
    """Every rule applied to what the site publishes, with the score and the statistics."""
    found = texts.collect(subject)
    written = links.links(found)
    lapses = freshness.lapses(subject.published, subject.today, rules.period_of(subject.schema))
    figures = statistics.compute(subject)
    outcomes: list[Outcome] = [
        rules.home_newest(subject),
        rules.column_freshness(subject, lapses),
        rules.empty_columns(subject, lapses),
        rules.thin_columns(subject),
        rules.wording_errors(subject, dictionary, found),
        rules.interpretation(subject),
        rules.normative_validity(subject),
        rules.statutory(subject),
        rules.annual_report(subject),
        rules.guide(subject),
        rules.internal_links(subject, written),
        rules.external_links(subject, written),
        statistics.mismatches(subject, figures),
        rules.timeliness(subject),
    ]
    scored = score.deduct(outcomes, subject.schema.inspection.deductions)
    return Inspection(subject.today, subject.site_name, score.total(scored), score.ordered(scored), figures, SKIPPED)
