"""Chinese search over the sample replies: a table of queries, ranking, facets, freshness."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F

from replies import search
from replies.models import Reply
from replies.search import Filters, SearchParams
from replies.snippets import snippets

pytestmark = pytest.mark.django_db


def numbers(q: str, **filters) -> set[str]:
    results = search.search(SearchParams(q=q, filters=Filters(**filters), per_page=100))
    replies = Reply.objects.in_bulk([hit["id"] for hit in results.hits])
    assert results.total == len(results.hits)
    return {replies[hit["id"]].source_file.split("/")[-1].split(".")[0] for hit in results.hits}


def containing(fragment: str) -> set[str]:
    """The samples whose searchable text contains the fragment, found without the index."""
    found = set()
    for reply in Reply.objects.select_related("proposal", "department"):
        fields = [
            reply.text,
            reply.title,
            reply.proposal.title,
            reply.proposal.text,
            reply.doc_number,
            reply.department.name if reply.department else "",
        ]
        if any(search.normalize(fragment) in search.normalize(f) for f in fields):
            found.add(reply.source_file.split("/")[-1].split(".")[0])
    return found


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("校车", {"qufu-jiaoti-2024-023"}),
        ("专精特新", {"deqing-jingxin-2025-15"}),
        ("精特", {"deqing-jingxin-2025-15"}),  # inside the word 专精特新
        ("小巨", {"deqing-jingxin-2025-15"}),  # inside 小巨人
        ("農業農村局", {"zoucheng-nongye-2023-0112", "shouguang-nongye-2023-015"}),
        ("托育", {"wujin-weijian-2025-0021"}),
        ('"研学旅游"', {"qufu-wenlv-2024-047"}),
        ("“高标准农田”", {"zoucheng-nongye-2023-0112"}),
        ("家庭医生 签约", {"wujin-weijian-2024-086"}),
        ("校车 OR 托育", {"qufu-jiaoti-2024-023", "wujin-weijian-2025-0021"}),
        ("武卫健〔2025〕9号", {"wujin-weijian-2025-0021"}),
        ("武卫健[2025]9号", {"wujin-weijian-2025-0021"}),
        ("武卫健（2025）9号", {"wujin-weijian-2025-0021"}),
        ("武卫健2025 9号", {"wujin-weijian-2025-0021"}),
        ("第0087号", {"haining-renshe-2024-0087"}),
        ("吴住建【2023】73号", {"wujiang-zhujian-2023-056"}),
        ("ＭＷ", set()),
        ("不存在的词语组合", set()),
    ],
)
def test_query_table(samples, q, expected):
    assert numbers(q) == expected


@pytest.mark.parametrize("q", ["企业", "发展", "委员", "贷款", "收悉现答复", "提案的答复", "万元"])
def test_every_reply_containing_the_string_is_found(samples, q):
    assert numbers(q) >= containing(q)
    assert containing(q), "the table should test strings the samples contain"


@pytest.mark.parametrize("q", ["收悉，现答复", "提案的答复", "2023年", "第0087", "0087号", "〕9号"])
def test_quoted_queries_return_exactly_the_replies_containing_the_string(samples, q):
    assert numbers(f'"{q}"') == containing(q)


def test_excluded_words_remove_replies(samples):
    with_word = numbers("企业")
    without = numbers("企业 -专精特新")
    assert without == with_word - containing("专精特新")
    assert numbers("企业 -企业") == set()


@pytest.mark.parametrize("q", ["，。！", "   ", "“”", "-，"])
def test_junk_queries_never_error_and_never_match_everything(samples, q):
    results = search.search(SearchParams(q=q))
    if q.strip():
        assert results.total == 0 and results.notice
    else:
        assert results.total == 12


def test_empty_query_lists_everything_newest_first(samples):
    results = search.search(SearchParams(per_page=100))
    dates = [Reply.objects.get(pk=h["id"]).reply_date for h in results.hits]
    known = [d for d in dates if d]
    assert results.total == 12 and known == sorted(known, reverse=True)
    assert dates[-len(dates) + len(known) :] == [None] * (len(dates) - len(known))


def test_a_document_number_finds_its_reply_first(samples):
    results = search.search(SearchParams(q="潍科函〔2023〕58号"))
    assert Reply.objects.get(pk=results.hits[0]["id"]).doc_number == "潍科函〔2023〕58号"


def test_title_matches_rank_above_body_matches(samples):
    results = search.search(SearchParams(q="托育"))
    first = Reply.objects.get(pk=results.hits[0]["id"])
    assert "托育" in first.proposal.title


def test_sort_oldest_and_newest(samples):
    oldest = search.search(SearchParams(sort="oldest", per_page=100)).hits
    newest = search.search(SearchParams(sort="newest", per_page=100)).hits
    assert [h["id"] for h in oldest if Reply.objects.get(pk=h["id"]).reply_date] == list(
        reversed([h["id"] for h in newest if Reply.objects.get(pk=h["id"]).reply_date])
    )


def test_facet_counts_equal_the_results_each_value_yields(samples):
    for q in ["", "企业", "委员"]:
        results = search.search(SearchParams(q=q, per_page=100))
        for dimension, values in results.facets.items():
            for value, count in values:
                selected = Filters(
                    **{
                        dimension: (
                            int(value) if dimension in {"county", "department", "year"} else value,
                        )
                    }
                )
                assert search.search(SearchParams(q=q, filters=selected)).total == count, (
                    q,
                    dimension,
                    value,
                )


def test_facets_are_disjunctive_within_and_conjunctive_across_dimensions(samples):
    base = search.search(SearchParams())
    a_type = search.search(SearchParams(filters=Filters(reply_type=("A",))))
    # Selecting A keeps B and C counted in its own dimension …
    assert dict(a_type.facets["reply_type"]) == dict(base.facets["reply_type"])
    # … while the other dimensions count only A replies.
    assert (
        sum(c for _, c in a_type.facets["year"])
        == a_type.total
        == dict(base.facets["reply_type"])["A"]
    )
    both = search.search(SearchParams(filters=Filters(reply_type=("A", "C"))))
    assert both.total == dict(base.facets["reply_type"])["A"] + dict(base.facets["reply_type"])["C"]
    narrowed = search.search(SearchParams(filters=Filters(reply_type=("A",), year=(2023,))))
    assert narrowed.total == dict(a_type.facets["year"])["2023"]


def test_money_filters_use_the_figures(samples):
    rich = numbers("", money_min=10**8)
    assert rich == {
        r.source_file.split("/")[-1].split(".")[0]
        for r in Reply.objects.filter(metrics__kind="money", metrics__normalized_value__gte=10**8)
    }
    assert numbers("", money_min=10**8, metric_label="贷款") == {"weifang-keji-2023-342"}


def test_an_edit_reaches_search_at_once_and_reindex_catches_bulk_updates(samples, admin_client):
    from tests.adminforms import submit

    reply = Reply.objects.get(doc_number="潍科函〔2023〕58号")
    url = f"/admin/replies/reply/{reply.pk}/change/"
    assert submit(admin_client, url, title="关于科技金融试点的答复").status_code == 302
    assert numbers("科技金融试点") == {"weifang-keji-2023-342"}
    Reply.objects.filter(pk=reply.pk).update(text=reply.text + "\n附：量子通信试验。")
    assert numbers("量子通信") == set()  # a bulk update bypasses save(); reindex finds it stale
    assert search.stale_reply_ids() == [reply.pk]
    call_command("reindex", stdout=StringIO())
    assert numbers("量子通信") == {"weifang-keji-2023-342"}
    assert search.stale_reply_ids() == []


def test_a_very_long_reply_stays_searchable_to_its_end(samples):
    reply = Reply.objects.get(doc_number="潍科函〔2023〕58号")
    filler = "各项工作稳步推进，" * 6000  # about 54,000 characters
    Reply.objects.filter(pk=reply.pk).update(text=filler + "结尾处的独特短语星河计划。")
    search.index_replies(
        Reply.objects.filter(pk=reply.pk).select_related("proposal", "department", "region")
    )
    assert numbers('"独特短语星河计划"') == {"weifang-keji-2023-342"}


def test_snippets_mark_terms_and_escape_everything_else():
    query = search.parse_query("危险 字段")
    (snippet,) = snippets("<script>危险</script>的字段", query)
    assert snippet == "&lt;script&gt;<mark>危险</mark>&lt;/script&gt;的<mark>字段</mark>"


@pytest.mark.parametrize(
    ("q", "clauses", "excluded"),
    [
        ("企业 发展", [["企业"], ["发展"]], []),
        ('"企业 发展"', [["企业发展"]], []),
        ("企业 OR 发展 贷款", [["企业", "发展"], ["贷款"]], []),
        ("企业 -发展", [["企业"]], ["发展"]),
        ("OR 企业", [["企业"]], []),
    ],
)
def test_query_syntax(q, clauses, excluded):
    query = search.parse_query(q)
    assert [[t.norm for t in clause] for clause in query.clauses] == clauses
    assert [t.norm for t in query.excluded] == excluded


def test_browsing_counts_stay_exact_through_deletes_and_reindexing(samples):
    from replies.models import SearchEntry

    Reply.objects.filter(doc_number="潍科函〔2023〕58号").delete()  # cascades to the entry
    moved = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    Reply.objects.filter(pk=moved.pk).update(year=2020)
    call_command("reindex", stdout=StringIO())

    results = search.search(SearchParams())  # browsing: counts from the trigger-kept summary
    entries = SearchEntry.objects.all()
    assert results.total == entries.count() == 11
    assert dict(results.facets["county"]) == dict(Counter(str(e.region_id) for e in entries))
    assert dict(results.facets["year"]) == dict(Counter(str(e.year) for e in entries))
    assert dict(results.facets["year"])["2020"] == 1


def test_browsing_counts_follow_a_truncate_of_the_index(samples):
    from django.db import connection

    with connection.cursor() as cursor:
        # The fixture's deferred foreign-key checks must fire before a TRUNCATE may run.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE replies_searchentry")
    results = search.search(SearchParams())
    assert results.total == 0
    assert all(values == [] for values in results.facets.values())


def test_each_entry_names_the_summary_row_of_its_facet_values(samples):
    from django.db import connection

    moved = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    Reply.objects.filter(pk=moved.pk).update(year=2019, reply_type="C")  # a new combination
    call_command("reindex", stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM replies_searchentry e JOIN replies_searchfacets f "
            "ON f.id = e.facet_key WHERE f.region_id IS NOT DISTINCT FROM e.region_id "
            "AND f.department_id IS NOT DISTINCT FROM e.department_id AND f.sector = e.sector "
            "AND f.year IS NOT DISTINCT FROM e.year AND f.reply_type = e.reply_type"
        )
        (matching,) = cursor.fetchone()
        cursor.execute(
            "SELECT f.id, f.entries, count(e.reply_id) FROM replies_searchfacets f "
            "LEFT JOIN replies_searchentry e ON e.facet_key = f.id GROUP BY f.id"
        )
        summary = cursor.fetchall()
    assert matching == Reply.objects.count() == 12
    assert all(entries == counted for _, entries, counted in summary)
    results = search.search(SearchParams(q="教育", filters=Filters(year=(2019,))))
    assert moved.pk in [hit["id"] for hit in results.hits]
    assert dict(results.facets["reply_type"]).get("C") == 1


def kept_counts_are_exact() -> None:
    """The kept counts of every hot bigram equal its matches counted one by one."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT h.lexeme, e.facet_key, count(*) FROM replies_searchhot h "
            "JOIN replies_searchentry e "
            "ON e.grams @@ to_tsquery('simple', quote_literal(h.lexeme)) "
            "GROUP BY 1, 2 ORDER BY 1, 2"
        )
        counted = cursor.fetchall()
        cursor.execute(
            "SELECT lexeme, facet_key, n FROM replies_searchhotcount WHERE n <> 0 ORDER BY 1, 2"
        )
        assert cursor.fetchall() == counted
        assert counted  # the test means something only if some bigram is hot


