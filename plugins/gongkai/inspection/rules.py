"""The inspection's rules: each names the indicator it comes from, looks at the published catalogue
and says what it found, with a verdict for each finding.

The thresholds are catalogue.yml's (`inspection:`, core/criteria.py), with the national values as
defaults. Column freshness is the build's 时效提醒 (core/freshness.py) with the periods of column
types added; working days are the catalogue's calendar (core/catalogue.py: working_days).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from gongkai.core import freshness
from gongkai.core.catalogue import Entry, working_days
from gongkai.core.criteria import Criteria, Place
from gongkai.core.periods import Period
from gongkai.core.schema import Category, Schema
from gongkai.core.source import Source, read_source
from gongkai.core.validate import WRITTEN
from gongkai.inspection import links, wording
from gongkai.inspection.findings import Finding, Outcome, Rule, Verdict
from gongkai.inspection.subject import Subject
from gongkai.inspection.texts import Text
from gongkai.site import home

INDICATORS = "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）"
REGULATION = "《中华人民共和国政府信息公开条例》"
INTERPRETATION_COLUMN = "解读回应"  # the column type of content types that interpret documents

RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("home-newest", "首页信息更新", f"{INDICATORS} 单项否决指标“内容不更新”：首页栏目在规定期限内没有更新",
         "首页列出全站最新的信息：请及时发布新信息（如工作动态），首页随之更新。"),
    Rule("column-freshness", "栏目更新", f"{INDICATORS} 单项否决指标“内容不更新”：动态要闻类、通知公告和政策文件类、"
         "人事和规划类栏目超过规定期限未更新；未更新的栏目达到规定数量即单项否决",
         "在列出的栏目中发布新信息；确已不再使用的栏目，请在 catalogue.yml 中删去或合并。"),
    Rule("empty-columns", "空白栏目", f"{INDICATORS} 单项否决指标“空白栏目”：栏目中没有任何信息，达到规定数量即单项否决",
         "在空白栏目中发布信息，或在 catalogue.yml 中删去不再使用的分类。"),
    Rule("thin-columns", "信息过少的栏目", "各地检查评分细则（如：栏目信息不少于 4 条）",
         "补充发布这些栏目的信息，或与相近的栏目合并。"),
    Rule("wording", "严重表述错误", f"{INDICATORS} 单项否决指标“严重表述错误”：国家名称、领导人姓名错误和禁用的表述",
         "按词典给出的正确写法修改；词典在 wording.yml 中，可以增补本地领导姓名等词条。"),
    Rule("interpretation", "政策解读", f"{INDICATORS} “解读回应”；国办发〔2016〕80号（谁起草谁解读，解读与文件同步发布）",
         "为规范性文件发布政策解读（文字、图解、音视频等），与文件同步或在规定的工作日内发布。"),
    Rule("normative-validity", "规范性文件有效期", f"{INDICATORS} “规范性文件”：标注有效性，失效的不得仍标注有效；"
         "各地规范性文件管理规定（有效期一般不超过 5 年，试行、暂行的不超过 2 年）",
         "在条目中填写有效期（valid_until）；到期的文件改为失效或废止，需要延续的及时重新发布。"),
    Rule("statutory", "法定主动公开内容", f"{REGULATION}第二十条（应当主动公开的政府信息）",
         "在对应的栏目中发布这一项信息；本机关确不涉及的，在 catalogue.yml 的 inspection.statutory 中写明“不适用：原因”。"),
    Rule("annual-report", "政府信息公开工作年度报告", f"{REGULATION}第四十九条、第五十条（每年 1 月 31 日前公布上一年度报告）；"
         "国办公开办函〔2021〕30号（报告格式）", "按时发布年度报告，各部分内容齐全。"),
    Rule("guide", "政府信息公开指南", f"{REGULATION}第十二条（公开指南应当及时更新）",
         "每年核对并更新指南（机构、地址、电话、申请方式），在页面开头写明更新日期 date: YYYY-MM-DD。"),
    Rule("internal-links", "站内链接", f"{INDICATORS} 扣分指标“链接不可用”", "改正链接地址，或删去指向已不存在页面的链接。"),
    Rule("external-links", "外部链接清单", f"{INDICATORS} 扣分指标“链接不可用”（外部链接须人工核验）",
         "请运维人员逐一打开核验；失效的链接请编辑改正或删去。"),
    Rule("statistics", "年度报告表二与目录的一致性", "国办公开办函〔2021〕30号 年度报告“二、主动公开政府信息情况”",
         "核对年度报告表二与目录中的文件：目录缺少的文件请补充发布，报告填错的请更正后重新发布报告。"),
    Rule("timeliness", "主动公开时限", f"{REGULATION}第二十六条（自政府信息形成或者变更之日起 20 个工作日内公开）",
         "文件成文后及时发布；确有延迟的，核对成文日期和发布日期是否填写正确。"),
)}


def outcome(rule_id: str, checked: str, findings: Iterable[Finding] = ()) -> Outcome:
    return Outcome(RULES[rule_id], checked, tuple(findings))


def _title(entry: Entry) -> str:
    doc_no = entry.values.get("doc_no")
    return f"「{entry.title}」" + (f"（{doc_no}）" if doc_no else "")


# Columns: the home page, freshness, empty and thin columns.

def home_newest(s: Subject) -> Outcome:
    c = s.schema.inspection
    newest = home.newest(s.published, 1)
    if not newest:
        return outcome("home-newest", "首页最新信息", [Finding(Verdict.VETO, "网站还没有任何公开信息，首页没有可显示的最新信息。")])
    entry = newest[0]
    checked = f"首页最新的一条信息{_title(entry)}发布于 {entry.date}"
    if entry.date >= c.home_max_age.cutoff(s.today):
        return outcome("home-newest", checked)
    days = (s.today - entry.date).days
    return outcome("home-newest", checked, [Finding(
        Verdict.VETO, f"首页最新的一条信息{_title(entry)}发布于 {entry.date}，距今 {days} 天，超过了 {c.home_max_age}"
                      f"（catalogue.yml 的 inspection.home_max_age）。", entry.path, entry.key_lines.get("date"), s.url(entry))])


def period_of(schema: Schema) -> Callable[[Category], Period | None]:
    """A category's period: its own `freshness`, else its column type's (inspection.columns)."""
    c = schema.inspection

    def period(category: Category) -> Period | None:
        kind = c.column_of.get(category.code)
        return category.freshness or (c.column_periods[kind] if kind else None)
    return period


def _period_source(c: Criteria, category: Category) -> str:
    kind = c.column_of.get(category.code)
    return f"{kind}类栏目，catalogue.yml 的 inspection.columns" if kind and not category.freshness else \
        "catalogue.yml 中该分类的 freshness"


def column_freshness(s: Subject, lapses: list[freshness.Lapse]) -> Outcome:
    """Stale columns; a parent category only when none of its children is reported itself (they are the
    columns the directory shows, and one stale column is not counted twice)."""
    c = s.schema.inspection
    stale = [lapse for lapse in lapses if lapse.newest is not None]
    reported = {lapse.category.code for lapse in stale}
    stale = [lapse for lapse in stale if not reported.intersection(lapse.category.children)]
    verdict = Verdict.VETO if len(stale) >= c.stale_columns_veto else Verdict.DEDUCTION
    timed = sum(1 for cat in s.schema.categories.values() if period_of(s.schema)(cat))
    checked = (f"{timed} 个有更新周期的栏目，{len(stale)} 个超期（达到 {c.stale_columns_veto} 个即单项否决，"
               "catalogue.yml 的 inspection.stale_columns_veto）")
    return outcome("column-freshness", checked, [_stale(s, c, lapse, verdict) for lapse in stale])


def _stale(s: Subject, c: Criteria, lapse: freshness.Lapse, verdict: Verdict) -> Finding:
    category, newest = lapse.category, lapse.newest
    assert newest is not None
    return Finding(verdict, f"栏目「{category.name}」已 {(s.today - newest).days} 天没有新信息（最近一条发布于 {newest}），"
                            f"超过了更新周期 {lapse.period}（{_period_source(c, category)}）。",
                   s.schema.source, category.line, s.category_url(category.code))


def empty_columns(s: Subject, lapses: list[freshness.Lapse]) -> Outcome:
    c = s.schema.inspection
    empty = [lapse.category for lapse in lapses if lapse.newest is None]
    verdict = Verdict.VETO if len(empty) >= c.empty_columns_veto else Verdict.DEDUCTION
    leaves = sum(1 for cat in s.schema.categories.values() if cat.is_leaf)
    checked = f"{leaves} 个栏目（最末一级分类），{len(empty)} 个空白（达到 {c.empty_columns_veto} 个即单项否决）"
    return outcome("empty-columns", checked, [
        Finding(verdict, f"栏目「{cat.name}」中没有任何公开信息。", s.schema.source, cat.line, s.category_url(cat.code))
        for cat in empty])


def thin_columns(s: Subject) -> Outcome:
    least = s.schema.inspection.thin_column_items
    if not least:
        return outcome("thin-columns", "未检查（catalogue.yml 的 inspection.thin_column_items 为 0）")
    found = []
    for cat in s.schema.categories.values():
        count = len(s.column(cat.code)) if cat.is_leaf else 0
        if 0 < count < least:
            found.append(Finding(Verdict.NOTICE, f"栏目「{cat.name}」只有 {count} 条信息，少于 {least} 条。",
                                 s.schema.source, cat.line, s.category_url(cat.code)))
    return outcome("thin-columns", f"每个栏目至少 {least} 条信息（inspection.thin_column_items）", found)


# Wording and links, over every public text.

def wording_errors(s: Subject, dictionary: wording.Dictionary, texts: list[Text]) -> Outcome:
    if not dictionary.present:
        return outcome("wording", "未检查", [Finding(
            Verdict.NOTICE, f"没有找到用语词典 {dictionary.source}，没有检查严重表述错误。请从示例项目复制 wording.yml，"
                            "或在 catalogue.yml 的 inspection.wording 中写明词典文件。", s.schema.source)])
    hits = wording.scan(dictionary, texts)
    checked = f"{len(texts)} 段公开文字，对照 {dictionary.source} 中的 {len(dictionary.terms)} 个词条"
    return outcome("wording", checked, [
        Finding(h.term.verdict, f"「{h.term.wrong}」{h.term.fix}。原文：{h.context}", h.text.file, h.line, s.page_url(h.text.page))
        for h in hits])


def internal_links(s: Subject, found: list[links.Link]) -> Outcome:
    internal = sum(1 for link in found if link.text.markdown and not link.external)
    checked = f"内容中的 {internal} 个站内链接（构建时按同样的规则检查，还检查生成后每个页面的全部链接）"
    return outcome("internal-links", checked, [
        Finding(Verdict.DEDUCTION, b.why, b.link.text.file, b.link.line, s.page_url(b.link.text.page))
        for b in links.broken(s, found)])


def external_links(s: Subject, found: list[links.Link]) -> Outcome:
    external = [link for link in found if link.external]
    return outcome("external-links", f"内容中的 {len(external)} 个外部链接（{len({x.target for x in external})} 个不同地址）", [
        Finding(Verdict.NOTICE, f"外部链接 {link.target}", link.text.file, link.line, s.page_url(link.text.page))
        for link in external])


# 规范性文件: their interpretations and their lifecycle.

def normative(s: Subject) -> list[Entry]:
    """The published 规范性文件 (inspection.normative.categories, their sub-categories included), newest first."""
    found = {id(e): e for code in s.schema.inspection.normative for e in s.column(code)}
    return sorted(found.values(), key=lambda e: (e.date, e.index_no), reverse=True)


def interpretations(s: Subject) -> dict[str, list[Entry]]:
    """The published interpretations of each document, by its 索引号, earliest first."""
    found: dict[str, list[Entry]] = {}
    for e in reversed(s.published.entries):
        if e.ctype.column_type == INTERPRETATION_COLUMN:
            for target in e.references.values():
                found.setdefault(target, []).append(e)
    return found


def interpretation(s: Subject) -> Outcome:
    c = s.schema.inspection
    documents = [e for e in normative(s) if e.in_force]
    by_document = interpretations(s)
    findings = [f for e in documents for f in _interpreted(s, e, by_document.get(e.index_no, []), c.interpretation_days)]
    checked = f"{len(documents)} 件现行有效的规范性文件，解读须在 {c.interpretation_days} 个工作日内发布"
    return outcome("interpretation", checked, findings)


def _interpreted(s: Subject, entry: Entry, found: list[Entry], days: int) -> list[Finding]:
    where = (entry.path, entry.key_lines.get("title"), s.url(entry))
    if not found:
        return [Finding(Verdict.DEDUCTION, f"规范性文件{_title(entry)}（发布于 {entry.date}）没有政策解读。", *where)]
    first = found[0]
    late = working_days(entry.date, first.date, s.schema) if first.date > entry.date else 0
    if late <= days:
        return []
    return [Finding(Verdict.DEDUCTION, f"规范性文件{_title(entry)}发布于 {entry.date}，最早的解读「{first.title}」发布于 "
                                       f"{first.date}，晚了 {late} 个工作日（应在 {days} 个工作日内）。",
                    first.path, first.key_lines.get("date"), s.url(first))]


def normative_validity(s: Subject) -> Outcome:
    c = s.schema.inspection
    documents = normative(s)
    findings = [f for e in documents for f in _lifecycle(s, c, e)]
    declared = any(c.valid_until in t.keys for t in s.schema.types.values())
    note = "" if declared else f"；注意：catalogue.yml 中没有任何内容类型声明有效期字段 {c.valid_until}"
    return outcome("normative-validity", f"{len(documents)} 件规范性文件的有效期和有效性{note}", findings)


def _lifecycle(s: Subject, c: Criteria, entry: Entry) -> list[Finding]:
    until = entry.values.get(c.valid_until)
    until = until if isinstance(until, dt.date) else None
    where = (entry.path, entry.key_lines.get(c.valid_until) or entry.key_lines.get("validity"), s.url(entry))
    found = []
    if entry.in_force and until is None:
        found.append(Finding(Verdict.DEDUCTION, f"现行有效的规范性文件{_title(entry)}没有注明有效期（{c.valid_until}）。", *where))
    elif entry.in_force and until and until < s.today:
        found.append(Finding(Verdict.DEDUCTION, f"规范性文件{_title(entry)}的有效期已于 {until} 届满，仍标注为“{entry.validity or '有效'}”。"
                                                "请改为失效或废止；需要继续施行的，应重新发布。", *where))
    elif entry.in_force and until and until <= c.expiry_notice.ahead(s.today):
        found.append(Finding(Verdict.NOTICE, f"规范性文件{_title(entry)}将于 {until} 到期（{(until - s.today).days} 天后）："
                                             "请评估是否延续，并及时公布结果。", *where))
    if until:
        found += _too_long(c, entry, until, where)
    return found


def _too_long(c: Criteria, entry: Entry, until: dt.date, where: tuple[str, int | None, str]) -> list[Finding]:
    """A period longer than allowed: 5 years, 2 for 试行/暂行, counted from the 成文日期 (else the 发布日期),
    with half a year's grace for the time between issuing a document and its taking effect."""
    start = entry.values.get(WRITTEN) or entry.date
    trial = any(word in entry.title for word in c.trial_words)
    limit = c.trial_max_years if trial else c.max_years
    years = (until - start).days / 365.25
    if years <= limit + 0.5:
        return []
    kind = f"{'、'.join(c.trial_words)}的文件" if trial else "规范性文件"
    return [Finding(Verdict.NOTICE, f"规范性文件{_title(entry)}的有效期约 {years:.1f} 年（{start} 至 {until}），"
                                    f"超过了{kind}一般不超过 {limit} 年的规定。", *where)]


