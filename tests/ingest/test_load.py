import datetime as dt

import pytest
from django.db import IntegrityError

from replies.ingest.load import Outcome, upsert_reply
from replies.ingest.records import HandlingStats, ParsedMetric, ParsedReply, Source
from replies.models import Department, Metric, Proposal, Region, Reply, Session

pytestmark = pytest.mark.django_db


def parsed(**overrides) -> ParsedReply:
    values = dict(
        text="徐君委员：\n您的提案收悉，现答复如下：获批资金共140万元。",
        department="枣庄市台儿庄区工业和信息化局",
        department_as_written=("台儿庄区工业化和信息局",),
        department_sector="工业和信息化",
        province="山东省",
        city="枣庄市",
        county="台儿庄区",
        reply_title="关于对区政协十届二次会议第014号提案答复的函",
        reply_date=dt.date(2023, 9, 8),
        year=2023,
        body="政协",
        committee_level="区",
        committee_region="台儿庄区",
        term=10,
        meeting=2,
        proposal_number="014",
        proposal_title="关于助推“专精特新”中小企业发展的建议",
        proposers=("徐君", "王敏"),
        co_handlers=("区科学技术局",),
        suggestions=HandlingStats(suggestions=3, ours=2, adopted=3, adoption_rate="100%"),
        metrics=(
            ParsedMetric(
                value="140",
                unit="万元",
                kind="money",
                normalized_value="1400000",
                base_unit="元",
                label="获批资金",
                context="获批资金共140万元",
                offset=20,
            ),
        ),
    )
    return ParsedReply(**(values | overrides))


def source(sha: str = "a") -> Source:
    return Source(file=f"{sha}.txt", format="txt", sha256=sha * 64)


def test_creates_the_whole_record_with_its_region_chain():
    outcome, reply = upsert_reply(parsed=parsed(), source=source())
    assert outcome == Outcome.CREATED
    assert reply.region.full_name == "山东省枣庄市台儿庄区"
    assert reply.department.aliases == ["台儿庄区工业化和信息局"]
    assert reply.proposal.session.region == reply.region
    assert (reply.adoption_rate, reply.suggestions_count) == (100, 3)
    assert list(reply.metrics.values_list("label", "normalized_value")) == [("获批资金", 1400000)]


def test_loading_the_same_document_again_changes_nothing():
    upsert_reply(parsed=parsed(), source=source())
    counts = [m.objects.count() for m in (Region, Department, Session, Proposal, Reply, Metric)]
    assert upsert_reply(parsed=parsed(), source=source())[0] == Outcome.UNCHANGED
    assert upsert_reply(parsed=parsed(), source=source(), update=True)[0] == Outcome.UNCHANGED
    assert [
        m.objects.count() for m in (Region, Department, Session, Proposal, Reply, Metric)
    ] == counts


def test_two_departments_answering_one_proposal_share_it_and_fill_its_gaps():
    upsert_reply(parsed=parsed(), source=source("a"))
    upsert_reply(
        parsed=parsed(
            department="枣庄市台儿庄区科学技术局",
            department_as_written=("区科技局",),
            lead_unit="区工业和信息化局",
            co_handlers=(),
        ),
        source=source("b"),
    )
    proposal = Proposal.objects.get()
    assert proposal.replies.count() == 2
    assert proposal.lead_unit == "区工业和信息化局"
    assert proposal.co_handlers == ["区科学技术局"]  # not blanked by the second reply
    assert Region.objects.filter(name="台儿庄区").count() == 1


def test_a_department_seen_under_a_new_alias_gains_it_once():
    upsert_reply(parsed=parsed(), source=source("a"))
    upsert_reply(
        parsed=parsed(department_as_written=("区工信局", "台儿庄区工业化和信息局")),
        source=source("b"),
    )
    assert Department.objects.get().aliases == ["台儿庄区工业化和信息局", "区工信局"]


def test_update_refreshes_derived_fields_and_metrics_but_keeps_hand_entered_metrics():
    _, reply = upsert_reply(parsed=parsed(), source=source())
    Metric.objects.create(
        reply=reply, label="人工补录", value=5, unit="人", kind="count", is_manual=True
    )
    fixed = parsed(
        reply_type="A",
        metrics=(
            ParsedMetric(
                value="1.21",
                unit="亿元",
                kind="money",
                normalized_value="121000000",
                base_unit="元",
                label="科创贷",
                context="科创贷1.21亿元",
                offset=30,
            ),
        ),
    )
    assert upsert_reply(parsed=fixed, source=source(), update=True)[0] == Outcome.UPDATED
    reply.refresh_from_db()
    assert reply.reply_type == "A"
    assert sorted(reply.metrics.values_list("label", flat=True)) == ["人工补录", "科创贷"]


def test_a_failing_document_leaves_no_partial_rows():
    with pytest.raises(IntegrityError):
        upsert_reply(parsed=parsed(reply_type="E"), source=source())
    assert [m.objects.count() for m in (Region, Department, Session, Proposal, Reply)] == [0] * 5


def test_samples_share_departments_and_regions(samples):
    assert Reply.objects.count() == 12
    wujin_health = Department.objects.get(name="常州市武进区卫生健康局")
    assert wujin_health.replies.count() == 2
    assert wujin_health.aliases == ["区卫健局"]
    assert Region.objects.filter(name="武进区").count() == 1
    assert set(Reply.objects.values_list("reply_type", flat=True)) == {"A", "B", "C", ""}
    assert Reply.objects.filter(region__level="county").values("region").distinct().count() >= 6
    assert Reply.objects.filter(region__name="潍坊市", region__level="city").count() == 1


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"lead_unit": "区" * 160}, "主办单位 (lead_unit) is 160 characters, over the 128"),
        ({"department": "局" * 200}, "规范全称 (name) is 200 characters"),
        ({"proposers": ("张三", "李" * 101)}, "(proposers) is 101 characters"),
        ({"doc_number": "号" * 65}, "文号 (doc_number) is 65 characters"),
    ],
)
def test_an_over_long_field_fails_the_document_naming_the_field(overrides, named):
    from replies.ingest.load import FieldTooLong

    with pytest.raises(FieldTooLong, match=named.replace("(", r"\(").replace(")", r"\)")):
        upsert_reply(parsed=parsed(**overrides), source=source())
    assert not Reply.objects.exists() and not Proposal.objects.exists()


def test_an_over_long_path_or_address_is_named():
    from replies.ingest.load import FieldTooLong

    long_path = Source(file="d/" * 260 + "a.txt", format="txt", sha256="a" * 64)
    with pytest.raises(FieldTooLong, match=r"来源文件 \(source_file\) is 525 characters"):
        upsert_reply(parsed=parsed(), source=long_path)
    long_url = Source(file="a.txt", format="html", sha256="a" * 64, url="https://x/" + "a" * 1000)
    with pytest.raises(FieldTooLong, match=r"来源网址 \(source_url\) is 1010 characters"):
        upsert_reply(parsed=parsed(), source=long_url)
