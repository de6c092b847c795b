"""The search and browse page: everything it shows is computed here from the URL, so any view of
it can be shared and bookmarked. Facet links toggle one value, chips remove one, pagination keeps
the rest; templates only loop. Every query goes through search.search()."""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.http import QueryDict

from replies import facets, search
from replies.filters import SearchFilter
from replies.models import Reply
from replies.snippets import snippets

FACETS = {  # URL parameter → heading, in sidebar order: the common tasks first
    "year": "年份",
    "reply_type": "答复类型",
    "body": "提案或建议",
    "county": "地区",
    "department": "答复单位",
    "sector": "行业",
}
# Filters on the figures a reply states: no facet lists them, so each gets a chip of its own.
FIGURE_FILTERS = ("money_min", "money_max", "metric_label")
SORT_LABELS = {"relevance": "相关度", "newest": "最新", "oldest": "最早"}
PAGE_WINDOW = 2  # page links on either side of the current one
FACET_SHOWN = 12  # values listed before "more" (the rest stay in a <details>)
FACET_LIMIT = 60  # values listed at all; selected values always are


class InvalidParameters(Exception):
    """A URL parameter failed validation; .errors maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass
class Link:
    label: str
    url: str
    current: bool = False


@dataclass
class ResultsPage:
    results: "search.Results"
    params: "search.SearchParams"
    hits: list[dict]
    facets: list[dict]
    chips: list[Link]
    sorts: list[Link]
    pages: list[Link | None]  # None marks a gap
    previous: str | None
    next: str | None
    clear_url: str
    first_page: str
    hidden: list[tuple[str, str]]  # the selection, kept by the query form

    @property
    def first_shown(self) -> int:
        return (self.params.page - 1) * self.params.per_page + 1 if self.results.total else 0

    @property
    def last_shown(self) -> int:
        return min(self.results.total, self.params.page * self.params.per_page)

    @property
    def past_the_end(self) -> bool:
        """A page number beyond the results (an old bookmark, a hand-edited URL)."""
        return self.results.total > 0 and self.params.page > self.results.pages


def url_for(path: str, data: QueryDict) -> str:
    pairs = [(key, value) for key in data for value in data.getlist(key) if value != ""]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def changed(data: QueryDict, **changes: list[str] | None) -> QueryDict:
    """A copy of the URL's parameters with some replaced (None removes); back to page one unless
    the page itself is what changes."""
    copy = data.copy()
    if "page" not in changes:
        copy.pop("page", None)
    for key, values in changes.items():
        copy.pop(key, None)
        if values:
            copy.setlist(key, values)
    return copy


def toggled(data: QueryDict, name: str, value: str) -> QueryDict:
    values = data.getlist(name)
    return changed(
        data, **{name: [v for v in values if v != value] if value in values else [*values, value]}
    )


def results_page(path: str, data: QueryDict, scope: search.Filters | None = None) -> ResultsPage:
    """Run the search the URL describes, within a page's own scope (a region, a department)."""
    form = SearchFilter(data, queryset=Reply.objects.none())
    if not form.is_valid():
        raise InvalidParameters(
            {
                name: [e["message"] for e in errs]
                for name, errs in form.errors.get_json_data().items()
            }
        )
    params = form.search_params()
    fixed = set()
    if scope is not None:
        params = replace(
            params,
            filters=replace(
                params.filters,
                within_county=scope.within_county,
                within_department=scope.within_department,
            ),
        )
        if len(scope.within_department) == 1:
            fixed.add("department")
    results = search.search(params)
    replies = Reply.objects.with_related().in_bulk([hit["id"] for hit in results.hits])
    query_string = f"?{urlencode({'q': params.q})}" if params.q.strip() else ""
    hits = [
        {
            "reply": reply,
            "url": reply.get_absolute_url() + query_string,
            "snippets": snippets(reply.text, results.query),
        }
        for reply in (replies[hit["id"]] for hit in results.hits if hit["id"] in replies)
    ]
    labelled = facets.labelled(results.facets, params.filters)
    sidebar, chips = [], []
    for name, heading in FACETS.items():
        if name in fixed:
            continue
        rows = labelled[name]
        listed = [row for index, row in enumerate(rows) if index < FACET_LIMIT or row["selected"]]
        values = [
            {**row, "url": url_for(path, toggled(data, name, row["value"]))} for row in listed
        ]
        for row in values:
            if row["selected"]:
                chips.append(Link(f"{heading}：{row['label']}", row["url"]))
        if values:
            sidebar.append(
                {
                    "name": name,
                    "heading": heading,
                    "values": values,
                    "groups": county_groups(values) if name == "county" else None,
                    "shown": values[:FACET_SHOWN],
                    "more": values[FACET_SHOWN:],
                    "unlisted": len(rows) - len(listed),
                }
            )
    for name in FIGURE_FILTERS:
        if value := data.get(name, ""):
            chips.append(
                Link(figure_chip(name, value), url_for(path, changed(data, **{name: None})))
            )
    # A selected value that matches nothing has no count row: still offer to remove it.
    shown = {(f["name"], row["value"]) for f in sidebar for row in f["values"]}
    for name, heading in FACETS.items():
        for value in data.getlist(name):
            if name not in fixed and (name, value) not in shown:
                chips.append(Link(f"{heading}：{value}", url_for(path, toggled(data, name, value))))
    return ResultsPage(
        results=results,
        params=params,
        hits=hits,
        facets=sidebar,
        chips=chips,
        sorts=sort_links(path, data, params),
        pages=page_links(path, data, params.page, results.pages),
        previous=url_for(path, changed(data, page=[str(params.page - 1)]))
        if params.page > 1
        else None,
        next=url_for(path, changed(data, page=[str(params.page + 1)]))
        if params.page < results.pages
        else None,
        clear_url=url_for(path, changed(data, **dict.fromkeys([*FACETS, *FIGURE_FILTERS]))),
        first_page=url_for(path, changed(data)),
        hidden=[
            (name, value)
            for name in [*FACETS, *FIGURE_FILTERS, "sort"]
            for value in data.getlist(name)
            if value
        ],
    )


