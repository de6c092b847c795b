"""The JSON API: GET /api/search and GET /api/replies/<id>. Views translate HTTP only."""

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from replies import facets, search
from replies.filters import SearchFilter
from replies.models import Reply
from replies.querysets import ReplyQuerySet
from replies.snippets import snippets


def search_view(request: HttpRequest) -> JsonResponse:
    form = SearchFilter(request.GET, queryset=Reply.objects.none())
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    params = form.search_params()
    results = search.search(params)
    replies = Reply.objects.with_related().in_bulk([hit["id"] for hit in results.hits])
    return JsonResponse(
        {
            "total": results.total,
            "page": results.page,
            "pages": results.pages,
            "results": [result_json(replies[hit["id"]], results.query) for hit in results.hits],
            "facets": facets.labelled(results.facets, params.filters),
            "took_ms": results.took_ms,
            "notice": results.notice,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def result_json(reply: Reply, query: search.Query) -> dict:
    return {
        "id": reply.pk,
        "title": reply.title or reply.proposal.title,
        "department": reply.department.name if reply.department else None,
        "county": reply.region.name if reply.region else None,
        "year": reply.year,
        "reply_type": reply.reply_type or None,
        "date": reply.reply_date.isoformat() if reply.reply_date else None,
        "source_file": reply.source_name,
        "url": reply.get_absolute_url(),
        "api_url": reverse("replies:api_reply", args=[reply.pk]),
        "snippets": snippets(reply.text, query),
    }


def reply_view(request: HttpRequest, pk: int) -> JsonResponse:
    queryset: ReplyQuerySet = Reply.objects.with_related().prefetch_related("metrics")
    reply = get_object_or_404(queryset, pk=pk)
    return JsonResponse(reply_json(reply), json_dumps_params={"ensure_ascii": False})


def reply_json(reply: Reply) -> dict:
    proposal, session, department, region = (
        reply.proposal,
        reply.proposal.session,
        reply.department,
        reply.region,
    )
    place = {r.level: r.name for r in region.lineage} if region else {}
    return {
        "id": reply.pk,
        "title": reply.title or None,
        "reply_title": reply.title or None,
        "department": department.name if department else None,
        "department_as_written": department.aliases if department else [],
        "department_sector": department.sector if department else None,
        "province": place.get("province"),
        "city": place.get("city"),
        "county": place.get("county"),
        "reply_date": reply.reply_date.isoformat() if reply.reply_date else None,
        "year": reply.year,
        "year_note": reply.year_note or None,
        "reply_type": reply.reply_type or None,
        "doc_number": reply.doc_number or None,
        "signer": reply.signer or None,
        "body": session.body if session else None,
        "committee_level": session.level or None if session else None,
        "committee_region": session.region.name if session and session.region else None,
        "term": session.term if session else None,
        "meeting": session.meeting if session else None,
        "session_as_written": session.as_written or None if session else None,
        "proposal_number": proposal.number or None,
        "proposal_title": proposal.title or None,
        "proposers": proposal.proposers,
        "lead_unit": proposal.lead_unit or None,
        "co_handlers": proposal.co_handlers,
        "contact_person": reply.contact_person or None,
        "contact_phone": reply.contact_phone or None,
        "cc": reply.cc,
        "communication": reply.communication or None,
        "has_proposal_text": bool(proposal.text),
        "suggestions": handling_json(reply),
        "text": reply.text,
        "proposal_text": proposal.text,
        "metrics": [metric_json(m) for m in reply.metrics.all()],
        "source_file": reply.source_name,
        "source_format": reply.source_format,
        "source_url": reply.source_link or None,
        "published_at": reply.published_at.isoformat() if reply.published_at else None,
        "warnings": reply.warnings,
        "url": reply.get_absolute_url(),
    }


def handling_json(reply: Reply) -> dict | None:
    if not reply.handling_as_written:
        return None
    rate = reply.adoption_rate
    return {
        "suggestions": reply.suggestions_count,
        "aspects": reply.aspects_count,
        "ours": reply.ours_count,
        "co_handlers": reply.co_handlers_count,
        "adopted": reply.adopted_count,
        "adoption_rate": f"{rate.normalize():f}%" if rate is not None else None,
        "as_written": reply.handling_as_written,
    }


def metric_json(metric) -> dict:
    def plain(value):
        return None if value is None else f"{value.normalize():f}"

    return {
        "label": metric.label,
        "value": plain(metric.value),
        "upper_value": plain(metric.upper_value),
        "unit": metric.unit,
        "normalized_value": plain(metric.normalized_value),
        "base_unit": metric.base_unit,
        "kind": metric.kind,
        "approximate": metric.approximate,
        "context": metric.context,
        "offset": metric.offset,
        "source": metric.source,
    }
