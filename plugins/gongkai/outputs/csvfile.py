"""CSV files for the public: UTF-8 with a byte-order mark and CRLF line ends, so that spreadsheet
programs (Excel above all) open the Chinese text correctly; the tables of the content types. A text
cell that a spreadsheet would read as a formula (=, +, -, @, a tab or a carriage return first) is
written with a leading apostrophe, as OWASP advises: an editor's title cannot become a live link
or a calculation on a reader's computer."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from gongkai.core.schema import PowerListSpec
from gongkai.types import powerlist, reports

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def to_bytes(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(map(_inert, header))
    writer.writerows(map(_inert, row) for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _inert(cell: object) -> object:
    return f"'{cell}" if isinstance(cell, str) and cell.startswith(_FORMULA) else cell


def report_table(report: reports.AnnualReport, key: str) -> bytes:
    """One of an annual report's tables, published beside it."""
    return to_bytes(*reports.table_rows(report, key))


def power_list(spec: PowerListSpec, items: list[powerlist.PowerItem]) -> bytes:
    """The whole power and responsibility list."""
    return to_bytes(*powerlist.table(spec, items))