def figure_chip(name: str, value: str) -> str:
    if name == "metric_label":
        return f"指标含“{value}”"
    amount = f"{int(value):,} 元" if value.isdigit() else value
    return f"金额 ≥ {amount}" if name == "money_min" else f"金额 ≤ {amount}"


def sort_links(path: str, data: QueryDict, params: "search.SearchParams") -> list[Link]:
    """Without a query there is nothing to rank: the results come newest first, and say so."""
    if params.q.strip():
        labels = SORT_LABELS
        current = params.sort
    else:
        labels = {key: label for key, label in SORT_LABELS.items() if key != "relevance"}
        current = "oldest" if params.sort == "oldest" else "newest"
    return [
        Link(label, url_for(path, changed(data, sort=[key])), key == current)
        for key, label in labels.items()
    ]


def page_links(path: str, data: QueryDict, current: int, last: int) -> list[Link | None]:
    """1 … 4 5 [6] 7 8 … 20"""
    wanted = {1, last, *range(current - PAGE_WINDOW, current + PAGE_WINDOW + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= last)
    links: list[Link | None] = []
    for index, number in enumerate(numbers):
        if index and number != numbers[index - 1] + 1:
            links.append(None)
        links.append(
            Link(str(number), url_for(path, changed(data, page=[str(number)])), number == current)
        )
    return links if last > 1 else []


def county_groups(rows: list[dict]) -> list[dict]:
    """Counties under their province and city, in the order of their largest count; a province
    or city shows its total, and is open only where a county in it is selected."""
    provinces: dict[str, dict[str, list[dict]]] = {}
    for row in rows:
        cities = provinces.setdefault(row.get("province") or "其他", {})
        cities.setdefault(row.get("city") or row.get("province") or "其他", []).append(row)
    return [
        {
            "province": province,
            "count": sum(row["count"] for counties in cities.values() for row in counties),
            "selected": any(row["selected"] for counties in cities.values() for row in counties),
            "cities": [
                {
                    "city": city,
                    "count": sum(row["count"] for row in counties),
                    "selected": any(row["selected"] for row in counties),
                    "counties": counties,
                }
                for city, counties in cities.items()
            ],
        }
        for province, cities in provinces.items()
    ]
