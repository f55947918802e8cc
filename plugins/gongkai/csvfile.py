"""CSV files for the public: UTF-8 with a byte-order mark and CRLF line ends, so that spreadsheet
programs (Excel above all) open the Chinese text correctly."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence


def to_bytes(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
