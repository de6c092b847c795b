"""Migrations that move data: run them on rows written under the schema before them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from replies import search

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("replies", "0006_search_facet_summary_truncate")]
AFTER = [("replies", "0007_search_narrow_rows")]


def latest() -> list[tuple[str, str]]:
    loader = MigrationExecutor(connection).loader
    return [node for node in loader.graph.leaf_nodes() if node[0] == "replies"]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def latest_schema_afterwards():
    """Whatever a test does, the next one finds the schema the code expects."""
    yield
    migrate(latest())


def test_0007_moves_the_text_out_and_keys_every_entry_by_its_facet_values():
    apps = migrate(BEFORE)
    try:
        Region = apps.get_model("replies", "Region")
        Department = apps.get_model("replies", "Department")
        Proposal = apps.get_model("replies", "Proposal")
        Reply = apps.get_model("replies", "Reply")
        county = Region.objects.create(name="德清县", level="county")
        bureau = Department.objects.create(name="湖州市德清县教育局", region=county, sector="教育")
        rows = []
        for n, (year, kind) in enumerate([(2023, "A"), (2023, "A"), (2024, ""), (None, "C")]):
            proposal = Proposal.objects.create(number=f"{n:03d}", title=f"关于校车安全的建议{n}")
            reply = Reply.objects.create(
                proposal=proposal,
                department=bureau if n < 3 else None,
                region=county,
                year=year,
                reply_type=kind,
                text=f"关于农村学校校车安全的答复第{n}件",
                source_sha256=f"{n:064d}",
            )
            rows.append((reply.pk, bureau.pk if n < 3 else None, year, kind))
        with connection.cursor() as cursor:
            for reply_id, department_id, year, kind in rows:
                text = search.normalize(f"关于农村学校校车安全的答复第{reply_id}件")
                cursor.execute(
                    "INSERT INTO replies_searchentry (reply_id, region_id, department_id, sector,"
                    " year, reply_type, reply_date, grams, words, text_norm, title_norm, numbers,"
                    " version, content_hash) VALUES (%s, %s, %s, %s, %s, %s, NULL,"
                    " %s::tsvector, ''::tsvector, %s, '', '||', 1, '')",
                    [
                        reply_id,
                        county.pk,
                        department_id,
                        "教育" if department_id else "",
                        year,
                        kind,
                        " ".join(map(search.lexeme, sorted(search.bigrams(text)))),
                        text,
                    ],
                )
    finally:
        migrate(AFTER)

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM replies_searchtext")
        assert cursor.fetchone() == (4,)
        cursor.execute(
            "SELECT count(*) FROM replies_searchentry e JOIN replies_searchfacets f"
            " ON f.id = e.facet_key WHERE f.region_id IS NOT DISTINCT FROM e.region_id"
            " AND f.department_id IS NOT DISTINCT FROM e.department_id"
            " AND f.year IS NOT DISTINCT FROM e.year AND f.reply_type = e.reply_type"
        )
        assert cursor.fetchone() == (4,)
        cursor.execute("SELECT sum(entries), count(*) FROM replies_searchfacets WHERE entries > 0")
        assert cursor.fetchone() == (4, 3)
    migrate(latest())
    results = search.search(search.SearchParams(q='"校车安全的答复"'))
    assert results.total == 4
    assert dict(results.facets["year"]) == {"2023": 2, "2024": 1}
    assert dict(results.facets["reply_type"]) == {"A": 2, "none": 1, "C": 1}


def test_0016_gives_every_entry_its_body_and_counts_it_there():
    from tests.factories import ProposalFactory, ReplyFactory, SessionFactory

    npc = ReplyFactory(proposal=ProposalFactory(session=SessionFactory(body="人大"), kind="建议"))
    cppcc = ReplyFactory(proposal=ProposalFactory(session=None, kind="提案"))
    search.index_replies(search_replies())
    migrate([("replies", "0015_reply_review_log")])
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM replies_searchentry")
            assert cursor.fetchone() == (2,)
    finally:
        migrate(latest())
    with connection.cursor() as cursor:
        cursor.execute("SELECT reply_id, body FROM replies_searchentry ORDER BY reply_id")
        assert cursor.fetchall() == [(npc.pk, "人大"), (cppcc.pk, "政协")]
    results = search.search(search.SearchParams())
    assert dict(results.facets["body"]) == {"人大": 1, "政协": 1}
    only = search.search(search.SearchParams(filters=search.Filters(body=("人大",))))
    assert [hit["id"] for hit in only.hits] == [npc.pk]


def search_replies():
    from replies.models import Reply

    return Reply.objects.with_related()
