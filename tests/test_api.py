import pytest
from django.urls import reverse

from replies.models import Reply

pytestmark = pytest.mark.django_db
RESULT_KEYS = {
    "id",
    "title",
    "department",
    "county",
    "year",
    "reply_type",
    "date",
    "source_file",
    "url",
    "api_url",
    "snippets",
}


def test_search_api_shape(client, samples, django_assert_max_num_queries):
    # settings, facet counts, ranking, the page's replies, facet labels (regions, departments)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("replies:api_search"), {"q": "科技", "per_page": 2})
    data = response.json()
    assert response.status_code == 200
    assert set(data) == {"total", "page", "pages", "results", "facets", "took_ms", "notice"}
    assert data["pages"] == -(-data["total"] // 2)
    assert all(set(r) == RESULT_KEYS for r in data["results"])
    assert any("<mark>科技</mark>" in s for r in data["results"] for s in r["snippets"])
    assert set(data["facets"]) == {"county", "department", "sector", "year", "reply_type", "body"}
    county = data["facets"]["county"][0]
    assert {"value", "label", "count", "city", "province"} <= set(county)


def test_a_facet_value_given_back_filters_by_it(client, samples):
    data = client.get(reverse("replies:api_search")).json()
    county = next(v for v in data["facets"]["county"] if v["label"] == "武进区")
    filtered = client.get(reverse("replies:api_search"), {"county": county["value"]}).json()
    assert filtered["total"] == county["count"] == 3
    assert {r["county"] for r in filtered["results"]} == {"武进区"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"per_page": 101}, "per_page"),
        ({"page": 0}, "page"),
        ({"reply_type": "E"}, "reply_type"),
        ({"year": "二〇二三"}, "year"),
        ({"county": "999999"}, "county"),
        ({"sort": "random"}, "sort"),
        ({"money_min": "-5"}, "money_min"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_field(client, params, field):
    response = client.get(reverse("replies:api_search"), params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_reply_api_returns_the_whole_record(client, samples):
    reply = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    data = client.get(reverse("replies:api_reply", args=[reply.pk])).json()
    assert data["department"] == "济宁市曲阜市教育和体育局"
    assert data["proposers"] == ["孔德明", "颜丽"]
    assert data["suggestions"]["adoption_rate"] == "100%"
    assert data["text"] == reply.text
    assert any(m["value"] == "320" and m["unit"] == "万元" for m in data["metrics"])
    assert data["source_file"].endswith("qufu-jiaoti-2024-023.txt")


def test_unknown_reply_is_404(client):
    assert client.get(reverse("replies:api_reply", args=[999999])).status_code == 404
