import pytest
from django.contrib import admin
from django.urls import reverse

from replies.ingest.load import Outcome, upsert_reply
from replies.ingest.records import ParsedReply, Source
from replies.models import Department, Metric, Proposal, Region, Reply, Session
from tests.adminforms import submit
from tests.factories import MetricFactory, ProposalFactory, ReplyFactory

pytestmark = pytest.mark.django_db

MODELS = [Region, Department, Session, Proposal, Reply, Metric]


def url(model, action, *args):
    return reverse(f"admin:replies_{model._meta.model_name}_{action}", args=args)


def has_chinese(text) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in str(text))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_archive_model_is_registered_with_chinese_names(model):
    assert model in admin.site._registry
    assert has_chinese(model._meta.verbose_name)
    untranslated = [
        f.name
        for f in model._meta.concrete_fields
        if f.name != "id" and not has_chinese(f.verbose_name)
    ]
    assert untranslated == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_renders_for_staff(admin_client, samples, model):
    MetricFactory(reply=Reply.objects.first())
    response = admin_client.get(url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count() > 0


@pytest.mark.parametrize(
    "query",
    [
        {"reply_type__exact": "B"},
        {"year": "2024"},
        {"needs_review": "yes"},
        {"q": "武卫健"},
    ],
)
def test_reply_changelist_filters_and_search(admin_client, samples, query):
    response = admin_client.get(url(Reply, "changelist"), query)
    assert response.status_code == 200
    shown = list(response.context["cl"].queryset)
    assert shown
    if "reply_type__exact" in query:
        assert {r.reply_type for r in shown} == {"B"}
    if "needs_review" in query:
        assert all(r.warnings for r in shown)
    if "q" in query:
        assert all("武卫健" in r.doc_number for r in shown)


def test_reply_changelist_filters_by_county_and_everything_below_a_province(admin_client, samples):
    wujin = Region.objects.get(name="武进区")
    response = admin_client.get(url(Reply, "changelist"), {"region": wujin.pk})
    assert {r.region for r in response.context["cl"].queryset} == {wujin}
    jiangsu = Region.objects.get(name="江苏省")
    response = admin_client.get(url(Reply, "changelist"), {"region": jiangsu.pk})
    assert response.context["cl"].result_count == Reply.objects.in_region(jiangsu).count() == 4


def test_department_search_finds_aliases(admin_client, samples):
    response = admin_client.get(url(Department, "changelist"), {"q": "区卫健局"})
    assert [d.name for d in response.context["cl"].queryset] == ["常州市武进区卫生健康局"]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_change_page_renders_and_saves_unchanged(admin_client, samples, model):
    MetricFactory(reply=Reply.objects.first())
    obj = model.objects.order_by("pk").first()
    response = submit(admin_client, url(model, "change", obj.pk))
    assert response.status_code == 302, response.context and response.context["errors"]
    assert response["Location"] == url(model, "changelist")


def test_add_pages_render_and_save(admin_client, samples):
    county = Region.objects.get(name="德清县")
    assert (
        submit(
            admin_client, url(Region, "add"), name="新市镇", level="county", parent=county.pk
        ).status_code
        == 302
    )
    assert (
        submit(
            admin_client,
            url(Department, "add"),
            name="湖州市德清县教育局",
            aliases="县教育局,德清县教育局",
            sector="教育",
            region=county.pk,
        ).status_code
        == 302
    )
    assert Department.objects.get(name="湖州市德清县教育局").aliases == ["县教育局", "德清县教育局"]
    assert (
        submit(
            admin_client,
            url(Session, "add"),
            body="政协",
            level="县",
            region=county.pk,
            term="12",
            meeting="1",
        ).status_code
        == 302
    )
    assert (
        submit(
            admin_client,
            url(Proposal, "add"),
            title="关于建设乡村图书馆的建议",
            kind="提案",
            proposers="张三,李四",
        ).status_code
        == 302
    )
    proposal = Proposal.objects.get(title="关于建设乡村图书馆的建议")
    assert proposal.proposers == ["张三", "李四"]
    assert (
        submit(
            admin_client,
            url(Reply, "add"),
            proposal=proposal.pk,
            department=Department.objects.get(name="湖州市德清县教育局").pk,
            title="关于建设乡村图书馆的答复",
            text="张三、李四委员：\n来信收悉。",
            reply_type="A",
            reply_date="2025-03-01",
        ).status_code
        == 302
    )
    reply = Reply.objects.get(title="关于建设乡村图书馆的答复")
    assert reply.source_format == "manual"
    assert len(reply.source_sha256) == 64
    assert reply.region == county
    assert {"title", "text", "reply_type"} <= set(reply.manual_fields)
    assert (
        submit(
            admin_client,
            url(Metric, "add"),
            reply=reply.pk,
            label="购书经费",
            value="12.5",
            unit="万元",
            kind="money",
            normalized_value="125000",
            base_unit="元",
            offset="0",
            source="reply",
        ).status_code
        == 302
    )
    assert Metric.objects.get(label="购书经费").is_manual


def test_hand_correction_survives_a_re_import_unless_forced(admin_client):
    parsed = ParsedReply(
        text="张伟委员：\n您的提案收悉。",
        department="枣庄市台儿庄区工业和信息化局",
        county="台儿庄区",
        reply_title="关于第014号提案的答复",
        reply_type="B",
        proposal_title="关于助推企业发展的建议",
        proposers=("张伟",),
    )
    source = Source(file="a.txt", format="txt", sha256="a" * 64)
    _, reply = upsert_reply(parsed=parsed, source=source)
    response = submit(admin_client, url(Reply, "change", reply.pk), title="关于第014号提案的答复函")
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.manual_fields == ["title"]

    reparsed = ParsedReply(**{**parsed.__dict__, "reply_type": "A"})
    outcome, _ = upsert_reply(parsed=reparsed, source=source, update=True)
    reply.refresh_from_db()
    assert outcome == Outcome.UPDATED
    assert (reply.title, reply.reply_type) == ("关于第014号提案的答复函", "A")

    upsert_reply(parsed=reparsed, source=source, update=True, force=True)
    reply.refresh_from_db()
    assert (reply.title, reply.manual_fields) == ("关于第014号提案的答复", [])


def test_metrics_edited_in_the_reply_inline_are_marked_manual(admin_client):
    metric = MetricFactory(label="获批资金")
    response = submit(
        admin_client, url(Reply, "change", metric.reply.pk), **{"metrics-0-label": "科创贷"}
    )
    assert response.status_code == 302
    metric.refresh_from_db()
    assert (metric.label, metric.is_manual) == ("科创贷", True)


def test_proposal_page_lists_its_replies(admin_client):
    proposal = ProposalFactory()
    replies = ReplyFactory.create_batch(2, proposal=proposal)
    page = admin_client.get(url(Proposal, "change", proposal.pk)).content.decode()
    for reply in replies:
        assert url(Reply, "change", reply.pk) in page


def test_source_fields_are_read_only_on_an_imported_reply(admin_client):
    reply = ReplyFactory()
    response = submit(
        admin_client,
        url(Reply, "change", reply.pk),
        source_file="forged.txt",
        source_sha256="b" * 64,
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.source_file != "forged.txt"
    assert reply.source_sha256 != "b" * 64


def test_admin_autocomplete_answers_for_departments(admin_client, samples):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "卫生", "app_label": "replies", "model_name": "reply", "field_name": "department"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["常州市武进区卫生健康局"]
