"""Search parameters: whatever a URL holds, search answers with results or a 400 naming the
parameter (JSON on /api/), never a 500."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PARAMETERS = [
    "q",
    "county",
    "department",
    "sector",
    "year",
    "reply_type",
    "money_min",
    "money_max",
    "metric_label",
    "sort",
    "page",
    "per_page",
]
# Any code point, lone surrogates included (they reach the server percent-encoded).
ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=40)
LETTERS = ["ß", "é", "Σ", "Москва", "の", "한국", "㐀", "𠀀", "ßé Москва", "企业 ß", '"ß"', "-ß"]


def query_string(pairs: list[tuple[str, str]]) -> str:
    return "&".join(
        f"{quote(key)}={quote(value.encode('utf-8', 'surrogatepass'), safe='')}"
        for key, value in pairs
    )


def assert_answers(client, path: str, pairs: list[tuple[str, str]]) -> None:
    response = client.get(f"{path}?{query_string(pairs)}")
    assert response.status_code in (200, 400), (pairs, response.status_code)
    if path.startswith("/api/"):
        assert response["Content-Type"] == "application/json"
        body = response.json()
        if response.status_code == 400:
            assert set(body["errors"]) <= {key for key, _ in pairs} | {"__all__"}, body
    elif response.status_code == 400:
        assert "参数" in response.content.decode()


@pytest.mark.parametrize("q", LETTERS)
@pytest.mark.parametrize("path", ["/search/", "/api/search"])
def test_queries_in_any_script_are_answered(client, samples, path, q):
    response = client.get(path, {"q": q})
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/search/", "/api/search"])
@pytest.mark.parametrize("name", PARAMETERS)
def test_a_nul_in_any_parameter_is_a_400_naming_it(client, path, name):
    response = client.get(f"{path}?{name}=a%00b")
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert name in response.json()["errors"]
    else:
        assert name in response.content.decode()


@pytest.mark.parametrize("path", ["/search/", "/api/search"])
def test_a_parameter_repeated_thousands_of_times_is_a_400(client, path):
    response = client.get(f"{path}?{'&'.join(['county=1'] * 5000)}")
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response["Content-Type"] == "application/json"


def test_api_errors_are_json(client, db):
    response = client.get("/api/replies/999999")
    assert response.status_code == 404
    assert response.json() == {"errors": {"__all__": ["没有这个地址或记录。"]}}


def test_a_huge_parameter_is_a_400_naming_it(client):
    response = client.get(reverse("replies:api_search"), {"sector": "企" * 100_000})
    assert response.status_code == 400
    assert "sector" in response.json()["errors"]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(["/search/", "/api/search"]),
    pairs=st.lists(st.tuples(st.sampled_from(PARAMETERS), ANY_TEXT), max_size=6),
)
def test_any_parameters_give_results_or_a_400(client, samples, path, pairs):
    assert_answers(client, path, pairs)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(q=ANY_TEXT)
def test_any_query_gives_results(client, samples, q):
    response = client.get(f"/api/search?{query_string([('q', q)])}")
    if "\x00" in q:  # PostgreSQL cannot hold it: refused, naming the parameter
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["q"]
    else:
        assert response.status_code == 200, q
