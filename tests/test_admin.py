from decimal import Decimal

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


# --- the review queue: saves that never corrupt, warnings that close ------------------------


def snapshot(reply: Reply) -> tuple:
    reply.refresh_from_db()
    figures = list(reply.metrics.values_list("label", "value", "offset", "context", "is_manual"))
    return (reply.text, reply.manual_fields, reply.warnings, reply.updated_at, figures)


def test_a_save_with_nothing_changed_changes_nothing(admin_client, samples):
    reply = Reply.objects.filter(metrics__isnull=False, text__contains="\n").first()
    before = snapshot(reply)
    response = submit(admin_client, url(Reply, "change", reply.pk))  # the text comes back CRLF
    assert response.status_code == 302
    assert snapshot(reply) == before
    assert "\r" not in reply.text


def test_a_text_edit_is_stored_with_lf_and_every_figure_points_at_itself(admin_client, samples):
    reply = Reply.objects.filter(metrics__isnull=False).order_by("pk").first()
    manual = MetricFactory(
        reply=reply, value=Decimal("12.5"), label="人工录入", context="", offset=3
    )
    reply.metrics.filter(pk=manual.pk).update(is_manual=True)
    text = "补充说明：本答复经再次核对。\n" + reply.text + "\n另投入12.5万元。"
    response = submit(admin_client, url(Reply, "change", reply.pk), text=text.replace("\n", "\r\n"))
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.text == text and "text" in reply.manual_fields
    figures = reply.metrics.filter(source="reply")
    assert figures.filter(is_manual=False).exists()
    for figure in figures:
        printed = f"{figure.value.normalize():f}"
        if figure.is_manual or printed in figure.context:
            assert reply.text.startswith(printed, figure.offset), (figure.label, printed)
    assert reply.metrics.get(pk=manual.pk).offset == reply.text.rindex("12.5")


def warned_reply() -> Reply:
    return ReplyFactory(
        reply_date=None,
        year=2021,
        year_note="原文未注明日期，年份取自网页发布时间 2021-09-22 11:50",
        reply_type="",
        warnings=["原文未注明日期，年份取自网页发布时间 2021-09-22 11:50", "未标注答复类型"],
    )


def test_entering_the_missing_date_closes_its_warning_and_the_year_note(admin_client):
    reply = warned_reply()
    response = submit(admin_client, url(Reply, "change", reply.pk), reply_date="2021-09-10")
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.warnings == ["未标注答复类型"]
    assert (reply.year, reply.year_note) == (2021, "")
    [entry] = reply.review_log
    assert entry["warning"].startswith("原文未注明日期") and entry["by"] == "admin"
    assert entry["how"] == "更正了答复日期"
    assert "warnings" in reply.manual_fields  # a re-import does not bring it back


def test_marking_a_reply_reviewed_closes_every_warning_with_who_and_when(admin_client):
    reply = warned_reply()
    assert Reply.objects.needs_review().filter(pk=reply.pk).exists()
    response = submit(admin_client, url(Reply, "change", reply.pk), reviewed="on")
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.warnings == [] and not Reply.objects.needs_review().filter(pk=reply.pk).exists()
    assert [(e["how"], e["by"]) for e in reply.review_log] == [("已核对", "admin")] * 2
    page = admin_client.get(url(Reply, "change", reply.pk)).content.decode()
    assert "未标注答复类型：已核对，admin" in page


def test_warnings_lead_the_change_form_and_the_list_shows_them(admin_client, samples):
    reply = warned_reply()
    page = admin_client.get(url(Reply, "change", reply.pk)).content.decode()
    assert page.index("未标注答复类型") < page.index('name="text"')
    assert "填写答复类型即关闭" in page
    listing = admin_client.get(url(Reply, "changelist")).content.decode()
    assert "原文未注明日期，年份取自网页发布时间 2021-09-22 11:50；未标注答复类型" in listing
    first_region = Region.objects.filter(replies__isnull=False).first().name
    filters = listing[listing.index('id="changelist-filter"') :]
    assert filters.index("有提取警告") < filters.index(first_region)


def test_repeated_wrong_passwords_lock_the_account_at_that_address(client, django_user_model):
    django_user_model.objects.create_superuser("clerk", password="right-password-1")
    login = reverse("admin:login")
    answers = [
        client.post(login, {"username": "clerk", "password": f"guess-{n}"}).status_code
        for n in range(30)
    ]
    # The form again after each of the first four; the fifth failure locks the pair out.
    assert answers[:4] == [200] * 4 and set(answers[4:]) == {429}
    locked = client.post(login, {"username": "clerk", "password": "right-password-1"})
    assert locked.status_code == 429
    elsewhere = client.post(
        login, {"username": "clerk", "password": "right-password-1"}, REMOTE_ADDR="10.0.0.9"
    )
    assert elsewhere.status_code == 302


def changelist_ids(client, q: str) -> set[int]:
    response = client.get(url(Reply, "changelist"), {"q": q})
    return {reply.pk for reply in response.context["cl"].queryset}


def test_admin_search_finds_what_the_public_search_finds(admin_client, samples):
    import opencc

    reply = Reply.objects.exclude(doc_number="").filter(proposal__proposers__len__gt=0).first()
    alias = Department.objects.exclude(aliases=[]).first()
    bracketed = reply.doc_number.replace("〔", "[").replace("〕", "]")
    assert bracketed != reply.doc_number
    traditional = opencc.OpenCC("s2t").convert(reply.title)
    assert traditional != reply.title
    for q in (reply.proposal.proposers[0], bracketed, traditional):
        assert reply.pk in changelist_ids(admin_client, q), q
    assert set(alias.replies.values_list("pk", flat=True)) <= changelist_ids(
        admin_client, alias.aliases[0]
    )


def public_search(q: str) -> set[int]:
    from replies import search

    results = search.search(search.SearchParams(q=q, per_page=100))
    return {hit["id"] for hit in results.hits}


def test_renaming_a_region_in_admin_reindexes_the_replies_in_and_below_it(admin_client, samples):
    reply = Reply.objects.filter(region__parent__isnull=False).first()
    city = reply.region.parent
    response = submit(admin_client, url(Region, "change", city.pk), name="新设试验市")
    assert response.status_code == 302
    assert reply.pk in public_search("新设试验市")
    inside = set(Reply.objects.in_region(city).values_list("pk", flat=True))
    assert public_search("新设试验市") == inside


def test_moving_a_department_moves_its_replies_and_their_search_entries(admin_client, samples):
    department = Department.objects.filter(replies__isnull=False).first()
    elsewhere = Region.objects.create(name="新设试验县", level="county")
    response = submit(
        admin_client, url(Department, "change", department.pk), region=str(elsewhere.pk)
    )
    assert response.status_code == 302
    moved = set(department.replies.values_list("pk", flat=True))
    assert set(Reply.objects.filter(region=elsewhere).values_list("pk", flat=True)) == moved
    assert public_search("新设试验县") == moved