# 条例第二十条, the annual report, the guide, the time taken to publish.

def statutory(s: Subject) -> Outcome:
    c = s.schema.inspection
    findings, applicable = [], 0
    for item in c.statutory:
        if item.not_applicable:
            continue
        applicable += 1
        if not item.places:
            findings.append(Finding(Verdict.DEDUCTION, f"{item.name}没有对应的栏目：请在 catalogue.yml 的 inspection.statutory."
                                                       f"{item.number} 中列出发布它的分类或内容类型，本机关不涉及的写“不适用：原因”。",
                                    s.schema.source, c.line_of(f"statutory.{item.number}")))
        elif not _published_in(s, item.places):
            names = "、".join(_place_name(s.schema, p.kind, p.key) for p in item.places)
            findings.append(Finding(Verdict.DEDUCTION, f"{item.name}：对应的栏目（{names}）中没有任何公开信息。",
                                    s.schema.source, c.line_of(f"statutory.{item.number}")))
    skipped = len(c.statutory) - applicable
    return outcome("statutory", f"条例第二十条的 {applicable} 项（另有 {skipped} 项注明不适用）", findings)


def _published_in(s: Subject, places: Iterable[Place]) -> bool:
    for place in places:
        if place.kind == "category" and s.column(place.key):
            return True
        if place.kind == "type" and any(e.ctype.key == place.key for e in s.published.entries):
            return True
    return False


