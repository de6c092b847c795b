import pytest
from django.db import IntegrityError, transaction

from replies.models import Proposal, Region, Reply
from tests.factories import (
    DepartmentFactory,
    MetricFactory,
    ProposalFactory,
    RegionFactory,
    ReplyFactory,
)

pytestmark = pytest.mark.django_db


def test_database_rejects_a_second_reply_with_the_same_source_hash():
    first = ReplyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReplyFactory(source_sha256=first.source_sha256)


@pytest.mark.parametrize("bad_type", ["E", "a", "X", "甲"])
def test_database_rejects_a_reply_type_outside_the_grades(bad_type):
    reply = ReplyFactory()
    # update() bypasses model validation: the check constraint itself must refuse it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Reply.objects.filter(pk=reply.pk).update(reply_type=bad_type)


def test_database_accepts_the_fourth_grade_d_some_provinces_use():
    reply = ReplyFactory(reply_type="D")
    assert Reply.objects.get(pk=reply.pk).get_reply_type_display().startswith("D 类")


def test_database_accepts_a_reply_without_type():
    reply = ReplyFactory(reply_type="")
    assert Reply.objects.get(pk=reply.pk).reply_type == ""


def test_database_rejects_a_source_hash_that_is_not_sha256_hex():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReplyFactory(source_sha256="not-a-hash")


def test_database_rejects_an_adoption_rate_over_100_percent():
    reply = ReplyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reply.objects.filter(pk=reply.pk).update(adoption_rate=150)


def test_proposal_number_is_unique_within_its_session_only():
    proposal = ProposalFactory(number="014")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(session=proposal.session, number="014")
    other_session = ProposalFactory(number="014")
    assert other_session.session != proposal.session


def test_proposals_without_a_number_may_share_a_session():
    first = ProposalFactory(number="")
    ProposalFactory(session=first.session, number="")
    assert Proposal.objects.filter(session=first.session).count() == 2


def test_region_names_are_unique_under_one_parent():
    city = RegionFactory(name="枣庄市", level=Region.Level.CITY)
    RegionFactory(name="市中区", parent=city)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionFactory(name="市中区", parent=city)
    # The same county name under another city is another place.
    RegionFactory(name="市中区", parent=RegionFactory(name="济南市", level=Region.Level.CITY))


def test_reply_takes_its_region_from_the_answering_department():
    county = RegionFactory(name="台儿庄区")
    reply = ReplyFactory(department=DepartmentFactory(region=county), region=None)
    assert reply.region == county


def test_reply_year_defaults_to_the_year_of_its_date():
    reply = ReplyFactory(year=None)
    assert reply.year == reply.reply_date.year


def test_region_full_name_reads_from_province_down():
    province = RegionFactory(name="山东省", level=Region.Level.PROVINCE)
    city = RegionFactory(name="枣庄市", level=Region.Level.CITY, parent=province)
    county = RegionFactory(name="台儿庄区", parent=city)
    assert county.full_name == "山东省枣庄市台儿庄区"
    assert county.ancestor(Region.Level.CITY) == city


def test_in_region_includes_everything_below_a_province():
    province = RegionFactory(name="浙江省", level=Region.Level.PROVINCE)
    city = RegionFactory(name="宁波市", level=Region.Level.CITY, parent=province)
    county = RegionFactory(name="镇海区", parent=city)
    at_county = ReplyFactory(department=DepartmentFactory(region=county))
    at_city = ReplyFactory(department=DepartmentFactory(region=city))
    elsewhere = ReplyFactory()
    assert set(Reply.objects.in_region(province)) == {at_county, at_city}
    assert set(Reply.objects.in_region(county)) == {at_county}
    assert elsewhere not in Reply.objects.in_region(city)


def test_needs_review_selects_replies_with_warnings():
    flagged = ReplyFactory(warnings=["答复未注明日期"])
    ReplyFactory()
    assert list(Reply.objects.needs_review()) == [flagged]
    assert flagged.needs_review


def test_deleting_a_reply_deletes_its_metrics():
    metric = MetricFactory()
    metric.reply.delete()
    assert not type(metric).objects.filter(pk=metric.pk).exists()


def test_record_manual_edit_remembers_each_real_field_once():
    reply = ReplyFactory()
    reply.record_manual_edit(["title", "title", "not_a_field", "manual_fields"])
    assert reply.manual_fields == ["title"]


@pytest.mark.parametrize(
    ("as_written", "body", "expected"),
    [
        ("十一届四次会议", "政协", "德清县政协十一届四次会议"),
        ("十九届人大三次会议", "人大", "德清县十九届人大三次会议"),
        ("", "政协", "德清县政协11届4次会议"),
    ],
)
def test_session_reads_as_printed(as_written, body, expected):
    from tests.factories import SessionFactory

    session = SessionFactory(
        region=RegionFactory(name="德清县"), body=body, term=11, meeting=4, as_written=as_written
    )
    assert str(session) == expected
