"""Charts drawn on the server: the geometry of an SVG that a template writes out.

No chart library and no script: the page carries the shapes, a title and a description
for screen readers, and the same figures in a table beside the picture. Right-to-left
pages mirror the picture, so that time runs the way their text reads.
"""

from dataclasses import dataclass, field

# Colours of the series, in order: distinguishable with the common colour-vision
# deficiencies (Okabe and Ito's palette), each with at least 3:1 contrast on white.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#8A6D00",
    "#56B4E9",
    "#555555",
    "#E69F00",
)


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str  # "In review: 3" for the <title> of the shape
    value: int


@dataclass
class Column:
    label: str
    total: int
    x: float
    label_x: float
    segments: list[Segment] = field(default_factory=list)


@dataclass
class StackedBars:
    """Columns of stacked bars, one colour per series, with a scale on the left (right)."""

    width: int
    height: int
    columns: list[Column]
    legend: list[tuple[str, str]]  # (colour, label)
    ticks: list[tuple[float, int]]  # (y, value)
    axis_x: float  # where the scale's numbers stand
    plot_top: float
    plot_bottom: float
    plot_left: float
    plot_right: float


def _nice_maximum(value: int) -> int:
    """The top of the scale: 1, 2, 5 or 10 times a power of ten, at least `value`."""
    if value <= 4:
        return max(value, 1)
    magnitude = 1
    while magnitude * 10 < value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def stacked_bars(
    *,
    columns: list[str],
    series: list[tuple[str, str]],
    values: dict[tuple[int, str], int],
    rtl: bool = False,
    width: int = 640,
    height: int = 220,
) -> StackedBars:
    """Geometry of stacked bars: `columns` are labels (weeks), `series` (key, label)
    pairs (statuses), `values` the count of each (column index, series key)."""
    left, right, top, bottom = 36, 8, 8, 28
    if rtl:
        left, right = right, left
    plot_width = width - left - right
    plot_height = height - top - bottom
    totals = [sum(values.get((i, key), 0) for key, _label in series) for i in range(len(columns))]
    maximum = _nice_maximum(max(totals, default=0))
    slot = plot_width / max(len(columns), 1)
    bar = slot * 0.7
    built = []
    for i, label in enumerate(columns):
        position = len(columns) - 1 - i if rtl else i
        x = left + position * slot + (slot - bar) / 2
        column = Column(label=label, total=totals[i], x=round(x, 1), label_x=round(x + bar / 2, 1))
        base = top + plot_height
        for number, (key, series_label) in enumerate(series):
            value = values.get((i, key), 0)
            if not value:
                continue
            segment_height = plot_height * value / maximum
            base -= segment_height
            column.segments.append(
                Segment(
                    x=round(x, 1),
                    y=round(base, 1),
                    width=round(bar, 1),
                    height=round(segment_height, 1),
                    colour=PALETTE[number % len(PALETTE)],
                    label=f"{series_label}: {value}",
                    value=value,
                )
            )
        built.append(column)
    # Whole numbers at even steps: the top is 1-5, or 1, 2 or 5 times a power of ten.
    steps = maximum if maximum <= 5 else 5
    ticks = [
        (round(top + plot_height - plot_height * k / steps, 1), maximum * k // steps)
        for k in range(steps + 1)
    ]
    return StackedBars(
        width=width,
        height=height,
        columns=built,
        legend=[(PALETTE[n % len(PALETTE)], label) for n, (_key, label) in enumerate(series)],
        ticks=ticks,
        axis_x=width - right + 4 if rtl else left - 4,
        plot_top=top,
        plot_bottom=top + plot_height,
        plot_left=left,
        plot_right=width - right,
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0..1
    y: float
    width: float
    x: float
    text: str  # "75 %"
    text_x: float


@dataclass
class HorizontalBars:
    width: int
    height: int
    bars: list[Bar]
    row_height: int
    bar_height: int
    origin: float


def horizontal_bars(
    *, rows: list[tuple[str, float, str]], rtl: bool = False, width: int = 320
) -> HorizontalBars:
    """Geometry of one bar per row (label, share 0..1, text): fill rates, for instance.
    The bars grow from the start of the line (the right in right-to-left pages)."""
    row_height, bar_height, margin = 24, 14, 48
    plot = width - margin
    bars = []
    for index, (label, share, text) in enumerate(rows):
        share = min(max(share, 0.0), 1.0)
        length = plot * share
        x = width - length if rtl else 0
        text_x = width - length - 4 if rtl else length + 4
        bars.append(
            Bar(
                label=label,
                value=share,
                y=index * row_height + (row_height - bar_height) / 2,
                width=round(length, 1),
                x=round(x, 1),
                text=text,
                text_x=round(text_x, 1),
            )
        )
    return HorizontalBars(
        width=width,
        height=max(len(rows), 1) * row_height,
        bars=bars,
        row_height=row_height,
        bar_height=bar_height,
        origin=width if rtl else 0,
    )
