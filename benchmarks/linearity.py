"""Does the build's cost grow linearly? `python benchmarks/linearity.py [N ...]` (`make bench-linearity`).

Writes a synthetic catalogue of each size (corpus.py; 2,500 and 10,000 entries by default) and
builds each with the project as `make bench` does (`python -m gongkai.build --strict`, a new
site and no QR-code cache each time), in rounds that alternate the sizes, so that a slow spell of
this machine falls on both. One build's time varies by up to a fifth here from run to run, so a
single pair says little: the median of the rounds is compared. The last line printed is JSON:
entries, build_s (every round's), ms_per_entry (median), apart (how far the dearest per entry is
above the cheapest, 0.15 for 15 %).
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build
import corpus

ROUNDS = 3


def once(project: Path) -> float:
    """Seconds for one full build of `project`, from nothing that an earlier build left."""
    for leftover in ("site", ".cache"):
        shutil.rmtree(project / leftover, ignore_errors=True)
    seconds, _ = build.timed([sys.executable, "-m", "gongkai.cli", "build", "--strict"], project)
    return seconds


def main(counts: list[int], rounds: int = ROUNDS) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as work:
        projects = {count: Path(work) / f"n{count}" for count in counts}
        for count, project in projects.items():
            corpus.write(count, project)
        times: dict[int, list[float]] = {count: [] for count in counts}
        for _ in range(rounds):
            for count, project in projects.items():
                times[count].append(once(project))
                print(f"{count} entries: {times[count][-1]:.1f} s", file=sys.stderr, flush=True)
    per_entry = {count: statistics.median(seconds) / count * 1000 for count, seconds in times.items()}
    return {"entries": counts, "build_s": {n: [round(s, 1) for s in seconds] for n, seconds in times.items()},
            "ms_per_entry": {n: round(ms, 2) for n, ms in per_entry.items()},
            "apart": round(max(per_entry.values()) / min(per_entry.values()) - 1, 3)}


if __name__ == "__main__":
    print(json.dumps(main([int(n) for n in sys.argv[1:]] or [2500, 10000])))
