"""A hostile document cannot run script anywhere the archive shows it: every page and the API
escape what it says, links go only to web pages, and every response carries a strict
Content-Security-Policy. (Imported through the real importer, and set in every field directly,
as a slip in admin would.)"""

import json
import re

import pytest
from django.urls import reverse

from replies.ingest.pipeline import ingest
from replies.models import Reply
from replies.search import index_replies
from tests.factories import MetricFactory, ReplyFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
TAG = '<img src=x onerror="alert(2)">'
QUOTE = '" onmouseover="alert(3)'
JS_URL = "javascript:alert(4)"
PAYLOAD = f"{SCRIPT}{TAG}{QUOTE}"
# What would be live markup if any of the payloads escaped.
LIVE = [
    re.compile(r"<script>alert"),
    re.compile(r"<img src=x"),
    re.compile(r'"\s*onmouseover="alert'),
    re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
]

HOSTILE_PAGE = f"""<!doctype html>
<html><head><meta charset="utf-8">
<title>{SCRIPT}</title>
<link rel="canonical" href="{JS_URL}">
</head><body>
<table><tr><td>索引号</td><td>{TAG}</td><td>发布机构</td><td>德清县教育局{SCRIPT}</td></tr>
<tr><td>文号</td><td>测教函〔2024〕1号{QUOTE}</td><td>发布日期</td><td>2024-06-01</td></tr></table>
<div class="content">
<p>关于《{SCRIPT}加强校车管理》的第12号提案的答复</p>
<p>张伟{TAG}委员：</p>
<p>您提出的关于“{QUOTE}”的提案收悉。现答复如下：全县投入资金120万元{SCRIPT}，新建校车站点15个。</p>
<p><a href="{JS_URL}">点击</a>{PAYLOAD}</p>
<p>联系人：李四{TAG}  联系电话：0571-88881234</p>
<p>德清县教育局</p>
<p>2024年6月1日</p>
</div></body></html>
"""


def assert_inert(content: str, where: str) -> None:
    for pattern in LIVE:
        assert not pattern.search(content), f"{where}: live markup {pattern.pattern!r}"


def hostile_everywhere() -> Reply:
    """A reply whose every text field carries the payloads, as a slip in admin could store."""
    reply = ReplyFactory(
        title=PAYLOAD,
        doc_number=PAYLOAD[:64],
        signer=TAG[:32],
        year=2024,
        year_note=PAYLOAD,
        text=f"第一段{PAYLOAD}\n第二段 校车 {PAYLOAD}",
        contact_person=QUOTE[:32],
        contact_phone=SCRIPT[:64],
        cc=[PAYLOAD],
        communication=TAG[:64],
        handling_as_written=PAYLOAD,
        suggestions_count=3,
        adopted_count=2,
        source_file=f"/srv/data/{TAG}.txt",
        source_url=JS_URL,
        source_meta={"索引号": PAYLOAD},
        warnings=[PAYLOAD],
        proposal__title=PAYLOAD,
        proposal__proposers=[PAYLOAD[:100]],
        proposal__lead_unit=PAYLOAD[:128],
        proposal__co_handlers=[PAYLOAD],
        proposal__text=f"提案原文{PAYLOAD}",
        department__name=f"校车局{TAG}"[:128],
        department__aliases=[TAG],
        department__sector=SCRIPT[:64],
        department__region__name=TAG[:64],
    )
    MetricFactory(reply=reply, label=PAYLOAD[:100], context=PAYLOAD, unit="万元")
    index_replies(Reply.objects.filter(pk=reply.pk))
    return reply


def pages_of(reply: Reply) -> list[str]:
    return [
        "/",
        "/search/?q=校车",
        f"/search/?q={SCRIPT}",
        f"/search/?q=校车&department={reply.department_id}",
        f"/replies/{reply.pk}/",
        f"/replies/{reply.pk}/?q=校车",
        f"/replies/{reply.pk}/?q={SCRIPT}",
        f"/proposals/{reply.proposal_id}/",
        f"/departments/{reply.department_id}/",
        f"/regions/{reply.region_id or reply.department.region_id}/",
        "/stats/",
    ]


def test_every_page_escapes_a_reply_with_payloads_in_every_field(client):
    reply = hostile_everywhere()
    for url in pages_of(reply):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)
    page = client.get(f"/replies/{reply.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text, not dropped
    assert "原网页" not in page  # a javascript: address is never a link


def test_admin_shows_a_hostile_record_inert(admin_client):
    reply = hostile_everywhere()
    for url in [
        reverse("admin:replies_reply_change", args=[reply.pk]),
        reverse("admin:replies_reply_changelist") + "?q=校车",
        reverse("admin:replies_proposal_change", args=[reply.proposal_id]),
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)


def test_the_api_gives_text_never_links_to_script_nor_server_paths(client):
    reply = hostile_everywhere()
    record = client.get(reverse("replies:api_reply", args=[reply.pk]))
    assert record["Content-Type"] == "application/json"
    data = record.json()
    assert data["source_url"] is None
    assert data["source_file"] == f"{TAG}.txt"  # the file's name, not where it was
    assert "/srv/" not in json.dumps(data, ensure_ascii=False)
    found = client.get(reverse("replies:api_search"), {"q": "校车"}).json()
    hit = next(r for r in found["results"] if r["id"] == reply.pk)
    assert hit["source_file"] == f"{TAG}.txt"
    for snippet in hit["snippets"]:  # snippets are HTML: escaped but for <mark>
        assert_inert(snippet, "snippet")


def test_an_imported_hostile_page_is_stored_as_text_and_shown_inert(client, tmp_path):
    (tmp_path / "hostile.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    summary = ingest([str(tmp_path)])
    assert summary.counts["created"] == 1, summary.failures
    reply = Reply.objects.get()
    assert reply.source_url == ""  # a canonical javascript: address is not kept
    for url in pages_of(reply):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)
    assert_inert(client.get(f"/admin/login/?next=/replies/{reply.pk}/").content.decode(), "login")


def test_every_response_carries_a_strict_policy(client, samples):
    reply = Reply.objects.first()
    for url in ["/", "/search/?q=校车", f"/replies/{reply.pk}/", "/api/search?q=校车", "/stats/"]:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy, url
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