HOT = ["答复", "企业", "农业", "发展", "建议"]


def test_hot_terms_give_the_same_results_as_counting(samples):
    county = Reply.objects.get(doc_number="武卫健〔2025〕9号").region_id
    queries = [
        ("企业", {}, "relevance"),
        ("农业", {"year": (2023,)}, "relevance"),
        ('"发展"', {"reply_type": ("A", "B")}, "relevance"),
        ("建议", {"reply_type": ("none", "C"), "year": (2023, 2024, 2025)}, "newest"),
        ("答复", {"within_county": (county,)}, "oldest"),
        ("答复", {"county": (county,), "year": (2025,)}, "relevance"),
    ]
    params = [SearchParams(q=q, filters=Filters(**f), sort=sort) for q, f, sort in queries]
    counted = [search.search(p) for p in params]
    assert search.refresh_hot_terms(HOT) == HOT
    for p, before in zip(params, counted, strict=True):
        after = search.search(p)
        assert before.total > 0
        assert (after.total, after.hits) == (before.total, before.hits)
        assert {k: sorted(v) for k, v in after.facets.items()} == {
            k: sorted(v) for k, v in before.facets.items()
        }


def test_hot_counts_stay_exact_through_every_write_path(samples, admin_client):
    search.refresh_hot_terms(HOT)
    kept_counts_are_exact()
    moved = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    Reply.objects.filter(pk=moved.pk).update(year=2019, text=moved.text + "企业发展")
    call_command("reindex", "--no-hot", stdout=StringIO())  # UPDATE statements
    kept_counts_are_exact()
    Reply.objects.filter(doc_number="潍科函〔2023〕58号").delete()  # a cascading DELETE
    kept_counts_are_exact()
    Reply.objects.filter(pk=moved.pk).update(text="已删去")
    call_command("reindex", "--no-hot", stdout=StringIO())
    kept_counts_are_exact()


