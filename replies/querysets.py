"""Reads in the domain's words, chained from views: Reply.objects.in_region(r).in_year(2023)."""

from decimal import Decimal

from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Sum, Value, When


class ReplyQuerySet(models.QuerySet):
    def with_related(self) -> "ReplyQuerySet":
        """Everything a list or detail page shows about a reply, in one query."""
        return self.select_related(
            "department",
            "region__parent__parent",
            "proposal__session__region",
        )

    def newest_first(self) -> "ReplyQuerySet":
        return self.order_by(models.F("reply_date").desc(nulls_last=True), "-year", "-id")

    def in_year(self, year: int) -> "ReplyQuerySet":
        return self.filter(year=year)

    def of_type(self, reply_type: str) -> "ReplyQuerySet":
        """Reply type A, B or C; an empty string selects replies with no type printed."""
        return self.filter(reply_type=reply_type)

    def answered_by(self, department) -> "ReplyQuerySet":
        return self.filter(department=department)

    def in_region(self, region) -> "ReplyQuerySet":
        """Replies from the region or anywhere below it (a province includes its counties)."""
        return self.filter(
            Q(region=region) | Q(region__parent=region) | Q(region__parent__parent=region)
        )

    def touched_by(self, obj) -> "ReplyQuerySet":
        """The replies whose searchable text or place an edit of `obj` changes: the one rule
        for imports and admin alike (a region's names are in the search text of every reply
        in it or below it; a department's names and place in its replies'; a proposal's title
        and text in its replies'; a session's body in its proposals' replies')."""
        from replies.models import Department, Proposal, Region, Reply, Session

        if isinstance(obj, Reply):
            return self.filter(pk=obj.pk)
        if isinstance(obj, Proposal):
            return self.filter(proposal=obj)
        if isinstance(obj, Department):
            return self.filter(department=obj)
        if isinstance(obj, Region):
            return self.in_region(obj)
        if isinstance(obj, Session):  # its body (政协/人大) is a facet of its replies
            return self.filter(proposal__session=obj)
        return self.none()

    def by_body(self) -> "ReplyQuerySet":
        """Replies per body (政协 or 人大) as the search facet counts them: the body their
        search entry holds (search.body_of decides it); None where a reply has no entry yet."""
        return self.values(body=F("search_entry__body")).annotate(n=Count("id")).order_by("body")

    def needs_review(self) -> "ReplyQuerySet":
        return self.exclude(warnings=[])

    def stating(self, metrics: "MetricQuerySet") -> "ReplyQuerySet":
        """Replies that state at least one of the given figures:
        Reply.objects.stating(Metric.objects.money().at_least(10**8).labelled("贷款"))."""
        return self.filter(Exists(metrics.filter(reply=OuterRef("pk"))))


class MetricQuerySet(models.QuerySet):
    def reply_first(self) -> "MetricQuerySet":
        """The reply's own figures in the order the text states them, then the proposal's."""
        return self.order_by(
            Case(When(source="proposal", then=Value(1)), default=Value(0)), "offset", "id"
        )

    def money(self) -> "MetricQuerySet":
        return self.filter(kind="money")

    def from_replies(self) -> "MetricQuerySet":
        """The figures the departments state, not those quoted from the proposal."""
        return self.filter(source="reply")

    def spending(self) -> "MetricQuerySet":
        """Money the replies say was put in (资金投入, 补助, 奖励): flows that add up, never
        balances (贷款余额), output or income, and never the proposer's figures."""
        return (
            self.money()
            .from_replies()
            .filter(label__regex=SPENDING)
            .exclude(label__regex=NOT_SPENDING)
        )

    def of_kind(self, kind: str) -> "MetricQuerySet":
        return self.filter(kind=kind)

    def at_least(self, amount: Decimal | int) -> "MetricQuerySet":
        """Normalised value (yuan for money) of at least `amount`."""
        return self.filter(normalized_value__gte=amount)

    def at_most(self, amount: Decimal | int) -> "MetricQuerySet":
        return self.filter(normalized_value__lte=amount)

    def labelled(self, words: str) -> "MetricQuerySet":
        """Figures whose label mentions `words` (贷款 matches 工业贷款余额)."""
        return self.filter(label__contains=words)

    def totals_by(self, dimension: str) -> "MetricQuerySet":
        """Sum and count of normalised values per county, department or year, largest first.

        Sum only figures of one kind and unit (money() first): adding yuan to people is noise.
        """
        field = TOTAL_DIMENSIONS[dimension]
        return (
            self.exclude(normalized_value=None)
            .values(key=F(field))
            .annotate(total=Sum("normalized_value"), figures=Count("id"))
            .order_by("-total")
        )


SPENDING = r"投入|投资|资金|补助|补贴|奖励|奖补|拨付|扶持|专项|经费|下达|安排|支付|发放"
NOT_SPENDING = (
    r"余额|存量|产值|收入|营收|销售|营业|总值|GDP|增加值|贷款|融资|授信|规模|税|价格|标准|每"
)

TOTAL_DIMENSIONS = {
    "county": "reply__region__name",
    "department": "reply__department__name",
    "year": "reply__year",
}
