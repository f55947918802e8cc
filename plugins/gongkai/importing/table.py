"""A catalogue exported as a spreadsheet: .xlsx, .xls, .ods (read by python-calamine, which tells
the format by the bytes, so an export misnamed .xls still reads), CSV in UTF-8, UTF-8 with BOM,
UTF-16 or GB18030 (the stdlib's csv reader; charset-normalizer for anything else), and the HTML
table many Chinese CMSs save under a .xls name.

Row numbers are the spreadsheet's: the header is the row it is on, and a CSV record spanning
several lines is one row, as a spreadsheet program shows it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import charset_normalizer
import python_calamine
from bs4 import BeautifulSoup

from gongkai.core import oserror
from gongkai.importing.records import Record, SourceError

SPREADSHEETS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
TEXT_TABLES = (".csv", ".txt", ".tsv")
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
csv.field_size_limit(64 * 1024 * 1024)  # a body cell of a few megabytes is normal; the default stops at 128 KB


@dataclass(frozen=True)
class Table:
    headers: list[str]
    records: list[Record]
    header_row: int  # 1-based
    described: str  # what was read, for the report: 工作表「目录」, or the encoding of a CSV


def read_table(path: Path, shown: str, sheet: str | int = 0, header_row: int = 0, encoding: str = "",
               folder: Path | None = None) -> Table:
    """Every row below the header as a Record; raises SourceError (Chinese, naming `shown`)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"无法读取 {shown}：{oserror.why(e)}。") from None
    if not data.strip():
        raise SourceError(f"{shown} 是空文件，没有可以导入的内容。")
    if data.startswith((_ZIP, _OLE)):
        rows, described = _workbook(data, shown, sheet)
    elif _markup(data) and re.search(rb"<table", data[:65536], re.IGNORECASE):
        rows, described = _html_table(_decode(data, shown, encoding)[0], shown)
    elif path.suffix.lower() in SPREADSHEETS:
        raise SourceError(f"{shown} 不是完整的 Excel、WPS 或 ODS 表格（文件可能不完整或已损坏）。请在原系统中重新导出，"
                          "或在表格软件中打开后另存为 .xlsx。")
    else:
        text, described = _decode(data, shown, encoding)
        rows = _csv_rows(text, shown)
    return _records(rows, shown, header_row, described, folder or path.parent)


def _markup(data: bytes) -> bool:
    """A file that is an HTML document (a CMS's .xls export), not a CSV whose cells hold HTML."""
    return data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<"


UNPACKED_LIMIT = 300 * 1024 * 1024  # bytes: 10,000 rows with bodies unpack to some 30 MB; a zip bomb to gigabytes