def test_hot_terms_are_chosen_from_the_planner_statistics(samples):
    chosen = search.refresh_hot_terms(ratio=0.1)  # a dozen replies: only a low bar is passed
    assert chosen and all(len(gram) == 2 for gram in chosen)
    assert "答复" in chosen  # in every sample reply
    kept_counts_are_exact()
    results = search.search(SearchParams(q="答复"))
    assert results.total == Reply.objects.count()


def test_reindex_and_the_corpus_generator_choose_hot_terms():
    out = StringIO()
    call_command("generate_corpus", "40", "--seed", "3", "--workers", "2", stdout=out)
    assert "Generated 40 synthetic replies." in out.getvalue()
    assert "Hot terms" in out.getvalue()
    out = StringIO()
    call_command("reindex", stdout=out)
    assert "Reindexed 0 of 40 replies." in out.getvalue()
    assert "Hot terms" in out.getvalue()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM replies_searchhot")
        (hot,) = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM replies_searchfacets WHERE entries > 0")
        (combinations,) = cursor.fetchone()
    # A bigram is hot only where its matches reach 4 times the combinations of facet values:
    # none of 40 replies spread over about 40 combinations.
    assert f"Hot terms (counts kept by combination of facets): {hot}." in out.getvalue()
    assert combinations * search.HOT_RATIO > 40 and hot == 0


