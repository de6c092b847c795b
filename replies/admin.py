"""Django admin: the office's tool for entering and correcting records.

A save here is a real correction: the fields a person changed are remembered on the record
(`manual_fields`, `Metric.is_manual`) so that a later re-import does not undo them. A save that
changes nothing writes nothing: text comes back from a browser with CRLF line ends, and is
compared as the stored text (LF) before anything counts as changed. The review queue (warnings
at the top of a reply's page, closed by the correction they ask for or by 已核对) is in
replies/corrections.py.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.db.models.expressions import RawSQL
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from replies import corrections, search
from replies.models import Department, Metric, Proposal, Region, Reply, Session

admin.site.site_header = "答复档案 · 管理后台"
admin.site.site_title = "答复档案管理"
admin.site.index_title = "档案管理"


class PlainText(forms.CharField):
    """Text as staff typed it: browsers send a textarea's lines with CRLF; stored text has LF,
    so an untouched text compares equal and is not a correction."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class ArchiveAdmin(admin.ModelAdmin):
    formfield_overrides = {
        models.TextField: {"form_class": PlainText},
        models.CharField: {"form_class": PlainText},
    }


class ReindexesSearch(ArchiveAdmin):
    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # An edit in admin reaches search at once: explicitly, not through signals.
        super().save_related(request, form, formsets, change)
        search.index_replies(Reply.objects.touched_by(form.instance))


class HandEditedAdmin(ReindexesSearch):
    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if change and not form.has_changed():
            return  # nothing changed: nothing is written, nothing is marked hand-edited
        obj.record_manual_edit(form.changed_data)
        super().save_model(request, obj, form, change)


class MetricFormsetMixin:
    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is Metric:
            for metric_form in formset.forms:
                if metric_form.has_changed():
                    metric_form.instance.is_manual = True
        super().save_formset(request, form, formset, change)


@admin.register(Region)
class RegionAdmin(ReindexesSearch):
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

    def save_model(self, request: HttpRequest, obj: Department, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "region" in form.changed_data:
            corrections.move_department(obj)

    @admin.display(description="别名")
    def alias_list(self, obj: Department) -> str:
        return "、".join(obj.aliases)

    @admin.display(description="答复数", ordering="reply_total")
    def reply_count(self, obj: Department) -> int:
        return obj.reply_total


@admin.register(Session)
class SessionAdmin(ReindexesSearch):
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


class ReplyForm(forms.ModelForm):
    reviewed = forms.BooleanField(
        label="已核对",
        required=False,
        help_text="已与原件逐条核对上列警告，无需再更正：关闭全部警告，并记下核对人和时间。",
    )

    class Meta:
        model = Reply
        # Admin takes the fields from the fieldsets; the warnings and their log are never typed.
        exclude = ["warnings", "review_log"]  # noqa: DJ006


@admin.register(Reply)
class ReplyAdmin(MetricFormsetMixin, HandEditedAdmin):
    form = ReplyForm
    list_display = [
        "__str__",
        "department",
        "region",
        "year",
        "reply_type",
        "reply_date",
        "warning_text",
    ]
    # The review queue first: 有提取警告 is one click, above the long region and unit lists.
    list_filter = [NeedsReviewFilter, "year", "reply_type", CountyFilter, "department"]
    search_fields = ["title", "doc_number", "proposal__title", "department__name"]
    date_hierarchy = "reply_date"
    autocomplete_fields = ["proposal", "department", "region"]
    list_select_related = ["department", "region"]
    inlines = [MetricInline]
    # A source address typed without a scheme is a government site: https (Django 6's default).
    formfield_overrides = {
        **ArchiveAdmin.formfield_overrides,
        models.URLField: {"assume_scheme": "https"},
    }
    fieldsets = [
        ("待核对", {"fields": ["warning_list", "reviewed"]}),
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
        ("核对记录", {"fields": ["review_history", "manual_fields"]}),
    ]

    def save_model(self, request: HttpRequest, obj: Reply, form, change: bool) -> None:
        if change and form.has_changed():
            corrections.close_warnings(
                obj,
                form.changed_data,
                reviewed=form.cleaned_data.get("reviewed", False),
                by=request.user.get_username(),
            )
        super().save_model(request, obj, form, change)
        if change and "text" in form.changed_data:
            corrections.rederive_figures(obj)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        """What the public search finds (proposers, department aliases, places, a 文号 in any
        bracket style, traditional script: one normaliser), and the admin's own fields."""
        own, duplicates = super().get_search_results(request, queryset, search_term)
        found = search.matches_sql(search_term)
        if found is None:
            return own, duplicates
        return own | queryset.filter(pk__in=RawSQL(*found)), duplicates

    @admin.display(description="提取警告")
    def warning_list(self, reply: Reply) -> str:
        if not reply.warnings:
            return "无"
        return format_html_join(
            "",
            "<li>{} <small>（{}）</small></li>",
            ((warning, closes(warning)) for warning in reply.warnings),
        )

    @admin.display(description="已关闭的警告")
    def review_history(self, reply: Reply) -> str:
        if not reply.review_log:
            return "无"
        return format_html_join(
            "",
            "<li>{}：{}，{} {}</li>",
            (
                (entry["warning"], entry["how"], entry["by"], entry["at"][:16].replace("T", " "))
                for entry in reply.review_log
            ),
        )

    @admin.display(description="提取警告")
    def warning_text(self, reply: Reply) -> str:
        return "；".join(reply.warnings) if reply.warnings else ""

    def get_fieldsets(self, request: HttpRequest, obj=None):
        if obj is not None:
            return self.fieldsets
        # A hand-entered reply has its web address typed in, not shown as a link.
        typed = [field if field != "source_address" else "source_url" for field in SOURCE_FIELDS]
        return [
            (name, {"fields": typed}) if name == "来源" else (name, opts)
            for name, opts in self.fieldsets
            if name not in ("待核对", "核对记录")  # a new reply has nothing to review yet
        ]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        # The source identifies the document an import came from; only a hand-entered
        # reply has its file name and format typed in.
        review = ["warning_list", "review_history", "manual_fields"]
        if obj is None:
            return ["source_sha256", "source_meta", "imported_at", "updated_at", *review]
        return [*SOURCE_FIELDS, *review]

    @admin.display(description="来源网址")
    def source_address(self, reply: Reply) -> str:
        """A link only to a web page; anything else a document claimed is shown as text."""
        if reply.source_link:
            return format_html('<a href="{0}" rel="noopener noreferrer">{0}</a>', reply.source_link)
        return reply.source_url or "-"


def closes(warning: str) -> str:
    fields = corrections.answered_by(warning)
    named = "或".join(corrections.verbose(name) for name in fields)
    return f"填写{named}即关闭，或勾选“已核对”" if fields else "核对后勾选“已核对”"


@admin.register(Metric)
class MetricAdmin(ArchiveAdmin):
    list_display = ["label", "value", "unit", "normalized_value", "kind", "approximate", "reply"]
    list_filter = ["kind", "approximate", "is_manual", "source"]
    search_fields = ["label", "context", "reply__title"]
    autocomplete_fields = ["reply"]
    list_select_related = ["reply"]
    readonly_fields = ["is_manual"]

    def save_model(self, request: HttpRequest, obj: Metric, form, change: bool) -> None:
        obj.is_manual = True
        super().save_model(request, obj, form, change)
