"""What the statistics page charts: each chart's numbers as columns and rows, one query each, so
the same rows feed the SVG, the table under it and its CSV download."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count

from replies.models import Metric, Reply

TOP = 20  # counties and bureaus charted; the CSV has them all
TYPES = ["A", "B", "C", "D", ""]
TYPE_LABELS = {"A": "A 类", "B": "B 类", "C": "C 类", "D": "D 类", "": "未标注"}
KIND_LABELS = dict(Metric.Kind.choices)
WAN = Decimal(10_000)


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    unit: str
    columns: list[str]  # the first names the category, the rest its series
    rows: list[list]  # [category, value per series]
    top: int | None = None  # how many rows the picture shows (all in the table and CSV)

    @property
    def series(self) -> list[str]:
        return self.columns[1:]

    @property
    def shown(self) -> list[list]:
        return self.rows[: self.top] if self.top else self.rows


def replies_by_year_and_type() -> Chart:
    counts: dict[int, dict[str, int]] = {}
    for row in (
        Reply.objects.exclude(year=None).values("year", "reply_type").annotate(n=Count("id"))
    ):
        counts.setdefault(row["year"], {})[row["reply_type"]] = row["n"]
    # D is a grade only some provinces use: its column shows where the archive holds one.
    types = [t for t in TYPES if t != "D" or any("D" in by_type for by_type in counts.values())]
    return Chart(
        slug="replies-by-year",
        title="各年份答复数（按答复类型）",
        description=(
            "A 类为所提问题已经解决或采纳，B 类为正在解决或列入计划，C 类为因条件限制暂时无法解决"
            "；部分省份（如海南）另有第四等级 D 类。"
        ),
        unit="件",
        columns=["年份", *(TYPE_LABELS[t] for t in types)],
        rows=[[str(year), *(counts[year].get(t, 0) for t in types)] for year in sorted(counts)],
    )


def replies_by(dimension: str) -> Chart:
    field, title, heading = {
        "county": ("region__name", "各地区答复数", "地区"),
        "department": ("department__name", "各答复单位答复数", "答复单位"),
    }[dimension]
    rows = (
        Reply.objects.exclude(**{field: None})
        .values(field)
        .annotate(n=Count("id"))
        .order_by("-n", field)
    )
    return Chart(
        slug=f"replies-by-{dimension}",
        title=title,
        description=f"收录答复最多的前 {TOP} 个{heading}；完整名单见数据表和 CSV。",
        unit="件",
        columns=[heading, "答复数"],
        rows=[[row[field], row["n"]] for row in rows],
        top=TOP,
    )


def money_by(dimension: str) -> Chart:
    """Money the replies state, in 万元 (sums of every money figure: funds, loans, output...)."""
    heading = {"year": "年份", "county": "地区"}[dimension]
    rows = Metric.objects.money().totals_by(dimension)
    if dimension == "year":
        rows = sorted(rows, key=lambda row: row["key"] or 0)
    return Chart(
        slug=f"money-by-{dimension}",
        title=f"答复中提及的金额（按{heading}）",
        description="答复文本中所有金额类数据之和（资金、贷款、产值等混合计算，仅供概览）。",
        unit="万元",
        columns=[heading, "金额合计（万元）", "数据条数"],
        rows=[
            [str(row["key"]), round(row["total"] / WAN, 2), row["figures"]]
            for row in rows
            if row["key"] is not None
        ],
        top=TOP if dimension == "county" else None,
    )


def figures_by_year_and_kind() -> Chart:
    kinds = [Metric.Kind.MONEY, Metric.Kind.COUNT, Metric.Kind.PERCENT, Metric.Kind.AREA]
    counts: dict[int, dict[str, int]] = {}
    for row in (
        Metric.objects.exclude(reply__year=None)
        .values("reply__year", "kind")
        .annotate(n=Count("id"))
    ):
        counts.setdefault(row["reply__year"], {})[row["kind"]] = row["n"]
    return Chart(
        slug="figures-by-year",
        title="答复中的数据条数（按年份和类别）",
        description="从答复文本中识别出的金额、数量、百分比、面积等数据的条数。",
        unit="条",
        columns=["年份", *(KIND_LABELS[k] for k in kinds), "其他"],
        rows=[
            [
                str(year),
                *(counts[year].get(k, 0) for k in kinds),
                sum(n for k, n in counts[year].items() if k not in kinds),
            ]
            for year in sorted(counts)
        ],
    )


def adoption_by_year() -> Chart:
    rows = (
        Reply.objects.exclude(adoption_rate=None)
        .exclude(year=None)
        .values("year")
        .annotate(rate=Avg("adoption_rate"), n=Count("id"))
        .order_by("year")
    )
    return Chart(
        slug="adoption-by-year",
        title="建议采纳率（按年份平均）",
        description="仅统计答复中写明采纳率的答复。",
        unit="%",
        columns=["年份", "平均采纳率（%）", "写明采纳率的答复数"],
        rows=[[str(row["year"]), round(row["rate"], 1), row["n"]] for row in rows],
    )


CHARTS = {
    "replies-by-year": replies_by_year_and_type,
    "replies-by-county": lambda: replies_by("county"),
    "replies-by-department": lambda: replies_by("department"),
    "money-by-year": lambda: money_by("year"),
    "money-by-county": lambda: money_by("county"),
    "figures-by-year": figures_by_year_and_kind,
    "adoption-by-year": adoption_by_year,
}
STACKED = {"replies-by-year", "figures-by-year"}  # series are parts of a whole
