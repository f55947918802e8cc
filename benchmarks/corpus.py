"""A deterministic synthetic catalogue: N entries with Chinese titles, text and metadata.

`python benchmarks/corpus.py N DEST [--example]` writes a complete project (mkdocs.yml,
catalogue.yml, content/) into DEST, using the repository's own mkdocs.yml, catalogue.yml and
overrides/. Beside the N catalogue entries come the other content types in about the proportion a
bureau publishes them: a service guide per 20 entries and a policy interpretation per 25 (each
interpreting one of the entries), made from the example site's own guides and interpretations,
and the example's annual reports. With `--example` (`make bench-search`), the example site itself
(all of content/ and synonyms.yml) is mixed in: an entry whose 索引号 the example uses takes one
from 90000 up. The same N always gives the same bytes.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

SUBJECTS = ["户口迁移", "居民身份证办理", "机动车登记", "驾驶证换领", "出入境证件", "治安管理", "消防安全检查",
            "网络安全", "禁毒宣传", "反诈骗宣传", "警务辅助人员招录", "部门预算", "交通安全", "校园安全", "流动人口服务"]
KINDS = ["通知", "公告", "办法", "实施意见", "工作方案", "通报", "答复", "说明"]
SENTENCES = [
    "为进一步规范{s}工作，提高服务群众水平，结合本市实际，制定本{k}。",
    "各级公安机关要严格落实{s}有关规定，做到依法、公开、便民。",
    "群众办理{s}业务，可通过政务服务网上办理，也可到就近的派出所窗口办理。",
    "本年度共受理{s}相关事项一千二百余件，按时办结率达到百分之百。",
    "对{s}工作中发现的问题，要及时整改，并向社会公开整改情况。",
    "本{k}自发布之日起施行，由示例市公安局负责解释。",
    "本{k}依照《中华人民共和国政府信息公开条例》予以主动公开，公众可以通过政府信息公开目录查阅。",
]
# Every entry names the office that handles it; the combination is unique for up to 12,000 entries,
# so a search for it has exactly one right answer.
DISTRICTS = ["东城区", "西城区", "南湖区", "北山区", "滨江区", "高新区", "经开区", "临港区", "青松县", "白石县",
             "云溪县", "金沙县", "石桥镇", "梅林镇", "柳河镇", "桃源镇"]
STREETS = ["和平街道", "解放街道", "人民路街道", "建设街道", "光明街道", "幸福街道", "新华街道", "胜利街道", "文化街道",
           "朝阳街道", "长安街道", "中山街道", "友谊街道", "团结街道", "民主街道", "红旗街道", "东风街道", "前进街道",
           "向阳街道", "春晖街道", "秋实街道", "翠竹街道", "玉兰街道", "丹桂街道", "银杏街道"]
OFFICES = ["户籍窗口", "社区警务室", "交通管理中队", "出入境服务站", "治安巡逻队", "警务服务站", "便民服务点",
           "消防监督组", "网安工作站", "禁毒工作站", "反诈宣传站", "法制审核室", "信访接待室", "车管服务站",
           "驾考服务点", "校园安全岗", "巡特警中队", "刑侦中队", "经侦中队", "食药环侦组", "内保工作组", "特警分队",
           "指挥调度室", "警务保障室", "政工监督室", "档案查询室", "证件受理点", "夜间服务窗", "警民联络站",
           "流动人口服务站"]


TODAY = "2026-12-31"  # the corpus's entries are dated up to the end of 2026: none is published after "today"


def office(n: int) -> str:
    """The entry's unique office: 东城区和平街道社区警务室 and the like."""
    return (DISTRICTS[n % len(DISTRICTS)] + STREETS[n // len(DISTRICTS) % len(STREETS)]
            + OFFICES[n // (len(DISTRICTS) * len(STREETS)) % len(OFFICES)])


def entry(n: int, rng: random.Random, schema: dict) -> tuple[str, str]:
    publishers = schema["publishers"]
    leaves = [c["name"] for top in schema["categories"] for c in (top.get("children") or [top])]
    publisher = publishers[n % len(publishers)]
    year = 2019 + n % 8
    date = f"{year}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
    subject, kind = rng.choice(SUBJECTS), rng.choice(KINDS)
    meta = {
        "title": f"示例市公安局关于{subject}的{kind}（第{n}号）",
        "index_no": f"{publisher['code']}/{year}-{n:05d}",
        "category": leaves[n % len(leaves)],
        "publisher": publisher["name"],
        "doc_no": f"示公通〔{year}〕{n}号",
        "date": date,
        "disclosure": "主动公开",
        "validity": "有效",
        "keywords": [subject, kind],
        "summary": f"关于{subject}的{kind}。",
    }
    paragraphs = ["".join(rng.choice(SENTENCES).format(s=subject, k=kind) for _ in range(4)) for _ in range(5)]
    paragraphs.insert(2, f"本事项由{office(n)}具体承办，办理结果将及时告知申请人。")
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + "\n\n".join(paragraphs)
    return f"xxgk/{year}/e{n:05d}.md", text + "\n"


GUIDES = ["chusheng-dengji", "gangao-tongxingzheng", "jiashizheng-huanzheng", "shenfenzheng-huanling",
          "wufanzui-zhengming", "yinzhang-kezhi-beian"]  # the example's guides without attachments
INTERPRETATIONS = ["fabuhui-zhian-chufa-fa", "jiedu-huji-qianyi", "jiedu-jingfu-banfa", "jiedu-lvguan-dengji",
                   "wenda-diandongche-dengji"]  # and its interpretations in text


def _retold(source: str, n: int, fields: dict[str, str], tree: Path = ROOT) -> str:
    """An example file with its title numbered and `fields` replaced (their lines must exist)."""
    text = (tree / "content" / source).read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    lines = head.splitlines()
    for i, line in enumerate(lines):
        key = line.split(":", 1)[0]
        if key == "title":
            lines[i] = f"{line}（第{n}号）"
        elif key in fields:
            lines[i] = f"{key}: {fields[key]}"
    return "\n".join(lines) + "\n---\n" + _LINK.sub(r"\1", body)


_LINK = re.compile(r"\[([^\]]*)\]\((?!https?:)[^)]*\)")  # links to the example's other files, which the corpus lacks


def _index_no(source: str, year: str, n: int, tree: Path = ROOT) -> str:
    """A new 索引号 under the same publisher's code: sequence numbers from 50000 are the corpus's own."""
    code = (tree / "content" / source).read_text(encoding="utf-8").split("index_no: ")[1].split("/")[0]
    return f"{code}/{year}-{50000 + n:05d}"


def others(count: int, entries: dict[int, dict], tree: Path = ROOT) -> dict[str, str]:
    """Guides, interpretations and reports to go with `count` entries (their metadata by number)."""
    out = {}
    for k in range(1, count // 20 + 1):
        source = f"bszn/{GUIDES[k % len(GUIDES)]}.md"
        date = entries[k * 20]["date"]
        fields = {"index_no": _index_no(source, date[:4], 2 * k, tree), "item_code": f"GUIDE-{k:05d}", "date": date}
        out[f"bszn/g{k:05d}.md"] = _retold(source, k, fields, tree)
    for k in range(1, count // 25 + 1):
        source = f"zcjd/{INTERPRETATIONS[k % len(INTERPRETATIONS)]}.md"
        policy = entries[k * 25]
        fields = {"index_no": _index_no(source, policy["date"][:4], 2 * k + 1, tree), "policy": policy["index_no"],
                  "date": policy["date"]}
        out[f"zcjd/j{k:05d}.md"] = _retold(source, k, fields, tree)
    for report in sorted((tree / "content/ndbg").glob("*.md")):
        out[f"ndbg/{report.name}"] = report.read_text(encoding="utf-8")
    return out


def retold_from() -> dict[str, str]:
    """The example file each guide and interpretation of `others` retells, by its path in content/."""
    guides = {f"bszn/g{k:05d}.md": f"bszn/{GUIDES[k % len(GUIDES)]}.md" for k in range(1, 100_000 // 20)}
    return {**guides, **{f"zcjd/j{k:05d}.md": f"zcjd/{INTERPRETATIONS[k % len(INTERPRETATIONS)]}.md"
                         for k in range(1, 100_000 // 25)}}


def example_index_numbers(tree: Path) -> set[str]:
    """The 索引号 of the example site's own files."""
    found = set()
    for path in (tree / "content").rglob("*.md"):
        head = path.read_text(encoding="utf-8").split("---\n")
        meta = yaml.safe_load(head[1]) if len(head) > 2 and not head[0] else None
        if isinstance(meta, dict) and "index_no" in meta:
            found.add(meta["index_no"])
    return found


def write(count: int, dest: Path, example: bool = False, tree: Path = ROOT) -> None:
    """The corpus of `count` entries into `dest`, with the example site when `example`; `tree` is the
    source tree whose catalogue.yml, mkdocs.yml, theme and example content are used."""
    schema = yaml.safe_load((tree / "catalogue.yml").read_text(encoding="utf-8"))
    shutil.rmtree(dest, ignore_errors=True)
    config = (tree / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      catalogue: catalogue.yml\n", f"      catalogue: catalogue.yml\n      today: \"{TODAY}\"\n")
    if example:  # the example's own pages, as mkdocs.yml's nav lists them
        shutil.copytree(tree / "content", dest / "content")
        if (tree / "synonyms.yml").exists():
            shutil.copy(tree / "synonyms.yml", dest / "synonyms.yml")
    else:
        config = re.sub(r"\nnav:\n(  .*\n)+", "\n", config)  # the example's own pages are not in the corpus
        (dest / "content").mkdir(parents=True)
        (dest / "content/index.md").write_text("# 示例市公安局政府信息公开\n\n[政府信息公开目录](mulu/index.md)\n",
                                               encoding="utf-8")
        (dest / "content/yishenqing.md").write_text("# 依申请公开指南\n\n向本机关提出申请。\n", encoding="utf-8")  # linked from catalogue.yml
    shutil.copy(tree / "catalogue.yml", dest / "catalogue.yml")
    if (tree / "wording.yml").exists():
        shutil.copy(tree / "wording.yml", dest / "wording.yml")  # the inspection's dictionary
    (dest / "mkdocs.yml").write_text(config.replace("custom_dir: overrides", f"custom_dir: {tree / 'overrides'}"),
                                     encoding="utf-8")
    taken = example_index_numbers(tree) if example else set()
    rng = random.Random(20211)
    files, metas = {}, {}
    for n in range(1, count + 1):
        rel, text = entry(n, rng, schema)
        meta = yaml.safe_load(text.split("---")[1])
        if meta["index_no"] in taken:
            number = meta["index_no"]
            text = text.replace(number, number.rsplit("-", 1)[0] + f"-{90000 + n:05d}")
            meta = yaml.safe_load(text.split("---")[1])
        files[rel], metas[n] = text, meta
    files.update(others(count, metas, tree))
    for rel, text in files.items():
        path = dest / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]), "--example" in sys.argv[3:])