def _unpacked(data: bytes, shown: str) -> None:
    """Refuse a workbook (a ZIP: .xlsx, .ods) that would unpack to more than UNPACKED_LIMIT, before the
    reader holds it in memory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return  # the reader says what is wrong with it
    if size > UNPACKED_LIMIT:
        raise SourceError(f"{shown} 解压后有 {size // 1024 // 1024} MB，超过了导入的上限 {UNPACKED_LIMIT // 1024 // 1024} MB，"
                          "不像是一份目录导出文件。请检查文件，或在原系统中分几次导出、分别导入。")


def _workbook(data: bytes, shown: str, sheet: str | int) -> tuple[list[list[Any]], str]:
    if data.startswith(_ZIP):
        _unpacked(data, shown)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
        if (isinstance(sheet, int) and sheet >= len(names)) or (isinstance(sheet, str) and sheet not in names):
            wanted = f"第 {sheet + 1} 个工作表" if isinstance(sheet, int) else f"工作表「{sheet}」"
            raise SourceError(f"{shown} 中没有{wanted}；工作表有：{'、'.join(names) or '（无）'}。请改正 import.yml 的 sheet。")
        found = book.get_sheet_by_index(sheet) if isinstance(sheet, int) else book.get_sheet_by_name(sheet)
        return found.to_python(skip_empty_area=False), f"工作表「{found.name}」"
    except python_calamine.PasswordError:
        raise SourceError(f"{shown} 设置了密码，无法读取。请在表格软件中取消密码后另存。") from None
    except (python_calamine.CalamineError, ValueError) as e:
        raise SourceError(f"{shown} 无法作为表格读取：文件不完整、已损坏，或不是 Excel、WPS、ODS 表格（{_short(e)}）。"
                          "请在原系统中重新导出，或在表格软件中打开后另存为 .xlsx。") from None


def _decode(data: bytes, shown: str, encoding: str) -> tuple[str, str]:
    """The text of a CSV or HTML export, and which encoding it was in."""
    if encoding:
        try:
            return data.decode(encoding), f"编码 {encoding}"
        except LookupError:
            raise SourceError(f"import.yml 的 encoding「{encoding}」不是已知的编码；常用的有 utf-8、gb18030。") from None
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            raise SourceError(f"{shown} 第 {line} 行有不是 {encoding} 编码的字节：文件的编码与 import.yml 的 encoding 不符。"
                              "请把 encoding 改为文件实际的编码（常见的是 utf-8 或 gb18030），或删去这一项自动识别。") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "编码 UTF-16"
    for name, shown_name in (("utf-8-sig", "UTF-8"), ("gb18030", "GB18030")):
        try:
            return data.decode(name), f"编码 {shown_name}"
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise SourceError(f"{shown} 的编码无法识别（既不是 UTF-8，也不是 GB18030）。请在表格软件中另存为“CSV UTF-8”，"
                          "或在 import.yml 的 encoding 中写明编码。")
    return str(best), f"编码 {best.encoding}（自动识别，请核对）"


def _csv_rows(text: str, shown: str) -> list[list[Any]]:
    sample = text[:65536]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as e:
        raise SourceError(f"{shown} 不是有效的 CSV 文件（{_short(e)}）。请在表格软件中打开后另存为 CSV 或 .xlsx。") from None


def _html_table(text: str, shown: str) -> tuple[list[list[Any]], str]:
    table = BeautifulSoup(text, "html.parser").find("table")
    if table is None:
        raise SourceError(f"{shown} 中没有表格。")
    rows = []
    for tr in table.find_all("tr"):
        cells = tr.find_all(["td", "th"])
        rows.append([c.decode_contents().strip() if c.find(True) else c.get_text().strip() for c in cells])
    return rows, "网页表格（.xls 名称的 HTML 文件）"


def _records(rows: list[list[Any]], shown: str, header_row: int, described: str, folder: Path) -> Table:
    filled = [i for i, row in enumerate(rows) if any(_cell(v) != "" for v in row)]
    if not filled:
        raise SourceError(f"{shown} 中没有数据。")
    top = header_row - 1 if header_row else filled[0]
    if top >= len(rows):
        raise SourceError(f"{shown} 只有 {len(rows)} 行，没有 import.yml 中 header_row 指定的第 {header_row} 行。")
    headers = _headers(rows[top])
    records = []
    for index in range(top + 1, len(rows)):
        values = [_cell(v) for v in rows[index]]
        if all(v == "" for v in values):
            continue
        cells = {h: values[i] if i < len(values) else "" for i, h in enumerate(headers)}
        records.append(Record(f"第 {index + 1} 行", index + 1, cells, folder, folder))
    return Table(headers, records, top + 1, described)


def _headers(row: Iterable[Any]) -> list[str]:
    """Column names as written, a blank one named by its letter, a repeated one numbered."""
    out: list[str] = []
    for number, value in enumerate(row):
        name = re.sub(r"\s+", " ", str(_cell(value))).strip() or f"第 {_letter(number)} 列"
        out.append(name if name not in out else f"{name}（{sum(1 for o in out if o.startswith(name)) + 1}）")
    return out


def _letter(number: int) -> str:
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(value: Any) -> Any:
    """A cell as the import reads it: text stripped, whole numbers without “.0”, dates as dates."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, (dt.date, dt.datetime, int)):
        return value
    return "" if value is None else str(value)


def _short(error: Exception) -> str:
    return str(error).splitlines()[0][:120] if str(error) else type(error).__name__
