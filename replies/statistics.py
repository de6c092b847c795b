"""What the statistics page charts: each chart's numbers as columns and rows, one query each, so
the same rows feed the SVG, the table under it and its CSV download.

Only what adds up is charted: money the replies say was put in (funds, subsidies, awards) is a
flow, and is never added to balances (贷款余额) or output (产值); a figure stated twice in one
reply counts once; only the reply's own figures count, never the proposer's. Each bar says
how many replies it rests on and links to the search that lists them; a rate resting on fewer
than MIN_REPLIES replies is listed in the table but not drawn.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, F, Sum
from django.urls import reverse

from replies.models import Department, Metric, Region, Reply

TOP = 20  # counties and bureaus charted; the CSV has them all
MIN_REPLIES = 5  # a rate resting on fewer replies is not drawn
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
    links: list[str] = field(default_factory=list)  # per row: the search that lists its replies
    drawn: list[bool] = field(default_factory=list)  # per row: whether the picture shows it
    stacked: int = 0  # how many columns after the first are stacked series (0: the first only)

    @property
    def series(self) -> list[str]:
        return self.columns[1 : 1 + self.stacked] if self.stacked else self.columns[1:2]

    @property
    def shown(self) -> list[tuple[list, str]]:
        """The rows the picture draws, each with its link."""
        links = self.links or [""] * len(self.rows)
        drawn = self.drawn or [True] * len(self.rows)
        pairs = [
            (row, link) for row, link, draw in zip(self.rows, links, drawn, strict=True) if draw
        ]
        return pairs[: self.top] if self.top else pairs


def searching(**params) -> str:
    """The search page listing what a bar counts."""
    return reverse("replies:search") + "?" + urlencode(params)


def place_names(ids: list[int]) -> dict[int, str]:
    """Each region's name, with the region above it where two share a name (市中区（枣庄市）)."""
    regions = Region.objects.select_related("parent").in_bulk(ids)
    names = [region.name for region in regions.values()]
    return {
        pk: f"{region.name}（{region.parent.name}）"
        if region.parent and names.count(region.name) > 1
        else region.name
        for pk, region in regions.items()
    }


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
        links=[searching(year=year) for year in sorted(counts)],
        stacked=len(types),
    )


def replies_by(dimension: str) -> Chart:
    """Replies per region or department, grouped by the record (two 市中区 stay apart)."""
    field_name, title, heading = {
        "county": ("region_id", "各地区答复数", "地区"),
        "department": ("department_id", "各答复单位答复数", "答复单位"),
    }[dimension]
    rows = list(
        Reply.objects.exclude(**{field_name: None})
        .values(field_name)
        .annotate(n=Count("id"))
        .order_by("-n", field_name)
    )
    ids = [row[field_name] for row in rows]
    if dimension == "county":
        names = place_names(ids)
    else:
        names = dict(Department.objects.filter(pk__in=ids).values_list("pk", "name"))
    return Chart(
        slug=f"replies-by-{dimension}",
        title=title,
        description=f"收录答复最多的前 {TOP} 个{heading}；完整名单见数据表和 CSV。",
        unit="件",
        columns=[heading, "答复数"],
        rows=[[names[row[field_name]], row["n"]] for row in rows],
        links=[searching(**{dimension: row[field_name]}) for row in rows],
        top=TOP,
    )


SPENDING_SQL = """
SELECT d.key, sum(d.normalized_value), count(DISTINCT d.reply_id), count(*)
FROM ({}) d GROUP BY d.key
"""


def money_by(dimension: str) -> Chart:
    """Money the replies say was put in (资金投入, 补助, 奖励: flows only), in 万元."""
    heading, key = {"year": ("年份", "reply__year"), "county": ("地区", "reply__region_id")}[
        dimension
    ]
    # One row per figure as stated once in a reply (the same sum said twice counts once).
    figures = (
        Metric.objects.spending()
        .exclude(normalized_value=None)
        .exclude(**{key: None})
        .values("reply_id", "normalized_value", key=F(key))
        .distinct()
    )
    sql, params = figures.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(SPENDING_SQL.format(sql), params)
        totals = cursor.fetchall()
    if dimension == "year":
        totals.sort(key=lambda row: row[0])
        names = {row[0]: str(row[0]) for row in totals}
    else:
        totals.sort(key=lambda row: (-row[1], row[0]))
        names = place_names([row[0] for row in totals])
    return Chart(
        slug=f"money-by-{dimension}",
        title=f"答复中写明的资金投入（按{heading}）",
        description=(
            "答复单位在答复中写明已投入、安排或拨付的资金（含补助、奖励），单位万元；"
            "贷款余额、产值、收入等存量和经营数字不计入，同一答复重复提到的同一金额只计一次，"
            "提案原文中提出人所述的金额也不计入。每条柱所依据的答复数见数据表。"
        ),
        unit="万元",
        columns=[heading, "资金投入（万元）", "答复数", "数据条数"],
        rows=[
            [names[k], round(total / WAN, 2), replies, figures_n]
            for k, total, replies, figures_n in totals
        ],
        links=[
            searching(**({"year": k} if dimension == "year" else {"county": k}), money_min=1)
            for k, *_ in totals
        ],
        top=TOP if dimension == "county" else None,
    )


def figures_by_year_and_kind() -> Chart:
    kinds = [Metric.Kind.MONEY, Metric.Kind.COUNT, Metric.Kind.PERCENT, Metric.Kind.AREA]
    counts: dict[int, dict[str, int]] = {}
    for row in (
        Metric.objects.from_replies()
        .exclude(reply__year=None)
        .values("reply__year", "kind")
        .annotate(n=Count("id"))
    ):
        counts.setdefault(row["reply__year"], {})[row["kind"]] = row["n"]
    return Chart(
        slug="figures-by-year",
        title="答复中的数据条数（按年份和类别）",
        description="从答复文本中识别出的金额、数量、百分比、面积等数据的条数（不含提案原文中的）。",
        unit="条",
        columns=["年份", *(KIND_LABELS[k] for k in kinds), "其他"],
        links=[searching(year=year) for year in sorted(counts)],
        stacked=len(kinds) + 1,
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
    """Suggestions adopted over suggestions made, summed over the replies that count both."""
    rows = (
        Reply.objects.exclude(year=None)
        .filter(suggestions_count__gt=0, adopted_count__isnull=False)
        .values("year")
        .annotate(adopted=Sum("adopted_count"), made=Sum("suggestions_count"), n=Count("id"))
        .order_by("year")
    )
    rows = list(rows)
    return Chart(
        slug="adoption-by-year",
        title="建议采纳落实比例（按年份）",
        description=(
            "答复中写明建议条数和已采纳落实条数的，按年份合计：已采纳落实条数之和 ÷ 建议条数之和。"
            f"依据少于 {MIN_REPLIES} 件答复的年份只列在数据表中，不作图。"
        ),
        unit="%",
        columns=["年份", "采纳落实比例（%）", "答复数", "已采纳落实（条）", "建议（条）"],
        rows=[
            [
                str(row["year"]),
                round(100 * row["adopted"] / row["made"], 1),
                row["n"],
                row["adopted"],
                row["made"],
            ]
            for row in rows
        ],
        links=[searching(year=row["year"]) for row in rows],
        drawn=[row["n"] >= MIN_REPLIES for row in rows],
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
