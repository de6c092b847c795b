"""Django admin: the office's tool for entering and correcting records.

A save here is a real correction: the fields a person changed are remembered on the record
(`manual_fields`, `Metric.is_manual`) so that a later re-import does not undo them.
"""

from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html

from replies import search
from replies.models import Department, Metric, Proposal, Region, Reply, Session

admin.site.site_header = "答复档案 · 管理后台"
admin.site.site_title = "答复档案管理"
admin.site.index_title = "档案管理"


class ReindexesSearch(admin.ModelAdmin):
    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # An edit in admin reaches search at once: explicitly, not through signals.
        super().save_related(request, form, formsets, change)
        search.index_replies(replies_touched_by(form.instance))


class HandEditedAdmin(ReindexesSearch):
    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        obj.record_manual_edit(form.changed_data)
        super().save_model(request, obj, form, change)


def replies_touched_by(obj) -> list[Reply]:
    """The replies whose searchable text an edit of `obj` changes."""
    replies = Reply.objects.select_related("proposal", "department", "region__parent__parent")
    if isinstance(obj, Reply):
        return list(replies.filter(pk=obj.pk))
    if isinstance(obj, Proposal):
        return list(replies.filter(proposal=obj))
    if isinstance(obj, Department):
        return list(replies.filter(department=obj))
    return []


class MetricFormsetMixin:
    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is Metric:
            for metric_form in formset.forms:
                if metric_form.has_changed():
                    metric_form.instance.is_manual = True
        super().save_formset(request, form, formset, change)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent", "code"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Department)
class DepartmentAdmin(ReindexesSearch):
    list_display = ["name", "sector", "region", "alias_list", "reply_count"]
    list_filter = ["sector"]
    # Aliases are how documents write a name (区工信局); staff search by them too.
    search_fields = ["name", "sector", "aliases"]
    autocomplete_fields = ["region"]
    list_select_related = ["region__parent__parent"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Counting groups the rows, and grouped rows lose the model's default ordering.
        return super().get_queryset(request).annotate(reply_total=Count("replies")).order_by("name")

    @admin.display(description="别名")
    def alias_list(self, obj: Department) -> str:
        return "、".join(obj.aliases)

    @admin.display(description="答复数", ordering="reply_total")
    def reply_count(self, obj: Department) -> int:
        return obj.reply_total


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "body", "level", "region", "term", "meeting", "year"]
    list_filter = ["body", "level", "year"]
    search_fields = ["as_written", "region__name"]
    autocomplete_fields = ["region"]
    list_select_related = ["region"]


