"""Fixtures that write a tiny site into a temporary folder and build it with the real plugin."""

from __future__ import annotations

import json
import logging
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

import gongkai.types  # noqa: F401 (the content types register their checks with the core)

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

MKDOCS_YML = """\
site_name: 测试站点
site_url: https://example.gov.cn/
docs_dir: content
theme:
  name: material
  custom_dir: {overrides}
  language: zh
  font: false
  features: [navigation.indexes]
plugins:
  - disclosure
extra:
  generator: false
"""


def entry(index_no: str = "000014349/2021-00001", **fields: object) -> str:
    """A valid entry file; keyword arguments override or (with None) remove fields."""
    meta: dict[str, object] = {
        "title": "测试市公安局关于测试事项的通知", "index_no": index_no, "category": "规范性文件",
        "publisher": "测试市公安局", "date": "2021-03-15", "disclosure": "主动公开", "validity": "有效",
    }
    meta.update(fields)
    lines = [f"{k}: {v}" for k, v in meta.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n正文第一段。\n"


def pdf(text: str) -> bytes:
    """A one-page PDF whose text is in a compressed stream: only its text layer shows the number."""
    stream = zlib.compress(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF = pdf("Form")  # a real one-page PDF, for attachments


@dataclass
class Build:
    root: Path
    ok: bool
    log: list[str] = field(default_factory=list)

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")

    @property
    def errors(self) -> str:
        return "\n".join(self.log)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def build_site(root: Path, files: dict[str, str | bytes], *, strict: bool = True,
               catalogue: str | None = None, mkdocs_extra: str = "", options: dict[str, object] | None = None) -> Build:
    """Write `files` (paths relative to root; content/… for content) and build; never raises.
    `options` are the disclosure plugin's options in mkdocs.yml."""
    root.mkdir(parents=True, exist_ok=True)
    yml = MKDOCS_YML.format(overrides=PROJECT / "overrides") + mkdocs_extra
    if options:
        yml = yml.replace("  - disclosure\n", "  - disclosure:\n" + "".join(f"      {k}: {json.dumps(v)}\n" for k, v in options.items()))
    (root / "mkdocs.yml").write_text(yml, encoding="utf-8")
    (root / "catalogue.yml").write_text(catalogue or (FIXTURES / "catalogue.yml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    (root / "content" / "index.md").write_text("# 首页\n\n[目录](mulu/index.md)\n", encoding="utf-8")
    # The project's catalogue.yml links its 依申请公开 list to this guide.
    (root / "content" / "yishenqing.md").write_text("# 依申请公开指南\n\n如何申请。\n", encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(root / "mkdocs.yml"), strict=strict, site_dir=str(root / "site"))
        mkdocs_build(config)
        ok = True
    except Abort:
        ok = False
    finally:
        logger.removeHandler(handler)
    return Build(root, ok, handler.lines)


@pytest.fixture
def site(tmp_path: Path) -> Callable[..., Build]:
    count = 0

    def make(files: dict[str, str | bytes], **kwargs: object) -> Build:
        nonlocal count
        count += 1
        return build_site(tmp_path / f"project{count}", files, **kwargs)  # type: ignore[arg-type]

    return make


@dataclass
class Served:
    """The example site, built strictly, deployed with deploy.sh and served by nginx on localhost."""
    project: Path
    base: str

    @property
    def site(self) -> Path:
        return self.project / "site"


@pytest.fixture(scope="session")
def served_example(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    import serving
    tmp = tmp_path_factory.mktemp("served")
    project = serving.build_example(tmp / "example")
    with serving.nginx(tmp, serving.deploy(project, tmp / "srv")) as (base, _):
        yield Served(project, base)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Headless chromium; a test fails if any page it loaded asked for something outside localhost."""
    import serving
    with serving.chromium() as found:
        yield found
        assert not found.outside, f"requests left localhost: {found.outside[:5]}"
