"""Content loaded on every core (forked processes) gives what one core gives."""

from __future__ import annotations

import sys
from pathlib import Path

from gongkai.core import redaction, workers
from gongkai.core.content import load_content
from gongkai.core.schema import load_schema
from gongkai.mkdocs import project

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_loading_on_every_core_gives_what_one_core_gives(tmp_path, monkeypatch):
    corpus.write(2 * workers.SHARE_FROM + 20, tmp_path)
    docs = tmp_path / "content"
    first, second, third = sorted((docs / "xxgk").rglob("*.md"))[:3]
    _edit(first, "title: ", "titel: ")  # an error: the entry is left out
    _edit(second, "disclosure: 主动公开", "disclosure: 删减后公开")  # redacted, with a span cut
    _edit(second, "\n\n", f"\n\n{redaction.OPEN}内部事项{redaction.CLOSE}")
    _edit(third, "\n\n", "\n\n当事人身份证号 11010519491231002X。")  # personal data: an error
    schema = load_schema(tmp_path / "catalogue.yml", "catalogue.yml")
    sources, _ = project.sources(docs)

    forks: list[int] = []

    class Counted(workers.Team):
        def run(self, phase: int) -> list[object]:
            forks.append(len(self.children))
            return super().run(phase)

    monkeypatch.setattr(workers, "Team", Counted)
    forked_load = load_content(schema, sources, docs)
    assert forks == [2]
    monkeypatch.setattr(workers, "SHARE_FROM", 10**9)
    one_core = load_content(schema, sources, docs)

    assert [str(p) for p in forked_load.problems] == [str(p) for p in one_core.problems]
    assert any("titel" in str(p) for p in one_core.problems)
    assert any("居民身份证号码" in str(p) for p in one_core.problems)
    published = [(e.src_uri, e.values, e.body) for e in forked_load.result.published.entries]
    assert published == [(e.src_uri, e.values, e.body) for e in one_core.result.published.entries]
    assert forked_load.result.redactions == one_core.result.redactions == 1
    assert first.relative_to(docs).as_posix() not in {uri for uri, _, _ in published}
    assert all(e.ctype is schema.types[e.ctype.key] for e in forked_load.result.published.entries)
