"""Server-rendered SVG charts: the geometry of bars and labels for a statistics.Chart; the
template draws it. No JavaScript, so charts print, scale and work with scripts off."""

from dataclasses import dataclass

from replies.statistics import STACKED, Chart

WIDTH = 720
BAR_HEIGHT = 22
BAR_GAP = 6
LABEL_WIDTH = 230  # room for a bureau's name at the left of a horizontal bar
COLUMN_HEIGHT = 220
MARGIN = 28
SERIES_CLASSES = ["s0", "s1", "s2", "s3", "s4"]


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str  # shown on hover, and read by screen readers


@dataclass
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass
class Geometry:
    width: int
    height: int
    bars: list[Bar]
    labels: list[Label]
    legend: list[tuple[str, str]]  # (css class, series name)


def number(value) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def geometry(chart: Chart) -> Geometry:
    return columns(chart) if chart.slug in STACKED else bars(chart)


def bars(chart: Chart) -> Geometry:
    """Horizontal bars of the first series, largest first as the rows come."""
    rows = chart.shown
    # Rates are drawn against 100%, not against the largest one.
    peak = 100.0 if chart.unit == "%" else max((float(row[1]) for row in rows), default=0) or 1
    span = WIDTH - LABEL_WIDTH - 90
    shapes, labels = [], []
    for index, row in enumerate(rows):
        y = MARGIN / 2 + index * (BAR_HEIGHT + BAR_GAP)
        length = max(1.0, float(row[1]) / peak * span)
        text = f"{row[0]}：{number(row[1])} {chart.unit}"
        shapes.append(Bar(LABEL_WIDTH, y, round(length, 1), BAR_HEIGHT, "s0", text))
        labels.append(Label(LABEL_WIDTH - 8, y + BAR_HEIGHT * 0.72, shorten(str(row[0])), "end"))
        labels.append(
            Label(LABEL_WIDTH + length + 6, y + BAR_HEIGHT * 0.72, number(row[1]), "start")
        )
    height = int(MARGIN + len(rows) * (BAR_HEIGHT + BAR_GAP))
    return Geometry(WIDTH, height, shapes, labels, [])


def columns(chart: Chart) -> Geometry:
    """Stacked columns, one per category (a year), one colour per series."""
    rows = chart.shown
    totals = [sum(float(v) for v in row[1:]) for row in rows]
    peak = max(totals, default=0) or 1
    slot = (WIDTH - 2 * MARGIN) / max(1, len(rows))
    width = min(64.0, slot * 0.7)
    base = MARGIN + COLUMN_HEIGHT
    shapes, labels = [], []
    for index, row in enumerate(rows):
        x = MARGIN + index * slot + (slot - width) / 2
        top = base
        for series, value in enumerate(row[1:]):
            height = float(value) / peak * COLUMN_HEIGHT
            if height <= 0:
                continue
            top -= height
            title = f"{row[0]} {chart.series[series]}：{number(value)} {chart.unit}"
            css = SERIES_CLASSES[series % len(SERIES_CLASSES)]
            shapes.append(
                Bar(round(x, 1), round(top, 1), round(width, 1), round(height, 1), css, title)
            )
        labels.append(Label(x + width / 2, base + 18, str(row[0]), "middle"))
        labels.append(Label(x + width / 2, top - 6, number(totals[index]), "middle"))
    legend = [
        (SERIES_CLASSES[i % len(SERIES_CLASSES)], name) for i, name in enumerate(chart.series)
    ]
    return Geometry(WIDTH, int(base + 30), shapes, labels, legend)


def shorten(label: str, limit: int = 14) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
