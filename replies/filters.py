"""Search parameters from the URL, parsed and validated by django-filter."""

import django_filters
from django import forms

from replies.models import Department, Region, Reply
from replies.search import SORTS, Filters, SearchParams

MAX_PER_PAGE = 100
MAX_VALUES = 100  # values of one parameter (facet selections are ORed; nobody picks more)
MAX_VALUE_LENGTH = 200  # characters of any one value


class SearchForm(forms.Form):
    """Checks every parameter before the fields do: no value PostgreSQL cannot hold (NUL), none
    huge, none repeated past reason, each refusal naming its parameter."""

    def clean(self):
        cleaned = super().clean()
        for name in self.data:
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data[name]]
            problem = value_problem(values)
            if problem and name in self.fields:
                self.add_error(name, problem)
        return cleaned


def value_problem(values: list[str]) -> str:
    if len(values) > MAX_VALUES:
        return f"最多{MAX_VALUES}个值，收到{len(values)}个。"
    for value in values:
        if "\x00" in value:
            return "含有空字符（NUL）。"
        if len(value) > MAX_VALUE_LENGTH:
            return f"过长（{len(value)}个字符，上限{MAX_VALUE_LENGTH}）。"
    return ""


REPLY_TYPES = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D"), ("none", "未标注")]
BODIES = [("政协", "政协提案"), ("人大", "人大建议")]


class SearchFilter(django_filters.FilterSet):
    """Facet values given back as parameters filter by them; several values of one are ORed."""

    q = django_filters.CharFilter(max_length=200)
    county = django_filters.ModelMultipleChoiceFilter(queryset=Region.objects.all())
    department = django_filters.ModelMultipleChoiceFilter(queryset=Department.objects.all())
    sector = django_filters.MultipleChoiceFilter(choices=[])
    year = django_filters.MultipleChoiceFilter(choices=[])
    reply_type = django_filters.MultipleChoiceFilter(choices=REPLY_TYPES)
    body = django_filters.MultipleChoiceFilter(choices=BODIES)
    money_min = django_filters.NumberFilter(min_value=0)
    money_max = django_filters.NumberFilter(min_value=0)
    metric_label = django_filters.CharFilter(max_length=50)
    sort = django_filters.ChoiceFilter(choices=[(s, s) for s in sorted(SORTS)])
    page = django_filters.NumberFilter(min_value=1, max_value=10_000)
    per_page = django_filters.NumberFilter(min_value=1, max_value=MAX_PER_PAGE)

    class Meta:
        model = Reply
        fields: list[str] = []
        form = SearchForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Free values whose validity is their form: any sector name, any plausible year.
        self.form.fields["sector"] = forms.MultipleChoiceField(required=False)
        self.form.fields["sector"].valid_value = lambda value: 0 < len(value) <= 64
        self.form.fields["year"] = forms.TypedMultipleChoiceField(required=False, coerce=int)
        self.form.fields["year"].valid_value = lambda value: (
            str(value).isdigit() and 1949 <= int(value) <= 2100
        )

    def search_params(self) -> SearchParams:
        """The validated parameters; call after is_valid()."""
        data = self.form.cleaned_data
        filters = Filters(
            county=tuple(r.pk for r in data.get("county") or ()),
            department=tuple(d.pk for d in data.get("department") or ()),
            sector=tuple(data.get("sector") or ()),
            year=tuple(int(y) for y in data.get("year") or ()),
            reply_type=tuple(data.get("reply_type") or ()),
            body=tuple(data.get("body") or ()),
            money_min=int(data["money_min"]) if data.get("money_min") is not None else None,
            money_max=int(data["money_max"]) if data.get("money_max") is not None else None,
            metric_label=data.get("metric_label") or "",
        )
        return SearchParams(
            q=data.get("q") or "",
            filters=filters,
            sort=data.get("sort") or "relevance",
            page=int(data.get("page") or 1),
            per_page=int(data.get("per_page") or 20),
        )
