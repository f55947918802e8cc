"""The import's report, in Chinese Markdown: what was read, what is (or would be) imported, counted
by type, category and year, and every problem with its row or file, so that the person migrating can
fix the source or import.yml and run again. Every personal number in it is masked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from gongkai.core.personal import mask_all
from gongkai.importing.entries import Draft
from gongkai.importing.migrate import TABLE, Outcome
from gongkai.importing.writing import Status


def render(outcome: Outcome) -> str:
    request = outcome.request
    mode = "试运行，未写入任何文件" if request.dry_run else "正式导入"
    lines = [f"# 导入报告（{mode}）", "", f"- 来源：{request.shown}" + (f"（{outcome.described}）" if outcome.described else "")]
    lines += [_mapping_line(outcome), f"- 用时：{outcome.seconds:.1f} 秒", ""]
    if outcome.fatal:
        return mask_all("\n".join([*lines, "## 未能导入", "", outcome.fatal, ""]))
    lines += _summary(outcome)
    lines += _counts(outcome)
    clashes = {id(p.draft) for p in outcome.planned if p.status is Status.CLASH}
    failed = [(d, ms) for d, ms in outcome.failed if id(d) not in clashes]
    lines += _section("出错的行（未导入）", [f"{_who(d)}：{m}" for d, ms in failed for m in ms], len(failed))
    lines += _section("与现有条目的索引号重复（未导入）", [f"{_who(d)}：{m}" for d, ms in outcome.failed
                                                  if id(d) in clashes for m in ms])
    lines += _section("待审核：没有明确的公开属性，按「依申请公开」导入，不会发布",
                      [f"{_who(p.draft)}：{p.draft.on_request}。" for p in outcome.imported if p.draft.on_request])
    lines += _section("已被手工修改，未覆盖（需要覆盖时加 --overwrite）",
                      [f"{_who(p.draft)}：{request.docs_dir.name}/{p.target}" for p in outcome.planned
                       if p.status is Status.EDITED])
    lines += _section("不予公开，不导入", [_who(d) for d in outcome.drafts if d.withheld])
    lines += _section("不能转向的旧网址（信息照常导入）", [f"{_who(p.draft)}：{n}" for p in outcome.imported
                                                   for n in p.draft.unredirected])
    lines += _section("索引号已按 catalogue.yml 的格式改写", [f"{_who(d)}：{d.old_index} → {d.index_no}"
                                                      for d in outcome.drafts if d.old_index])
    lines += _changes(outcome)
    lines += _section("其他说明", [f"{_who(d)}：{n}" for d in outcome.drafts for n in d.notes] + outcome.notes)
    lines += _section("现有内容中的问题（导入前已有，不影响本次导入，但会使构建失败）", [str(p) for p in outcome.others])
    return mask_all("\n".join(lines))


def _mapping_line(outcome: Outcome) -> str:
    mapping = outcome.mapping
    if mapping is None:
        return "- 导入设置：未读取"
    ctype = outcome.request.schema.types[mapping.type]
    if mapping.source:
        return f"- 导入设置：{mapping.source}；内容类型：{ctype.label}（{ctype.key}）"
    command = "table" if outcome.request.kind == TABLE else "pages"
    return (f"- 导入设置：没有 import.yml，按列名自动对应；内容类型：{ctype.label}（{ctype.key}）。"
            f"运行 gongkai import init {command} {outcome.request.shown} 可生成能修改的 import.yml")


def _summary(outcome: Outcome) -> list[str]:
    statuses = Counter(p.status for p in outcome.imported)
    failed = outcome.failed
    drafts = [p.draft for p in outcome.imported]
    redirected = sum(len(d.previous) for d in drafts if not d.on_request)
    lines = ["## 结果", "",
             f"- 读取 {outcome.records} {'行' if outcome.request.kind == TABLE else '个页面'}："
             f"可导入 {len(outcome.imported)} 条（新增 {statuses[Status.NEW]}、更新 {statuses[Status.UPDATED]}、"
             f"不变 {statuses[Status.SAME]}）；出错未导入 {len(failed)} 条。"]
    on_request = sum(1 for d in drafts if d.on_request)
    if on_request:
        lines.append(f"- 其中 {on_request} 条没有明确的公开属性，按「依申请公开」待审核导入，不会发布。")
    lines.append(f"- 旧网址：{redirected} 个将永久转向（301）到新页面；{sum(len(d.unredirected) for d in drafts)} 个不能转向。")
    if outcome.stopped:
        lines.append(f"- import.yml 设置了 on_error: stop，有 {len(failed)} 条出错，因此没有导入任何信息。")
    elif outcome.request.dry_run:
        lines.append("- 这是试运行，content/ 没有任何改动。确认无误后去掉 --dry-run 正式导入。")
    else:
        lines.append(f"- 写入了 {outcome.written} 个文件（条目和附件）。再次导入同一来源不会改动任何文件。")
    return [*lines, ""]


def _counts(outcome: Outcome) -> list[str]:
    drafts = [p.draft for p in outcome.imported]
    if not drafts:
        return []
    schema = outcome.request.schema
    lines = ["## 统计（可导入的信息）", ""]
    tables = (("类型", Counter(schema.types[d.type_key].label for d in drafts)),
              ("主题分类", Counter(d.category or "（无）" for d in drafts)),
              ("年份", Counter(str(d.year or "（无）") for d in drafts)))
    for name, counts in tables:
        order = sorted(counts.items(), key=lambda kv: kv[0], reverse=name == "年份")
        lines += [f"| {name} | 条数 |", "| --- | ---: |", *(f"| {k} | {v} |" for k, v in order), ""]
    return lines


def _changes(outcome: Outcome) -> list[str]:
    drafts = [d for d in outcome.drafts if d.changes]
    if not drafts:
        return []
    cleaning = outcome.request.clean or bool(outcome.mapping and outcome.mapping.clean)
    title = "清理的复制粘贴杂质" if cleaning else "发现的复制粘贴杂质（未清理：在 import.yml 中设置 clean: true 或加 --clean 清理）"
    total: Counter[str] = Counter()
    for d in drafts:
        total.update(d.changes.counts)
    items = [f"{_who(d)}：{d.changes.said()}" for d in drafts]
    return _section(title, [*items, "合计：" + "、".join(f"{k} {v} 处" for k, v in sorted(total.items()))], len(items))


def _who(draft: Draft) -> str:
    return f"{draft.origin}（索引号 {draft.index_no}）" if draft.index_no else draft.origin


def _section(title: str, items: Iterable[str], count: int | None = None) -> list[str]:
    """A titled list with its count (of rows, where a row may have several lines)."""
    found = list(items)
    shown = len(found) if count is None else count
    return [f"## {title}（{shown}）", "", *(f"- {i}" for i in found), ""] if found else []
