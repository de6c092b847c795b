import pytest
from django.urls import reverse

from replies.models import Reply
from tests.factories import MetricFactory

pytestmark = pytest.mark.django_db


def test_home_shows_counts_and_the_newest_replies(client, samples, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get(reverse("replies:home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "共收录答复 <strong>12</strong> 件" in page
    newest = Reply.objects.newest_first().first()
    assert newest.get_absolute_url() in page
    assert "人大：4 件" in page and "政协：8 件" in page


def test_home_says_how_to_fill_an_empty_archive(client):
    page = client.get(reverse("replies:home")).content.decode()
    assert "还没有答复" in page


def test_reply_page_shows_metadata_figures_and_paragraphs(
    client, samples, django_assert_max_num_queries
):
    reply = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    MetricFactory(reply=reply, label="校车运营补助资金", value=320, unit="万元")
    with django_assert_max_num_queries(3):
        response = client.get(reply.get_absolute_url())
    page = response.content.decode()
    for expected in [
        "曲阜市教育和体育局",
        "山东省济宁市曲阜市",
        "签发人",
        "孔繁星",
        "2024年6月20日",
        "孔德明、颜丽",
        "市公安局、市交通运输局",
        "校车运营补助资金",
        "<p>二、加大经费保障力度。",
    ]:
        assert expected in page


def test_reply_text_is_escaped_not_rendered_as_markup(client, samples):
    reply = Reply.objects.first()
    Reply.objects.filter(pk=reply.pk).update(text="<script>alert(1)</script>")
    page = client.get(reply.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_unknown_reply_is_a_chinese_404(client):
    response = client.get(reverse("replies:reply_detail", args=[999999]))
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_healthz_reports_the_database(client):
    response = client.get(reverse("replies:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
