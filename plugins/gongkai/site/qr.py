"""QR codes of entry pages: inline SVG made at build time, so a printed page leads back to its online
version without any third-party service.

Every code uses the same data mask. Any of the eight masks makes a valid code that every reader
decodes; scoring all eight to pick the one with the fewest look-alike patterns, as encoders do by
default, took segno 6.4 ms a code (64 s for 10,000 entries) against 1.9 ms with a fixed mask, and
the score matters little for a short URL shown large on a screen or printed.

An entry's address is ASCII and short (versions 1 to 10 of the standard hold up to 213 bytes), and
for those this module encodes the code itself: the parts that depend only on the version and error
level (the fixed patterns, the order the data modules are placed in, the mask) are worked out once,
so a code costs its Reed-Solomon blocks and one pass over its rows: 0.5 ms against segno's 1.9. The
code and its SVG are exactly segno's (`segno.make(url, error="m", micro=False, mask=0)`, which
raises the error level as far as the version allows), which tests/test_qr.py checks; any other
address is made by segno. A page's address never changes (it comes from the 索引号), so codes are
also kept in a cache file beside mkdocs.yml and made again only for new addresses.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from operator import itemgetter
from pathlib import Path
from xml.sax.saxutils import escape

import segno

LABEL = "本页网址的二维码："
MASK = 0  # see above: dark where row + column is even, on the data modules
BORDER = 4  # the quiet zone, in modules
VERSION = f"segno {segno.__version__}, mask {MASK}, {LABEL}"  # codes cached under another version are made again

# Versions 1 to 10 at error levels M, Q and H (ISO/IEC 18004, table 9): error-correction codewords
# per block, then (blocks, data codewords per block) for each group of blocks.
LEVELS = ("M", "Q", "H")
FORMAT_BITS = {"M": 0, "Q": 3, "H": 2}
BLOCKS: dict[tuple[int, str], tuple[int, tuple[tuple[int, int], ...]]] = {
    (1, "M"): (10, ((1, 16),)), (1, "Q"): (13, ((1, 13),)), (1, "H"): (17, ((1, 9),)),
    (2, "M"): (16, ((1, 28),)), (2, "Q"): (22, ((1, 22),)), (2, "H"): (28, ((1, 16),)),
    (3, "M"): (26, ((1, 44),)), (3, "Q"): (18, ((2, 17),)), (3, "H"): (22, ((2, 13),)),
    (4, "M"): (18, ((2, 32),)), (4, "Q"): (26, ((2, 24),)), (4, "H"): (16, ((4, 9),)),
    (5, "M"): (24, ((2, 43),)), (5, "Q"): (18, ((2, 15), (2, 16))), (5, "H"): (22, ((2, 11), (2, 12))),
    (6, "M"): (16, ((4, 27),)), (6, "Q"): (24, ((4, 19),)), (6, "H"): (28, ((4, 15),)),
    (7, "M"): (18, ((4, 31),)), (7, "Q"): (18, ((2, 14), (4, 15))), (7, "H"): (26, ((4, 13), (1, 14))),
    (8, "M"): (22, ((2, 38), (2, 39))), (8, "Q"): (22, ((4, 18), (2, 19))), (8, "H"): (26, ((4, 14), (2, 15))),
    (9, "M"): (22, ((3, 36), (2, 37))), (9, "Q"): (20, ((4, 16), (4, 17))), (9, "H"): (24, ((4, 12), (4, 13))),
    (10, "M"): (26, ((4, 43), (1, 44))), (10, "Q"): (24, ((6, 19), (2, 20))), (10, "H"): (28, ((6, 15), (2, 16))),
}
ALIGNMENT = {1: (), 2: (6, 18), 3: (6, 22), 4: (6, 26), 5: (6, 30), 6: (6, 34), 7: (6, 22, 38),
             8: (6, 24, 42), 9: (6, 26, 46), 10: (6, 28, 50)}
_ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")  # such text gets a denser mode
_RUNS = re.compile("1+")
Grid = list[list[int | None]]  # a code's modules by row: 1 dark, 0 light, None a data module

# Arithmetic in GF(256) with the standard's polynomial x^8 + x^4 + x^3 + x^2 + 1.
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _EXP[_power + 255] = _value
    _LOG[_value] = _power
    _value = (_value << 1) ^ (0x11D if _value & 0x80 else 0)


def svg(url: str) -> str:
    """The QR code of `url` as inline SVG (white quiet zone, scales with CSS), labelled with the URL."""
    label = LABEL + url
    rows = _rows(url)
    if rows is None:
        code = segno.make(url, error="m", micro=False, mask=MASK)
        inline = str(code.svg_inline(scale=1, border=BORDER, omitsize=True, dark="#000", light="#fff",
                                     title=label, svgclass="gk-qr__code", lineclass=None))
    else:
        inline = _svg(rows, label)
    return inline.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def _svg(rows: list[str], label: str) -> str:
    """segno's SVG of a code: a background, then one path drawing each run of dark modules as a stroke,
    each move relative to where the last one ended."""
    size, width = len(rows) + 2 * BORDER, len(rows) + 1
    moves: list[str] = []
    x = y = 0
    for run in _RUNS.finditer("\n".join(rows)):
        start, end = run.span()
        row, column = divmod(start, width)
        moves.append(f"m{column - x} {row - y}h{end - start}" if moves else
                     f"M{BORDER + column} {BORDER + row + 0.5}h{end - start}")
        x, y = column + end - start, row
    return (f'<svg viewBox="0 0 {size} {size}" class="gk-qr__code"><title>{escape(label)}</title>'
            f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/><path stroke="#000" d="{"".join(moves)}"/></svg>')


def _rows(text: str) -> list[str] | None:
    """The code's rows as strings of 0 and 1 (1 dark), or None if this module does not make it."""
    if not text.isascii() or _ALPHANUMERIC.issuperset(text):
        return None
    data = text.encode("ascii")
    for version in range(1, 11):
        needed = 4 + _count_bits(version) + 8 * len(data)
        if needed <= _capacity(version, "M"):
            break
    else:
        return None
    level = "M"
    for higher in LEVELS[1:]:  # as segno does: the highest level the version still holds
        if needed > _capacity(version, higher):
            break
        level = higher
    layout, codewords = _layout(version, level), _codewords(data, version, level)
    value = int.from_bytes(codewords, "big") << (layout.modules - 8 * len(codewords))  # then the remainder bits
    bits = format(value ^ layout.mask, f"0{layout.modules}b") + "01"
    return ["".join(pick(bits)) for pick in layout.rows]


