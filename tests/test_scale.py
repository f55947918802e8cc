"""Directory and entry pages stay the same size as the catalogue grows (generated corpus); the
linearity benchmark builds what it reports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import linearity
import page_size


def test_pages_weigh_the_same_at_600_and_1500_entries(tmp_path):
    small, large = (page_size.measure(n, tmp_path) for n in (600, 1500))
    for page in page_size.PAGES:
        a, b = small["page_bytes"][page], large["page_bytes"][page]
        assert abs(a - b) / a < 0.01, (page, a, b)


def test_the_linearity_benchmark_builds_each_size_in_each_round():
    result = linearity.main([20, 60], rounds=2)
    times = result["build_s"]
    assert [len(times[n]) for n in (20, 60)] == [2, 2]
    per_entry = result["ms_per_entry"]
    assert per_entry[20] > per_entry[60] > 0  # the fixed cost weighs more on few
    assert result["apart"] == pytest.approx(per_entry[20] / per_entry[60] - 1, abs=0.01)