def _place_name(schema: Schema, kind: str, key: str) -> str:
    return schema.categories[key].name if kind == "category" else schema.types[key].label


def annual_report(s: Subject) -> Outcome:
    published = s.annual_reports
    due = s.today.year - 1 if s.today > dt.date(s.today.year, 1, 31) else s.today.year - 2
    first = min(published, default=due)
    findings = [Finding(Verdict.DEDUCTION, f"没有 {year} 年度的政府信息公开工作年度报告（应于 {year + 1} 年 1 月 31 日前公布）。")
                for year in range(first, due + 1) if year not in published]
    for year, entry in sorted(published.items()):
        findings += _report_problems(s, year, entry)
    if s.today.month == 1 and s.today.year - 1 not in published:
        findings.append(Finding(Verdict.NOTICE, f"{s.today.year - 1} 年度报告应于 {s.today.year} 年 1 月 31 日前公布，还没有发布。"))
    years = "、".join(map(str, sorted(published))) or "无"
    return outcome("annual-report", f"已发布的年度报告：{years}；应已发布至 {due} 年度", findings)


_SECTION = re.compile(r"^##\s*([一二三四五六])[、．.][^\n]*\n(.*?)(?=^##\s|\Z)", re.MULTILINE | re.DOTALL)


def _report_problems(s: Subject, year: int, entry: Entry) -> list[Finding]:
    found = []
    deadline = dt.date(year + 1, 1, 31)
    if entry.date > deadline:
        found.append(Finding(Verdict.DEDUCTION, f"{year} 年度报告发布于 {entry.date}，晚于 {deadline}。",
                             entry.path, entry.key_lines.get("date"), s.url(entry)))
    sections = {m.group(1): m.group(2) for m in _SECTION.finditer(entry.body)}
    for number in "一五六":
        if number in sections and len(re.sub(r"\s", "", sections[number])) < 10:
            found.append(Finding(Verdict.DEDUCTION, f"{year} 年度报告正文第{number}部分几乎没有内容。",
                                 entry.path, entry.body_line, s.url(entry)))
    return found


