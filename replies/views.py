"""Pages of the archive. Views translate HTTP only: searches go through browse.py (and so through
search.search()), reads through querysets.py, charts through statistics.py."""

import csv
import logging
from pathlib import PurePath
from urllib.parse import quote, urlencode

from django.db import connection
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from replies import browse, charts, reading, search, statistics
from replies.models import Department, Proposal, Region, Reply
from replies.snippets import marked

log = logging.getLogger(__name__)
NEWEST_ON_HOME = 10
MAX_FIGURES_SHOWN = 500  # a page's figures table; the API lists them all
FIGURES_BEFORE_TEXT = 10  # a longer table follows the text
TYPE_MEANINGS = {
    "A": "所提问题已经解决或采纳",
    "B": "所提问题正在解决或已列入计划逐步解决",
    "C": "因条件限制或其他原因暂时无法解决，作出解释说明",
    "D": "部分省份（如海南）使用的第四等级，含义以当地建议提案办理规定为准",
}


def home(request: HttpRequest) -> HttpResponse:
    replies = Reply.objects.all()
    context = {
        "total": replies.count(),
        "by_body": replies.by_body(),
        "by_year": replies.exclude(year=None)
        .values("year")
        .annotate(n=Count("id"))
        .order_by("-year"),
        "by_type": replies.values("reply_type").annotate(n=Count("id")).order_by("reply_type"),
        "by_county": replies.exclude(region=None)
        .values("region", "region__name", "region__parent__name")
        .annotate(n=Count("id"))
        .order_by("-n", "region__name")[:12],
        "by_department": replies.exclude(department=None)
        .values("department", "department__name")
        .annotate(n=Count("id"))
        .order_by("-n", "department__name")[:12],
        "newest": replies.with_related().newest_first()[:NEWEST_ON_HOME],
    }
    return render(request, "replies/home.html", context)


def search_page(request: HttpRequest) -> HttpResponse:
    return results_response(request, "replies/search.html", {})


def results_response(
    request: HttpRequest, template: str, context: dict, scope: search.Filters | None = None
) -> HttpResponse:
    try:
        page = browse.results_page(request.path, request.GET, scope)
    except browse.InvalidParameters as invalid:
        context = {**context, "errors": invalid.errors}
        return render(request, "replies/bad_parameters.html", context, status=400)
    return render(request, template, {**context, "page": page})


def reply_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reply = get_object_or_404(Reply.objects.with_related(), pk=pk)
    typed = request.GET.get("q", "")[:200]
    query = search.parse_query(typed)
    highlight = bool(query.positive_terms)
    requested = request.GET.get("part", "1")
    part = reading.text_part(reply.text, int(requested) if requested.isdigit() else 1)
    # The proposal's text follows the reply's last part; a very long one is cut to one part.
    proposal = reading.text_part(reply.proposal.text, 1) if part.next is None else None
    # The reply's own figures by default; the proposal's (the proposer's claims) on request.
    everyone = request.GET.get("figures") == "all"
    figures = list(reply.metrics.reply_first()[: MAX_FIGURES_SHOWN + 1])
    proposal_figures = sum(1 for figure in figures if figure.from_proposal)
    shown = figures[:MAX_FIGURES_SHOWN]
    if not everyone:
        shown = [figure for figure in shown if not figure.from_proposal]
    context = {
        "reply": reply,
        "type_meaning": TYPE_MEANINGS.get(reply.reply_type, ""),
        "metrics": shown,
        "more_metrics": len(figures) > MAX_FIGURES_SHOWN,
        "all_figures": everyone,
        "proposal_figures": proposal_figures,
        # A long table goes after the text, so that the letter is what a reader meets first.
        "figures_after_text": len(shown) > FIGURES_BEFORE_TEXT,
        "query": typed if highlight else "",
        "part": part,
        "part_query": f"&{urlencode({'q': typed})}" if highlight else "",
        "paragraphs": [mark_safe(marked(p, query)) for p in part.paragraphs]
        if highlight
        else part.paragraphs,
        "proposal_paragraphs": proposal.paragraphs if proposal else [],
        "proposal_cut": proposal is not None and proposal.count > 1,
        "siblings": reply.proposal.replies.with_related()
        .exclude(pk=reply.pk)
        .order_by("reply_date", "id"),
    }
    return render(request, "replies/reply_detail.html", context)


def reply_text(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored text of a reply, as a UTF-8 plain-text download."""
    reply = get_object_or_404(Reply, pk=pk)
    stem = PurePath(reply.source_name).stem or f"reply-{reply.pk}"
    response = HttpResponse(reply.text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(stem, safe='')}.txt"
    return response


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal.objects.select_related("session__region"), pk=pk)
    replies = proposal.replies.with_related().order_by("reply_date", "id")
    context = {
        "proposal": proposal,
        "replies": replies,
        "paragraphs": [p for p in proposal.text.splitlines() if p.strip()],
    }
    return render(request, "replies/proposal_detail.html", context)


def department_detail(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_object_or_404(
        Department.objects.select_related("region__parent__parent"), pk=pk
    )
    scope = search.Filters(within_department=(department.pk,))
    return results_response(
        request, "replies/department_detail.html", {"department": department}, scope
    )


def region_detail(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_object_or_404(Region.objects.select_related("parent__parent"), pk=pk)
    below = Region.objects.filter(
        Q(pk=region.pk) | Q(parent=region) | Q(parent__parent=region)
    ).values_list("pk", flat=True)
    context = {
        "region": region,
        "children": region.children.annotate(n=Count("replies")).order_by("code", "name"),
        "departments": region.departments.annotate(n=Count("replies"))
        .filter(n__gt=0)
        .order_by("-n", "name")[:20],
    }
    scope = search.Filters(within_county=tuple(below))
    return results_response(request, "replies/region_detail.html", context, scope)


def stats(request: HttpRequest) -> HttpResponse:
    shown = []
    for build in statistics.CHARTS.values():
        chart = build()
        shown.append({"chart": chart, "svg": charts.geometry(chart)})
    return render(request, "replies/stats.html", {"charts": shown})


def stats_csv(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in statistics.CHARTS:
        raise Http404("没有这个统计图")
    chart = statistics.CHARTS[slug]()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Chinese as UTF-8
    writer = csv.writer(response)
    writer.writerow(chart.columns)
    writer.writerows(chart.rows)
    return response


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For the deployment's health check: the process answers and the database does too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not healthy"; the log has the details
        log.exception("health check: the database does not answer")
        # Which check failed, never where the database is (host, port, role).
        return JsonResponse({"status": "error", "failed": ["database"]}, status=503)
    return JsonResponse({"status": "ok"})
