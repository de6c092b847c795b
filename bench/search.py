"""Search benchmark: p50 and p95 of the whole search() call (top 20 ranked + all facet counts)
for a fixed query mix, next to the same mix as plain icontains, on a synthetic corpus.

    python bench/search.py [--size 100000] [--runs 5] [--database archive_bench]

The corpus lives in a scratch database, archive_bench unless --database names another (filled
by the corpus generator up to --size); the archive itself is never touched.
"""

import argparse
import os
import statistics
import time

from scratch import open_scratch_database

BENCH_DB = "archive_bench"

# (kind, query, filters): rare, medium and very common words, two-word AND, quoted phrases,
# with and without facet filters.
# Rare queries are what a member or a clerk looks up: a proposal number, a member's name and a
# 文号 typed with other brackets, read off one synthetic reply (NAME and DOC_NUMBER below). The
# corpus recombines a dozen samples, so even a sample's own topic words (骑手驿站, 托育) are in
# 8-22% of its replies: they are medium here.
NAME, DOC_NUMBER = "<name>", "<doc_number>"
MIX = [
    ("rare", "第004217号", {}),
    ("rare", NAME, {}),
    ("rare", DOC_NUMBER, {"year": "its"}),
    ("medium", "骑手驿站", {}),
    ("medium", "种质资源库", {"year": (2023,)}),
    ("medium", "高标准农田", {}),
    ("medium", "研学", {"reply_type": ("A", "B")}),
    ("medium", "托育", {}),
    ("common", "企业", {}),
    ("common", "发展", {}),
    ("common", "企业", {"year": (2024,), "reply_type": ("A",)}),
    ("common", "发展", {"county": "first"}),
    ("and", "企业 贷款", {}),
    ("and", "科技 人才", {"year": (2022, 2023)}),
    ("phrase", '"专精特新"', {}),
    ("phrase", '"高标准农田建设"', {}),
    ("phrase", '"现答复如下"', {"reply_type": ("C",)}),
    ("empty", "", {}),
    ("empty", "", {"reply_type": ("B",)}),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--icontains-runs", type=int, default=1)
    parser.add_argument("--database", default=BENCH_DB)
    args = parser.parse_args()
    open_scratch_database(args.database)

    from django.db import connection, connections
    from django.db.models import Count

    from replies.corpus import generate
    from replies.models import Region, Reply
    from replies.search import (
        Filters,
        SearchParams,
        refresh_hot_terms,
        refresh_kept_phrases,
        search,
    )

    have = Reply.objects.count()
    if have < args.size:
        print(f"generating {args.size - have} synthetic replies …", flush=True)
        started = time.perf_counter()
        generate(args.size - have, seed=have + 1)
        took = time.perf_counter() - started
        print(f"  {took:.0f} s, {(args.size - have) / took:.0f} replies/s")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM replies_searchhot")
        if have < args.size or cursor.fetchone() == (0,):
            started = time.perf_counter()
            hot = refresh_hot_terms()
            print(f"  {len(hot)} hot terms counted in {time.perf_counter() - started:.0f} s")
        cursor.execute("SELECT count(*) FROM replies_searchphrase")
        if have < args.size or cursor.fetchone() == (0,):
            started = time.perf_counter()
            kept = refresh_kept_phrases()
            print(f"  {len(kept)} kept phrases listed in {time.perf_counter() - started:.0f} s")
        # As autovacuum would have by now: the summary rows were updated once per batch.
        for table in ("replies_searchentry", "replies_searchhotcount", "replies_searchfacets"):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("SELECT count(*), avg(octet_length(text)) FROM replies_reply")
        count, size = cursor.fetchone()
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('replies_searchentry'))")
        (index_size,) = cursor.fetchone()
    print(
        f"corpus: {count} replies, {size / 1024:.1f} KB of text on average; "
        f"search table with indexes {index_size}; {os.cpu_count()} cores"
    )
    first_county = Region.objects.filter(level="county", replies__isnull=False).first().pk
    looked_up = Reply.objects.select_related("proposal").get(proposal__number="004217")
    stand_in = {
        NAME: looked_up.proposal.proposers[0],
        DOC_NUMBER: looked_up.doc_number.replace("〔", "[").replace("〕", "]"),
    }
    mix = [
        (
            kind,
            stand_in.get(q, q),
            {
                k: (first_county,) if v == "first" else (looked_up.year,) if v == "its" else v
                for k, v in raw.items()
            },
        )
        for kind, q, raw in MIX
    ]

    totals = {q: search(SearchParams(q=q)).total for _kind, q, raw in mix if not raw}
    print(
        "matches per query (share of the corpus):",
        ", ".join(f"{q or '(empty)'} {n} ({n / count:.1%})" for q, n in totals.items()),
    )
    timings: dict[str, list[float]] = {}
    baseline: dict[str, list[float]] = {}
    each: dict[int, list[float]] = {}
    for _ in range(args.runs):
        for position, (kind, q, filters) in enumerate(mix):
            params = SearchParams(q=q, filters=Filters(**filters))
            started = time.perf_counter()
            results = search(params)
            timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            timings.setdefault("all", []).append(timings[kind][-1])
            each.setdefault(position, []).append(timings[kind][-1])
            assert results.total >= 0
    # The search page as a browser gets it: the whole request through Django (validation,
    # search(), the replies of the page, snippets, facet labels, template), without the network.
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    pages: dict[str, list[float]] = {}
    for _ in range(args.runs):
        for kind, q, filters in mix:
            data = {k: list(v) for k, v in filters.items()}
            started = time.perf_counter()
            response = client.get("/search/", {"q": q, **data})
            pages.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            pages.setdefault("all", []).append(pages[kind][-1])
            assert response.status_code == 200, response.content[:500]
    for _ in range(args.icontains_runs):
        for kind, q, _ in mix:
            started = time.perf_counter()
            replies = Reply.objects.all()
            for word in q.replace('"', "").split():
                replies = replies.filter(text__icontains=word)
            replies.count()
            list(replies.order_by("-reply_date")[:20].values_list("id", flat=True))
            list(replies.values("year").annotate(n=Count("id")))
            baseline.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            baseline.setdefault("all", []).append(baseline[kind][-1])

    header = ("queries", "search p50", "p95", "page p50", "p95", "icontains p50", "p95", "ratio")
    print("{:10} {:>11} {:>8} {:>10} {:>8} {:>14} {:>8} {:>7}".format(*header))
    for kind in ["rare", "medium", "common", "and", "phrase", "empty", "all"]:
        ours, page, theirs = timings[kind], pages[kind], baseline.get(kind)
        p50, p95 = statistics.median(ours), percentile(ours, 0.95)
        g50, g95 = statistics.median(page), percentile(page, 0.95)
        line = f"{kind:10} {p50:9.1f}ms {p95:6.1f}ms {g50:8.1f}ms {g95:6.1f}ms"
        if not theirs:  # --icontains-runs 0
            print(f"{line} {'-':>14} {'-':>8} {'-':>7}")
            continue
        b50, b95 = statistics.median(theirs), percentile(theirs, 0.95)
        print(f"{line} {b50:12.1f}ms {b95:6.1f}ms {b50 / p50:6.0f}x")
    print("each query, search() over the runs: median and slowest")
    for position, (kind, q, filters) in enumerate(mix):
        shown = f"{q or '(empty)'} {filters or ''}"
        times = each[position]
        print(f"  {kind:7} {shown:44} {statistics.median(times):8.1f}ms {max(times):8.1f}ms")
    connections.close_all()


if __name__ == "__main__":
    main()
