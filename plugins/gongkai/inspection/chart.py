"""The bar chart of items per publisher per month, as geometry: one stacked bar a month, a segment a
publisher, a legend. The template draws it as inline SVG, every label escaped there; the same numbers
are the table beside it, the chart's text alternative.

Colours are dark enough for white text-free segments to stand out from the white page (contrast of
at least 3:1 against white, as WCAG asks of graphical objects) and differ in lightness as well as hue.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.inspection.statistics import PublisherRow

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 56  # margins: the y axis' numbers, the months' labels
LEGEND_ROW = 22
COLOURS = ("#1f4e79", "#b34700", "#2e6b30", "#6a1b9a", "#00606b", "#a0154f", "#5d4037", "#37474f")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str  # publisher and month, for the segment's <title>


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    months: tuple[Tick, ...]  # x labels
    values: tuple[Tick, ...]  # y labels
    totals: tuple[Tick, ...]  # a month's total above its bar (position: x; the y is in `tops`)
    tops: tuple[float, ...]
    legend: tuple[tuple[str, str], ...]  # (colour, publisher)
    axis_y: float  # the baseline


def chart(months: tuple[str, ...], rows: tuple[PublisherRow, ...]) -> Chart:
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(months))
    totals = [sum(r.counts[n] for r in rows) for n in range(len(months))]
    top = _ceiling(max(totals, default=0))
    scale = plot_h / top
    bars, tops = [], []
    for n, month in enumerate(months):
        y: float = TOP + plot_h
        for i, row in enumerate(rows):
            h = row.counts[n] * scale
            if h:
                y -= h
                bars.append(Bar(round(LEFT + n * slot + slot * 0.2, 1), round(y, 1), round(slot * 0.6, 1), round(h, 1),
                                COLOURS[i % len(COLOURS)], f"{row.publisher}，{month}：{row.counts[n]} 条"))
        tops.append(round(y - 4, 1))
    legend = tuple((COLOURS[i % len(COLOURS)], r.publisher) for i, r in enumerate(rows))
    return Chart(WIDTH, HEIGHT + LEGEND_ROW * len(legend), tuple(bars),
                 tuple(Tick(round(LEFT + n * slot + slot / 2, 1), m) for n, m in enumerate(months)),
                 tuple(Tick(round(TOP + plot_h - v * scale, 1), str(v)) for v in _steps(top)),
                 tuple(Tick(round(LEFT + n * slot + slot / 2, 1), str(t)) for n, t in enumerate(totals)),
                 tuple(tops), legend, TOP + plot_h)


def _ceiling(value: int) -> int:
    """A round top for the axis: 5, 10, 20, 50, 100… at least `value`."""
    top = 5
    while top < value:
        top = top * 2 if str(top)[0] in "15" else top * 5 // 2
    return top


def _steps(top: int) -> tuple[int, ...]:
    """Whole numbers for the axis: the top, its half when that is whole, and zero."""
    return (0, top // 2, top) if top % 2 == 0 else (0, top)