def _count_bits(version: int) -> int:
    return 8 if version < 10 else 16


@cache
def _capacity(version: int, level: str) -> int:
    _, groups = BLOCKS[version, level]
    return 8 * sum(blocks * size for blocks, size in groups)


def _codewords(data: bytes, version: int, level: str) -> bytes:
    """The data in byte mode, padded to the version's capacity, split into blocks with their error
    correction, interleaved."""
    capacity = _capacity(version, level)
    count = _count_bits(version)
    value, length = (0b0100 << count | len(data)) << 8 * len(data) | int.from_bytes(data, "big"), 4 + count + 8 * len(data)
    end = min(4, capacity - length)  # the terminator
    value, length = value << end, length + end
    zeros = 8 - length % 8  # up to a whole byte; as segno does it, a whole zero byte when already whole
    value, length = value << zeros, length + zeros
    padded = (value.to_bytes(length // 8, "big") + bytes([0xEC, 0x11]) * (capacity // 16))[: capacity // 8]
    ecc, groups = BLOCKS[version, level]
    blocks, at = [], 0
    for number, size in groups:
        for _ in range(number):
            blocks.append(padded[at:at + size])
            at += size
    out = bytearray()
    for i in range(max(len(b) for b in blocks)):
        out.extend(b[i] for b in blocks if i < len(b))
    corrections = [_correction(b, ecc) for b in blocks]
    for i in range(ecc):
        out.extend(c[i] for c in corrections)
    return bytes(out)


def _correction(block: bytes, count: int) -> list[int]:
    """Reed-Solomon error-correction codewords of a block: the remainder of its polynomial division."""
    generator = _generator(count)
    rest = [0] * count
    for byte in block:
        factor = byte ^ rest[0]
        rest = [*rest[1:], 0]
        if factor:
            log = _LOG[factor]
            for i, g in enumerate(generator):
                rest[i] ^= _EXP[log + g]
    return rest


@cache
def _generator(count: int) -> tuple[int, ...]:
    """The generator polynomial of `count` codewords, as the logs of its coefficients (leading 1 left out)."""
    poly = [1]
    for power in range(count):
        poly = [a ^ (_EXP[_LOG[b] + power] if b else 0) for a, b in zip([*poly, 0], [0, *poly], strict=True)]
    return tuple(_LOG[c] for c in poly[1:])


class _Layout:
    """What depends only on a version and level: where each data module goes and the fixed modules."""

    def __init__(self, version: int, level: str) -> None:
        size = 17 + 4 * version
        grid: Grid = [[None] * size for _ in range(size)]  # None: a data module
        _patterns(grid, version)
        _format_info(grid, level)
        if version >= 7:
            _version_info(grid, version)
        order = _placement(grid)
        self.modules = len(order)
        self.mask = int("".join("1" if (r + c) % 2 == 0 else "0" for r, c in order), 2)
        where = {place: i for i, place in enumerate(order)}
        light, dark = self.modules, self.modules + 1  # the "01" appended to the bits
        self.rows = [itemgetter(*[where.get((r, c), dark if grid[r][c] else light) for c in range(size)])
                     for r in range(size)]



def _patterns(grid: Grid, version: int) -> None:
    """The finder patterns with their light separators, the timing patterns and the alignment patterns."""
    size = len(grid)
    for r0, c0 in ((0, 0), (0, size - 7), (size - 7, 0)):
        for r in range(-1, 8):
            for c in range(-1, 8):
                if 0 <= r0 + r < size and 0 <= c0 + c < size:
                    ring = max(abs(r - 3), abs(c - 3))
                    grid[r0 + r][c0 + c] = int(ring != 2 and ring != 4)
    for i in range(8, size - 8):
        grid[6][i] = grid[i][6] = int(i % 2 == 0)
    centres = ALIGNMENT[version]
    corners = {(centres[0], centres[0]), (centres[0], centres[-1]), (centres[-1], centres[0])} if centres else set()
    for r in centres:
        for c in centres:
            if (r, c) not in corners:  # those would overlap the finders
                for dr in range(-2, 3):
                    for dc in range(-2, 3):
                        grid[r + dr][c + dc] = int(max(abs(dr), abs(dc)) != 1)


def _format_info(grid: Grid, level: str) -> None:
    """The error level and mask, BCH-coded, twice; and the dark module."""
    size, data = len(grid), FORMAT_BITS[level] << 3 | MASK
    rem = data
    for _ in range(10):
        rem = (rem << 1) ^ ((rem >> 9) * 0x537)
    bits = (data << 10 | rem) ^ 0x5412
    bit = [(bits >> i) & 1 for i in range(15)]
    for i in range(6):
        grid[i][8] = bit[i]
    grid[7][8], grid[8][8], grid[8][7] = bit[6], bit[7], bit[8]
    for i in range(9, 15):
        grid[8][14 - i] = bit[i]
    for i in range(8):
        grid[8][size - 1 - i] = bit[i]
    for i in range(8, 15):
        grid[size - 15 + i][8] = bit[i]
    grid[size - 8][8] = 1


def _version_info(grid: Grid, version: int) -> None:
    """The version, BCH-coded, twice (versions 7 and up)."""
    size, rem = len(grid), version
    for _ in range(12):
        rem = (rem << 1) ^ ((rem >> 11) * 0x1F25)
    info = version << 12 | rem
    for i in range(18):
        a, b = size - 11 + i % 3, i // 3
        grid[b][a] = grid[a][b] = (info >> i) & 1


def _placement(grid: Grid) -> list[tuple[int, int]]:
    """The data modules in the order the standard places bits: up and down two columns at a time,
    from the right, skipping the vertical timing pattern."""
    size, order, right = len(grid), [], len(grid) - 1
    while right >= 1:
        if right == 6:
            right = 5
        upward = (right + 1) & 2 == 0
        for vertical in range(size):
            r = size - 1 - vertical if upward else vertical
            for c in (right, right - 1):
                if grid[r][c] is None:
                    order.append((r, c))
        right -= 2
    return order


@cache
def _layout(version: int, level: str) -> _Layout:
    return _Layout(version, level)


_WRITTEN = re.compile(r'<svg role="img" aria-label="([^"<>]*)" viewBox="0 0 (\d+) \2" class="gk-qr__code"><title>([^<>]*)'
                      r'</title><path fill="#fff" d="M0 0h\2v\2h-\2z"/><path stroke="#000" d="[Mmh0-9. -]*"/></svg>')


def _as_written(url: object, code: object) -> bool:
    """Whether `code` has the form `_svg` gives the address `url`: nothing but its own path data."""
    if not isinstance(url, str) or not isinstance(code, str):
        return False
    match = _WRITTEN.fullmatch(code)
    return match is not None and match.group(1) == html.escape(LABEL + url) and match.group(3) == escape(LABEL + url)


class Cache:
    """QR codes by address, read from and written back to a JSON file (output is the same either way)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.codes: dict[str, str] = {}
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = None
        if isinstance(saved, dict) and saved.get("version") == VERSION and isinstance(saved.get("codes"), dict):
            # The file lies in the project, where a pull request could change it: only codes of the exact
            # form this module writes for their address are printed as they are; the others are made again.
            self.codes = {url: code for url, code in saved["codes"].items() if _as_written(url, code)}
        self.used: set[str] = set()
        self.made = 0

    def svg(self, url: str) -> str:
        self.used.add(url)
        if url not in self.codes:
            self.codes[url] = svg(url)
            self.made += 1
        return self.codes[url]

    def keep(self, url: str, code: str | None) -> None:
        """Record that `url` was used, with its code if it was made elsewhere (in a forked process)."""
        self.used.add(url)
        if code is not None and url not in self.codes:
            self.codes[url] = code
            self.made += 1

    def save(self) -> None:
        """Keep the codes this build used, so the file does not grow with removed pages."""
        if not self.made and self.used == self.codes.keys():
            return
        kept = {url: self.codes[url] for url in sorted(self.used)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"version": VERSION, "codes": kept}, ensure_ascii=False), encoding="utf-8")
        self.codes, self.made = kept, 0  # the preview saves after each edit: only new codes write it again