def kept_lists_are_exact() -> None:
    """The replies listed for every kept phrase are exactly those whose text holds it."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.phrase, t.reply_id, e.facet_key FROM replies_searchphrase p "
            "JOIN replies_searchtext t ON strpos(t.text_norm, p.phrase) > 0 "
            "JOIN replies_searchentry e ON e.reply_id = t.reply_id ORDER BY 1, 2"
        )
        holding = cursor.fetchall()
        cursor.execute(
            "SELECT phrase, reply_id, facet_key FROM replies_searchphrasematch ORDER BY 1, 2"
        )
        assert cursor.fetchall() == holding
        assert holding
        cursor.execute(
            "SELECT phrase, facet_key, n FROM replies_searchphrasecount WHERE n <> 0 ORDER BY 1, 2"
        )
        by_key = Counter((phrase, key) for phrase, _, key in holding)
        assert cursor.fetchall() == [(*pair, n) for pair, n in sorted(by_key.items())]


def test_kept_phrases_are_boilerplate_clauses(samples):
    kept = search.refresh_kept_phrases(share=0.5)  # in half the samples or more
    assert "现答复如下" in kept  # 7 of the 12 samples
    assert all(len(phrase) >= 4 for phrase in kept)
    kept_lists_are_exact()


@pytest.mark.parametrize(
    "q",
    [
        '"答复如下"',
        '"现答复如下"',
        '"如下"',
        '"复如下"',
        '"现答复如下" -"答复如下"',
        '校车 -"答复如"',
    ],
)
def test_kept_phrases_give_the_same_results_as_checking_every_text(samples, q):
    checked = search.search(SearchParams(q=q, per_page=100))
    search.refresh_kept_phrases(["现答复如下", "收悉现答复如下"])
    kept = search.search(SearchParams(q=q, per_page=100))
    assert (kept.total, kept.hits, kept.facets) == (checked.total, checked.hits, checked.facets)
    assert kept.total == len(containing(q.split('"')[1])) or "-" in q


def test_kept_phrase_lists_stay_exact_through_every_write_path(samples):
    search.refresh_kept_phrases(["现答复如下"])
    kept_lists_are_exact()
    moved = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    Reply.objects.filter(pk=moved.pk).update(text=moved.text + "现答复如下")
    call_command("reindex", "--no-hot", stdout=StringIO())  # UPDATE of the text
    kept_lists_are_exact()
    Reply.objects.filter(doc_number="潍科函〔2023〕58号").delete()  # a cascading DELETE
    kept_lists_are_exact()
    Reply.objects.filter(pk=moved.pk).update(year=2018, reply_type="C")  # other facet values
    call_command("reindex", "--no-hot", stdout=StringIO())
    kept_lists_are_exact()
    holding = search.search(SearchParams(q='"现答复如下"')).total
    assert holding == len(containing("现答复如下"))


def test_digit_runs_narrow_codes_to_the_replies_holding_them():
    assert search.digit_runs("第004217号共12万元2024年5月") == {"n004217", "n12", "n2024"}
    # A run with a non-digit on both sides is a whole run of any text containing the term; one
    # at the term's end only begins one (a prefix, when long enough to help); one at its start
    # may continue leftwards in the text, so says nothing.
    assert search.run_lexemes("第004217号") == ["'n004217'"]
    assert search.run_lexemes("第0042") == ["'n0042':*"]
    assert search.run_lexemes("第004") == []
    assert search.run_lexemes("004217号") == []
    assert search.run_lexemes("武卫健20259号") == ["'n20259'"]


@pytest.mark.parametrize("q", ['"n"', "n", '"N"', "2"])
def test_the_run_marker_alone_finds_only_replies_holding_it(samples, q):
    # The samples hold digit runs (marked n2024 in the index) but no Latin n.
    assert numbers(q) == containing(q.strip('"'))


def test_codes_are_found_in_entries_from_before_digit_runs(samples):
    """Until reindexing has given every entry its runs, queries do not ask for them."""
    from replies.models import SearchEntry

    reply = Reply.objects.get(doc_number="武卫健〔2025〕9号")
    entry = search.entry_for(reply)
    old_grams = " ".join(
        g for g in entry.grams.split() if not (g.startswith("'n") and g[2:3].isdigit())
    )
    SearchEntry.objects.filter(pk=reply.pk).update(grams=old_grams, version=1)
    assert numbers("武卫健〔2025〕9号") == {"wujin-weijian-2025-0021"}
    assert numbers("武卫健2025 9号") == {"wujin-weijian-2025-0021"}
    call_command("reindex", "--no-hot", stdout=StringIO())
    assert SearchEntry.objects.get(pk=reply.pk).version == search.SEARCH_VERSION
    assert numbers("武卫健〔2025〕9号") == {"wujin-weijian-2025-0021"}


def test_normalising_keeps_each_character_s_offset_in_the_original():
    assert search.normalize("Ａ㎡B農業，x") == "am2b农业x"
    # ㎡ folds to two characters, the comma to none: offsets still point into the original.
    assert search.normalize_with_offsets("Ａ㎡B農業，x") == ("am2b农业x", [0, 1, 1, 2, 3, 4, 6])


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_browsing_a_selection_lists_it_in_date_order(samples, sort):
    from replies.models import SearchEntry

    filters = Filters(year=(2023, 2024), reply_type=("A", "none"))
    results = search.search(SearchParams(filters=filters, sort=sort, per_page=100))
    entries = SearchEntry.objects.filter(year__in=(2023, 2024), reply_type__in=("A", ""))
    date = (
        F("reply_date").desc(nulls_last=True)
        if sort == "newest"
        else F("reply_date").asc(nulls_last=True)
    )
    order = [date, "-reply_id" if sort == "newest" else "reply_id"]
    assert [h["id"] for h in results.hits] == list(
        entries.order_by(*order).values_list("reply_id", flat=True)
    )
    assert results.total == entries.count() > 1


def test_a_selection_s_bitmap_holds_exactly_the_combinations_it_lets_through(samples):
    from django.db import connection

    reply = Reply.objects.get(doc_number="武卫健〔2025〕9号")
    county, kind = reply.region_id, reply.reply_type or "none"
    filters = Filters(year=(2023, reply.year), reply_type=("A", kind), within_county=(county,))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_relation_filenode('replies_searchfacets'), max(id) FROM replies_searchfacets"
        )
        known = search.combinations(cursor, cursor.fetchone())
        within = known.within(filters)
        cursor.execute(
            "SELECT id FROM replies_searchfacets WHERE get_bit(%s::bytea, id) = 1 ORDER BY id",
            [within],
        )
        chosen = [key for (key,) in cursor.fetchall()]
        cursor.execute(
            "SELECT id FROM replies_searchfacets WHERE year IN (2023, %s) "
            "AND reply_type IN ('A', %s) AND region_id = %s ORDER BY id",
            [reply.year, reply.reply_type, county],
        )
        assert chosen == [key for (key,) in cursor.fetchall()]
        assert chosen


def test_traditional_reply_words_fold_as_the_importer_reads_them():
    traditional, simplified = "關於第5號提案的答覆（覆函）", "关于第5号提案的答复（复函）"
    assert search.normalize(traditional) == search.normalize(simplified)
    assert search.normalize("覆盖") == "覆盖"  # 覆 elsewhere is its own word
    norm, offsets = search.normalize_with_offsets("答覆：")
    assert (norm, offsets) == ("答复", [0, 1])
