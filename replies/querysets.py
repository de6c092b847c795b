"""Reads in the domain's words, chained from views: Reply.objects.in_region(r).in_year(2023)."""

from django.db import models
from django.db.models import Q


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

    def needs_review(self) -> "ReplyQuerySet":
        return self.exclude(warnings=[])
