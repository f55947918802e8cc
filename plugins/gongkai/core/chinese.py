"""Simplified and Traditional Chinese: OpenCC's dictionaries, as the opencc package ships them.

The 繁體 switch converts pages with the s2t dictionaries (outputs/traditional.py); search folds
Traditional characters to Simplified with TSCharacters (search/segment.py), at index and at query
time, so that either script finds both.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import opencc


def entries(name: str) -> Iterator[tuple[str, str]]:
    """A dictionary shipped with the opencc package, read with its own `opencc_dict` tool: key, first candidate."""
    clib = Path(opencc.__file__).parent / "clib"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{name}.txt"
        subprocess.run([str(clib / "bin/opencc_dict"), "-i", str(clib / f"share/opencc/{name}.ocd2"), "-o", str(out),
                        "-f", "ocd2", "-t", "text"], check=True, capture_output=True)
        text = out.read_text(encoding="utf-8")
    for line in text.splitlines():
        key, _, values = line.partition("\t")
        yield key, values.split(" ")[0]


@cache
def simplified() -> dict[str, str]:
    """Each Traditional character whose Simplified form differs, and that form (TSCharacters' first
    candidate, followed to its end: 薴 → 苧 → 苎), so that folding twice changes nothing."""
    table = dict(entries("TSCharacters"))
    out = {}
    for char, target in table.items():
        seen = {char}
        while target in table and target not in seen:
            seen.add(target)
            target = table[target]
        if target != char:
            out[char] = target
    return out