class ReplyInline(admin.TabularInline):
    model = Reply
    fields = ["department", "title", "reply_type", "reply_date", "doc_number"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "对该提案的答复"

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        # A reply needs its full text and source; it is added on its own page.
        return False


@admin.register(Proposal)
class ProposalAdmin(HandEditedAdmin):
    list_display = ["title", "number", "kind", "session", "proposer_list", "reply_count"]
    list_filter = ["kind", "session__body", "session__year"]
    search_fields = ["title", "number", "proposers"]
    autocomplete_fields = ["session"]
    list_select_related = ["session__region"]
    readonly_fields = ["manual_fields"]
    inlines = [ReplyInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(reply_total=Count("replies")).order_by("-id")

    @admin.display(description="提出人")
    def proposer_list(self, obj: Proposal) -> str:
        return "、".join(obj.proposers)

    @admin.display(description="答复数", ordering="reply_total")
    def reply_count(self, obj: Proposal) -> int:
        return obj.reply_total


class MetricInline(admin.TabularInline):
    model = Metric
    fields = [
        "label",
        "value",
        "upper_value",
        "unit",
        "normalized_value",
        "base_unit",
        "kind",
        "approximate",
        "source",
        "offset",
        "is_manual",
    ]
    readonly_fields = ["is_manual"]
    extra = 0


class CountyFilter(admin.SimpleListFilter):
    title = "地区"
    parameter_name = "region"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        regions = (
            Region.objects.filter(replies__isnull=False)
            .select_related("parent__parent")
            .distinct()
            .order_by("code", "name")
        )
        return [(str(r.pk), r.full_name) for r in regions]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.in_region(self.value())
        return queryset


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "待核对"
    parameter_name = "needs_review"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("yes", "有提取警告"), ("no", "无警告")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.needs_review()
        if self.value() == "no":
            return queryset.filter(warnings=[])
        return queryset


SOURCE_FIELDS = [
    "source_file",
    "source_format",
    "source_address",
    "source_sha256",
    "source_meta",
    "published_at",
    "imported_at",
    "updated_at",
]


@admin.register(Reply)
class ReplyAdmin(MetricFormsetMixin, HandEditedAdmin):
    list_display = [
        "__str__",
        "department",
        "region",
        "year",
        "reply_type",
        "reply_date",
        "has_warnings",
    ]
    list_filter = [CountyFilter, "department", "year", "reply_type", NeedsReviewFilter]
    search_fields = ["title", "doc_number", "proposal__title", "department__name"]
    date_hierarchy = "reply_date"
    autocomplete_fields = ["proposal", "department", "region"]
    list_select_related = ["department", "region"]
    inlines = [MetricInline]
    # A source address typed without a scheme is a government site: https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["proposal", "department", "region", "title", "text"]}),
        (
            "公文信息",
            {
                "fields": [
                    "doc_number",
                    "signer",
                    "reply_type",
                    "reply_date",
                    "year",
                    "year_note",
                ]
            },
        ),
        (
            "联系与沟通",
            {"fields": ["contact_person", "contact_phone", "cc", "communication"]},
        ),
        (
            "办理情况",
            {
                "fields": [
                    "suggestions_count",
                    "aspects_count",
                    "ours_count",
                    "co_handlers_count",
                    "adopted_count",
                    "adoption_rate",
                    "handling_as_written",
                ]
            },
        ),
        ("来源", {"fields": SOURCE_FIELDS}),
        ("核对", {"fields": ["warnings", "manual_fields"]}),
    ]

    def get_fieldsets(self, request: HttpRequest, obj=None):
        if obj is not None:
            return self.fieldsets
        # A hand-entered reply has its web address typed in, not shown as a link.
        typed = [field if field != "source_address" else "source_url" for field in SOURCE_FIELDS]
        return [
            (name, {"fields": typed}) if name == "来源" else (name, opts)
            for name, opts in self.fieldsets
        ]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        # The source identifies the document an import came from; only a hand-entered
        # reply has its file name and format typed in.
        if obj is None:
            return ["source_sha256", "source_meta", "imported_at", "updated_at", "manual_fields"]
        return [*SOURCE_FIELDS, "manual_fields"]

    @admin.display(description="来源网址")
    def source_address(self, reply: Reply) -> str:
        """A link only to a web page; anything else a document claimed is shown as text."""
        if reply.source_link:
            return format_html('<a href="{0}" rel="noopener noreferrer">{0}</a>', reply.source_link)
        return reply.source_url or "-"

    @admin.display(description="待核对", boolean=True)
    def has_warnings(self, obj: Reply) -> bool:
        return obj.needs_review


@admin.register(Metric)
class MetricAdmin(admin.ModelAdmin):
    list_display = ["label", "value", "unit", "normalized_value", "kind", "approximate", "reply"]
    list_filter = ["kind", "approximate", "is_manual", "source"]
    search_fields = ["label", "context", "reply__title"]
    autocomplete_fields = ["reply"]
    list_select_related = ["reply"]
    readonly_fields = ["is_manual"]

    def save_model(self, request: HttpRequest, obj: Metric, form, change: bool) -> None:
        obj.is_manual = True
        super().save_model(request, obj, form, change)
