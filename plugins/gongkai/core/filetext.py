"""The text a reader finds in a published file, for the personal-data scan.

An office document is a zip of XML parts (Word, Excel, PowerPoint, OpenDocument): its text is the
XML's, tags dropped, one line per paragraph, cell or row, so a number split across formatting runs
reads whole. A PDF's text layer comes from pypdf, which decompresses the page streams where the
numbers are; a scanned PDF has none, and only a person can check it. Every file is also read as its
bytes (UTF-8, UTF-16, GB18030, else Latin-1), which finds plain text and uncompressed streams.
"""

from __future__ import annotations

import html
import io
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

import pypdf

OFFICE = frozenset(".docx .xlsx .pptx .odt .ods .odp .ofd".split())  # .ofd: the national standard format, a zip of XML too
MAX_XML = 64 * 1024 * 1024  # bytes of XML read from one document: enough for any real one, not for a zip bomb
_BREAK = re.compile(r"</(?:w:p|w:tc|w:tr|a:p|text:p|text:h|table:table-cell|table:table-row|si|c|row)>|<[^>]*/>")
_TAG = re.compile(r"<[^>]*>")

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its notes on odd PDFs are not the editor's concern


@dataclass(frozen=True)
class Text:
    text: str
    unread: str = ""  # why part of the file could not be read, in Chinese; empty when all of it was
    lines: bool = True  # whether the text's lines are the file's (not for a document's text)


def of(path: str, data: bytes) -> Text:
    """The text of the file at `path` (a name inside content/) with content `data`."""
    suffix = PurePosixPath(path).suffix.lower()
    raw = bytes_as_text(data)
    if suffix in OFFICE:
        inner = _office(data)
    elif suffix == ".pdf":
        inner = _pdf(data)
    else:
        return Text(raw)
    return Text(f"{inner.text}\n{raw}", inner.unread, lines=False)


def bytes_as_text(data: bytes) -> str:
    """Text as a reader would see it: UTF-8, UTF-16 with BOM, GB18030; binary files as Latin-1, so that
    digits in uncompressed PDF text or plain-text formats are still found."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _office(data: bytes) -> Text:
    parts: list[str] = []
    size = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if not info.filename.endswith(".xml"):
                    continue
                size += info.file_size
                if size > MAX_XML:
                    return Text("\n".join(parts), "文件中的文字过多，没有读完")
                xml = archive.read(info).decode("utf-8", errors="replace")
                parts.append(html.unescape(_TAG.sub("", _BREAK.sub("\n", xml))))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
        return Text("", "文件已损坏或格式不对，无法读取其中的文字")
    return Text("\n".join(parts))


def _pdf(data: bytes) -> Text:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return Text("", "这是加密的 PDF，无法读取其中的文字")
        return Text("\n".join(page.extract_text() or "" for page in reader.pages))
    except Exception:  # pypdf raises many kinds on a malformed file; what it could not read is reported
        return Text("", "PDF 文件已损坏或格式不对，无法读取其中的文字")
