"""Facet values with their labels, counts and selection state; templates and JSON only loop."""

from replies.filters import BODIES, REPLY_TYPES
from replies.models import Department, Region
from replies.search import Filters

TYPE_LABELS = dict(REPLY_TYPES)
BODY_LABELS = dict(BODIES)


def labelled(counts: dict[str, list[tuple[str, int]]], filters: Filters) -> dict[str, list[dict]]:
    """{"county": [{"value", "label", "count", "selected", "city", "province"}], ...}.

    Values are sorted largest count first (years newest first)."""
    regions = {
        str(r.pk): r
        for r in Region.objects.filter(pk__in=[v for v, _ in counts["county"]]).select_related(
            "parent__parent"
        )
    }
    departments = dict(
        Department.objects.filter(pk__in=[v for v, _ in counts["department"]]).values_list(
            "pk", "name"
        )
    )
    out: dict[str, list[dict]] = {}
    for dimension, pairs in counts.items():
        selected = {str(v) for v in getattr(filters, dimension)}
        rows = []
        for value, count in pairs:
            row = {"value": value, "label": value, "count": count, "selected": value in selected}
            if dimension == "county" and value in regions:
                region = regions[value]
                row["label"] = region.name
                row["city"] = getattr(region.ancestor(Region.Level.CITY), "name", None)
                row["province"] = getattr(region.ancestor(Region.Level.PROVINCE), "name", None)
            elif dimension == "department":
                row["label"] = departments.get(int(value), value)
            elif dimension == "reply_type":
                row["label"] = TYPE_LABELS.get(value, value)
            elif dimension == "body":
                row["label"] = BODY_LABELS.get(value, value)
            rows.append(row)
        key = (
            (lambda r: -int(r["value"]))
            if dimension == "year"
            else (lambda r: (-r["count"], r["label"]))
        )
        out[dimension] = sorted(rows, key=key)
    return out
