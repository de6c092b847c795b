"""Server-rendered SVG charts: the geometry of bars and labels for a statistics.Chart; the
template draws it. No JavaScript, so charts print, scale and work with scripts off.

Every bar links to the search that lists the replies it counts; the unit is written on the
chart; names shortened to fit stay distinct; a value label always has room on the canvas.
"""

from dataclasses import dataclass

from replies.statistics import Chart

WIDTH = 720
BAR_HEIGHT = 22
BAR_GAP = 6
LABEL_WIDTH = 230  # room for a bureau's name at the left of a horizontal bar
LABEL_CHARS = 14  # characters of a name that fit in LABEL_WIDTH
COLUMN_HEIGHT = 220
MARGIN = 28
CHAR_WIDTH = 8  # px a digit takes at the chart's font size, to keep value labels on the canvas
SERIES_CLASSES = ["s0", "s1", "s2", "s3", "s4"]


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str  # shown on hover, and read by screen readers
    link: str = ""  # the search listing what the bar counts


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
    unit: Label | None = None  # the unit the numbers are in, on the chart itself


def number(value) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def geometry(chart: Chart) -> Geometry:
    return columns(chart) if chart.stacked else bars(chart)


def bars(chart: Chart) -> Geometry:
    """Horizontal bars of the first series, largest first as the rows come."""
    shown = chart.shown
    values = [float(row[1]) for row, _ in shown]
    # Rates are drawn against 100%, not against the largest one.
    peak = 100.0 if chart.unit == "%" else max(values, default=0) or 1
    widest = max((len(number(row[1])) for row, _ in shown), default=1) * CHAR_WIDTH
    span = WIDTH - LABEL_WIDTH - widest - 12
    names = distinct_short([str(row[0]) for row, _ in shown], LABEL_CHARS)
    shapes, labels = [], []
    top = MARGIN
    for index, ((row, link), name) in enumerate(zip(shown, names, strict=True)):
        y = top + index * (BAR_HEIGHT + BAR_GAP)
        length = max(1.0, float(row[1]) / peak * span)
        text = f"{row[0]}：{number(row[1])} {chart.unit}{resting_on(chart, row)}"
        shapes.append(Bar(LABEL_WIDTH, y, round(length, 1), BAR_HEIGHT, "s0", text, link))
        labels.append(Label(LABEL_WIDTH - 8, y + BAR_HEIGHT * 0.72, name, "end"))
        labels.append(
            Label(LABEL_WIDTH + length + 6, y + BAR_HEIGHT * 0.72, number(row[1]), "start")
        )
    height = int(top + len(shown) * (BAR_HEIGHT + BAR_GAP) + MARGIN / 2)
    unit = Label(LABEL_WIDTH, MARGIN - 10, f"单位：{chart.unit}")
    return Geometry(WIDTH, height, shapes, labels, [], unit)


def columns(chart: Chart) -> Geometry:
    """Stacked columns, one per category (a year), one colour per series."""
    shown = chart.shown
    stacked = chart.stacked
    totals = [sum(float(v) for v in row[1 : 1 + stacked]) for row, _ in shown]
    peak = max(totals, default=0) or 1
    slot = (WIDTH - 2 * MARGIN) / max(1, len(shown))
    width = min(64.0, slot * 0.7)
    base = 2 * MARGIN + COLUMN_HEIGHT  # room above the tallest column for its total
    shapes, labels = [], []
    for index, (row, link) in enumerate(shown):
        x = MARGIN + index * slot + (slot - width) / 2
        top = base
        for series, value in enumerate(row[1 : 1 + stacked]):
            height = float(value) / peak * COLUMN_HEIGHT
            if height <= 0:
                continue
            top -= height
            title = f"{row[0]} {chart.series[series]}：{number(value)} {chart.unit}"
            css = SERIES_CLASSES[series % len(SERIES_CLASSES)]
            shapes.append(
                Bar(round(x, 1), round(top, 1), round(width, 1), round(height, 1), css, title, link)
            )
        labels.append(Label(x + width / 2, base + 18, str(row[0]), "middle"))
        labels.append(Label(x + width / 2, top - 6, number(totals[index]), "middle"))
    legend = [
        (SERIES_CLASSES[i % len(SERIES_CLASSES)], name) for i, name in enumerate(chart.series)
    ]
    unit = Label(MARGIN, MARGIN - 10, f"单位：{chart.unit}")
    return Geometry(WIDTH, int(base + 30), shapes, labels, legend, unit)


def resting_on(chart: Chart, row: list) -> str:
    """'（12 件答复）' where the chart has a column of how many replies a row rests on."""
    if "答复数" in chart.columns[2:]:
        return f"（依据 {row[chart.columns.index('答复数')]} 件答复）"
    return ""


def distinct_short(names: list[str], limit: int) -> list[str]:
    """Names shortened to `limit` characters, keeping their ends (常州市武进区卫生健康局 →
    …武进区卫生健康局: where bureaus differ), and longer where two would read the same."""
    for length in range(limit, max((len(n) for n in names), default=0) + 1):
        short = [name if len(name) <= length else "…" + name[-(length - 1) :] for name in names]
        if len(set(short)) == len(set(names)):
            return short
    return names
