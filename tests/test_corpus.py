"""The synthetic corpus: the same replies whatever the number of workers drafting them, each
indexed as the importer would index it."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from replies import search
from replies.corpus import generate
from replies.models import Proposal, Reply

pytestmark = pytest.mark.django_db


def corpus() -> list[tuple]:
    return list(
        Reply.objects.order_by("proposal__number").values_list(
            "proposal__number", "proposal__title", "department__name", "year", "text"
        )
    )


def test_workers_draft_the_same_corpus_as_one_process():
    assert generate(30, seed=5, workers=1, batch=8) == 30
    alone = corpus()
    Reply.objects.all().delete()
    Proposal.objects.all().delete()
    assert generate(30, seed=5, workers=2, batch=8) == 30
    assert corpus() == alone
    assert len({text for *_, text in alone}) == 30


def test_generated_entries_are_what_indexing_makes():
    generate(12, seed=9, workers=2)
    replies = Reply.objects.select_related("proposal", "department", "region__parent__parent")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.reply_id, e.grams::text, e.words::text, e.content_hash, t.text_norm "
            "FROM replies_searchentry e JOIN replies_searchtext t USING (reply_id)"
        )
        stored = {row[0]: row[1:] for row in cursor.fetchall()}
    assert len(stored) == 12
    assert search.stale_reply_ids() == []
    for reply in replies:
        grams, words, content_hash, text_norm = stored[reply.pk]
        entry = search.entry_for(reply)
        assert (content_hash, text_norm) == (entry.content_hash, entry.text_norm)
        with connection.cursor() as cursor:
            vectors = [entry.grams, entry.words]
            cursor.execute("SELECT %s::tsvector::text, %s::tsvector::text", vectors)
            assert cursor.fetchone() == (grams, words)


def test_generating_drops_hot_terms_and_kept_phrases_for_a_refresh_afterwards():
    generate(20, seed=2, workers=1)
    assert search.refresh_hot_terms(ratio=0.01)
    assert search.refresh_kept_phrases(share=0.5)
    generate(5, seed=3, workers=1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM replies_searchhot), "
            "(SELECT count(*) FROM replies_searchphrase)"
        )
        assert cursor.fetchone() == (0, 0)
    assert Reply.objects.count() == 25


@pytest.mark.parametrize(
    ("args", "message"), [(["0"], "count"), (["5", "--workers", "0"], "--workers")]
)
def test_the_command_refuses_nonsense_counts(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_corpus", *args)
    assert not Reply.objects.exists()
