"""The recall contract, as a property over a generated corpus: for any substring of a stored text,
every reply containing it is found; quoted, exactly those replies are found."""

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from replies import search
from replies.corpus import generate
from replies.models import Reply
from replies.search import SearchParams

pytestmark = pytest.mark.django_db
CORPUS = 40
PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def corpus(db):
    generate(CORPUS, seed=7)
    replies = list(Reply.objects.select_related("proposal", "department", "region__parent__parent"))
    fields = {
        r.pk: [search.normalize(t) for ts in search.reply_fields(r).values() for t in ts if t]
        for r in replies
    }
    return [r.text for r in replies], {r.pk: search.normalize(r.text) for r in replies}, fields


def found(q: str) -> set[int]:
    results = search.search(SearchParams(q=q, per_page=100))
    assert results.total <= 100
    return {hit["id"] for hit in results.hits}


def substrings(texts_strategy):
    return texts_strategy.flatmap(
        lambda text: st.integers(0, max(0, len(text) - 2)).flatmap(
            lambda start: st.integers(2, 12).map(lambda size: text[start : start + size])
        )
    )


@given(data=st.data())
@PROPERTY
def test_every_reply_containing_a_substring_is_found(corpus, data):
    texts, normalized, _ = corpus
    q = data.draw(substrings(st.sampled_from(texts)))
    tokens = q.split()
    assume(search.normalize(q) and '"' not in q and "OR" not in tokens)
    assume(not any(t.startswith("-") for t in tokens))
    expected = {pk for pk, text in normalized.items() if search.normalize(q) in text}
    assert expected, q
    assert found(q) >= expected, q


@given(data=st.data())
@PROPERTY
def test_a_quoted_substring_finds_exactly_the_replies_containing_it(corpus, data):
    texts, _, fields = corpus
    q = data.draw(substrings(st.sampled_from(texts)))
    norm = search.normalize(q)
    assume(norm and '"' not in q and "“" not in q and "”" not in q)
    expected = {pk for pk, values in fields.items() if any(norm in v for v in values)}
    assert found(f'"{q}"') == expected, q
