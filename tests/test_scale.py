"""Directory and entry pages stay the same size as the catalogue grows (generated corpus)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import page_size


def test_pages_weigh_the_same_at_600_and_1500_entries(tmp_path):
    small, large = (page_size.measure(n, tmp_path) for n in (600, 1500))
    for page in page_size.PAGES:
        a, b = small["page_bytes"][page], large["page_bytes"][page]  # type: ignore[index]
        assert abs(a - b) / a < 0.01, (page, a, b)
