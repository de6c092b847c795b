"""Pages of the archive. Views translate HTTP only; reads live in querysets.py."""

from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from replies.models import Reply

NEWEST_ON_HOME = 10


def home(request: HttpRequest) -> HttpResponse:
    replies = Reply.objects.all()
    context = {
        "total": replies.count(),
        "by_body": replies.values("proposal__session__body")
        .annotate(n=Count("id"))
        .order_by("proposal__session__body"),
        "by_year": replies.exclude(year=None)
        .values("year")
        .annotate(n=Count("id"))
        .order_by("-year"),
        "by_type": replies.values("reply_type").annotate(n=Count("id")).order_by("reply_type"),
        "newest": replies.with_related().newest_first()[:NEWEST_ON_HOME],
    }
    return render(request, "replies/home.html", context)


def reply_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reply = get_object_or_404(Reply.objects.with_related(), pk=pk)
    context = {
        "reply": reply,
        "metrics": reply.metrics.all(),
        "paragraphs": [p for p in reply.text.splitlines() if p.strip()],
    }
    return render(request, "replies/reply_detail.html", context)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For the deployment's health check: the process answers and the database does too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any database failure means "not healthy", with the reason
        return JsonResponse({"status": "error", "database": str(exc)}, status=503)
    return JsonResponse({"status": "ok"})
