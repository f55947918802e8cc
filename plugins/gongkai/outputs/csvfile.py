"""CSV files for the public: UTF-8 with a byte-order mark and CRLF line ends, so that spreadsheet
programs (Excel above all) open the Chinese text correctly; the tables of the content types."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from gongkai.core.schema import PowerListSpec
from gongkai.types import powerlist, reports


def to_bytes(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def report_table(report: reports.AnnualReport, key: str) -> bytes:
    """One of an annual report's tables, published beside it."""
    return to_bytes(*reports.table_rows(report, key))


def power_list(spec: PowerListSpec, items: list[powerlist.PowerItem]) -> bytes:
    """The whole power and responsibility list."""
    return to_bytes(*powerlist.table(spec, items))