def guide(s: Subject) -> Outcome:
    c = s.schema.inspection
    if not c.guide_page:
        return outcome("guide", "未指定", [Finding(Verdict.DEDUCTION, "catalogue.yml 没有指明信息公开指南页面（inspection.guide.page），"
                                                                    "无法检查指南是否及时更新。", s.schema.source, c.line_of("guide"))])
    page = next((f for f in s.plain_pages if f.src_uri == c.guide_page), None)
    shown = s.shown(c.guide_page)
    if page is None:
        return outcome("guide", shown, [Finding(Verdict.DEDUCTION, f"信息公开指南页面 {shown} 不存在（catalogue.yml 的 inspection.guide.page）。",
                                                s.schema.source, c.line_of("guide.page"))])
    return outcome("guide", f"{shown}，应在 {c.guide_max_age}内更新", _guide_date(s, page.data, shown))


def _guide_date(s: Subject, data: bytes, shown: str) -> list[Finding]:
    c = s.schema.inspection
    url = s.address.page(c.guide_page)
    source = read_source(data, shown)
    meta, lines = (source.meta, source.key_lines) if isinstance(source, Source) else ({}, {})
    try:
        updated = dt.date.fromisoformat(str(meta.get("date", "")).strip())
    except ValueError:
        return [Finding(Verdict.DEDUCTION, "信息公开指南没有注明更新日期：请在页面开头的元数据中写 date: YYYY-MM-DD"
                                           "（最近一次核对、更新的日期）。", shown, lines.get("date", 1), url)]
    if updated < c.guide_max_age.cutoff(s.today):
        return [Finding(Verdict.DEDUCTION, f"信息公开指南最近更新于 {updated}，已超过 {c.guide_max_age}。",
                        shown, lines.get("date"), url)]
    return []


def timeliness(s: Subject) -> Outcome:
    days = s.schema.inspection.timeliness_days
    dated = [e for e in s.published.entries if isinstance(e.values.get(WRITTEN), dt.date)]
    late = [(e, n) for e in dated if (n := working_days(e.values[WRITTEN], e.date, s.schema)) > days]
    return outcome("timeliness", f"{len(dated)} 条注明成文日期的信息，应在成文后 {days} 个工作日内发布", [
        Finding(Verdict.NOTICE, f"{_title(e)}成文于 {e.values[WRITTEN]}，发布于 {e.date}，相隔 {n} 个工作日。",
                e.path, e.key_lines.get("date"), s.url(e)) for e, n in late])
