"""Chinese full-text search on stock PostgreSQL: the only module that knows how text is segmented
and how tsvectors and tsqueries are built (see docs/adr/0005-search.md).

Recall comes from character bigrams: every field is normalised character by character (NFKC,
traditional to simplified, lower case, letters and digits only), and every bigram of it is a
lexeme. A string of two or more characters occurs in a document only if all its bigrams do, so
the AND of its bigrams never misses a document; strings of three or more characters are then
checked exactly against the stored normalised text. jieba words, weighted by field, only rank.

Membership and counts (total and facets) are exact; ranking looks at a bounded set of candidates:
every 文号/number and title match plus the newest RANK_WINDOW matches.
"""

import hashlib
import logging
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import compress
from pathlib import Path

import jieba
import numpy as np
import opencc
from django.db import connection, transaction

from replies.ingest.normalize import REPLY_WORDS

jieba.setLogLevel(logging.WARNING)  # jieba resets its logger to DEBUG on import

SEARCH_VERSION = 2  # 2: digit runs in the bigram vector
RANK_WINDOW = 100
# Exact bitmaps for matches that cover most of the archive (a lossy bitmap re-checks every row
# against its detoasted bigram vector), no sequential scan that evaluates @@ row by row, and no
# JIT (the exact checks' per-row lookups push the estimated cost past jit_above_cost, and
# compiling then took 160-600 ms of a query that runs in 300). Parallel workers keep the
# server's default costs: starting them took 40 ms of a 55 ms ranking query on 2 cores.
QUERY_SETTINGS = {
    "work_mem": "64MB",
    "enable_seqscan": "off",
    "jit": "off",
}
# Transaction-local (like SET LOCAL), all in one round trip.
SETTINGS_SQL = "SELECT " + ", ".join(
    f"set_config('{name}', '{value}', true)" for name, value in QUERY_SETTINGS.items()
)
SEPARATOR = "|"  # never survives normalisation, so no match spans two fields
DICTIONARY = Path(__file__).resolve().parent / "search_words.txt"
SORTS = {"relevance", "newest", "oldest"}


# --- normalisation -------------------------------------------------------------------------


@cache
def simplified_chars() -> dict[int, str]:
    """Traditional → simplified, one character at a time, so normalising stays character-wise."""
    converter = opencc.OpenCC("t2s")
    table = {}
    for code in range(0x3400, 0xA000):
        converted = converter.convert(chr(code))
        if len(converted) == 1 and converted != chr(code):
            table[code] = converted
    return table


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).translate(simplified_chars()).lower()
    return "".join(c for c in folded if unicodedata.category(c)[0] in "LN")


class FoldTable(dict):
    """Each character's folded form by code point, filled as characters are met, for
    str.translate, which looks known ones up without leaving C (twice as fast as a map)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


FOLDED = FoldTable()


def normalize(text: str) -> str:
    """Both sides of every comparison: NFKC, simplified, lower case, letters and digits only,
    and the reply words traditional pages write (答覆, 覆函) as the importer reads them."""
    return REPLY_WORDS.sub("复", text.translate(FOLDED))


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the offset in `text`."""
    pieces = list(map(FOLDED.__getitem__, map(ord, text)))
    norm = REPLY_WORDS.sub("复", "".join(pieces))  # one character for one: offsets hold
    offsets = list(compress(range(len(pieces)), pieces))  # characters that fold to one
    if len(offsets) != len(norm):  # and some to several (㎡ → m2)
        offsets = [index for index, piece in enumerate(pieces) for _ in piece]
    return norm, offsets


def bigrams(norm: str) -> set[str]:
    if len(norm) == 1:
        return {norm}
    return {norm[i : i + 2] for i in range(len(norm) - 1)}


# Digit bigrams (00, 20, 12) are in nearly every reply, so a code or number finds little help
# in them: 第004217号 had its exact check run on a third of the archive. The index also holds
# each whole run of digits, marked with RUN (a letter, which to_tsquery keeps in the token;
# marked, a run has three characters or more and a bigram two, so the two never meet): a term's
# run with a non-digit on both sides must be a whole run of the text, and one with a non-digit
# before it and the term's end after must begin one.
DIGIT_RUN = re.compile(r"[0-9]{2,}")
RUN = "n"
RUNS_SINCE = 2  # the index version from which entries hold runs
RUN_PREFIX_MIN = 4  # shorter prefixes match too many runs to help


def digit_runs(norm: str) -> set[str]:
    """The marked runs of two or more digits in a normalised text: {'n004217', 'n2024'}."""
    return {RUN + run for run in DIGIT_RUN.findall(norm)}


def run_lexemes(norm: str) -> list[str]:
    """tsquery lexemes that every text containing the term has: its bounded digit runs."""
    found = []
    for match in DIGIT_RUN.finditer(norm):
        if match.start() == 0:
            continue  # the text's run may begin further left
        if match.end() < len(norm):
            found.append(lexeme(RUN + match.group()))
        elif len(match.group()) >= RUN_PREFIX_MIN:
            found.append(lexeme(RUN + match.group()) + ":*")
    return found


def lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


# --- jieba words, for ranking --------------------------------------------------------------


@cache
def segmenter() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            tokenizer.add_word(line.strip(), freq=100000)
    return tokenizer


def add_words(words: list[str]) -> None:
    """Department, alias and region names from the database join the dictionary."""
    tokenizer = segmenter()
    for word in words:
        if len(word) >= 2:
            tokenizer.add_word(word, freq=100000)


BLOCK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")


@lru_cache(maxsize=200_000)
def block_words(block: str) -> tuple[str, ...]:
    return tuple(w for w in segmenter().cut_for_search(block, HMM=False) if len(w.strip()) >= 1)


def words(text: str) -> list[str]:
    """jieba search-mode words of the text; jieba segments each run of Han/alphanumerics apart,
    so caching per run gives the same words."""
    folded = unicodedata.normalize("NFKC", text).translate(simplified_chars()).lower()
    return [w for block in BLOCK.findall(folded) for w in block_words(block)]


# --- indexing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    grams: str
    words: str
    text_norm: str
    title_norm: str
    numbers: str
    content_hash: str


def reply_fields(reply) -> dict[str, list[str]]:
    """Searchable text by weight: A titles, B who and where, D the texts."""
    proposal = reply.proposal
    department = reply.department
    region = reply.region
    places = [r.name for r in region.lineage] if region else []
    return {
        "A": [reply.title, proposal.title],
        "B": [
            department.name if department else "",
            *(department.aliases if department else []),
            *proposal.proposers,
            *places,
            reply.doc_number,
            *number_forms(proposal.number),
        ],
        "D": [reply.text, proposal.text],
    }


def number_forms(number: str) -> list[str]:
    """A proposal number as members type it: 第014号 is also 第14号 and 第0014号, so that a
    search for any of them finds it (numbers are printed with and without leading zeros)."""
    if not number:
        return []
    if not number.isdigit():
        return [f"第{number}号"]
    bare = bare_number(number)
    widths = range(len(bare), max(len(number), NUMBER_WIDTH) + 1)
    return [f"第{bare.zfill(width)}号" for width in widths]


NUMBER_WIDTH = 4  # the widest zero-padding seen on proposal numbers (第0021号)


def bare_number(number: str) -> str:
    """A numeric proposal number without its leading zeros (014 → 14); "" for any other."""
    return str(int(number)) if number.isdigit() else ""


def normalized_fields(reply, fields: dict[str, list[str]]) -> tuple[dict[str, list[str]], str, str]:
    """(normalised texts by weight, text_norm, numbers): what the index holds of a reply, without
    the costly part (bigrams, jieba words)."""
    proposal = reply.proposal
    numbers = [
        reply.doc_number,
        proposal.number,
        bare_number(proposal.number),
        *number_forms(proposal.number),
    ]
    normalized = {weight: [normalize(t) for t in texts if t] for weight, texts in fields.items()}
    text_norm = SEPARATOR.join(t for texts in normalized.values() for t in texts if t)
    numbers_norm = SEPARATOR + SEPARATOR.join(n for n in map(normalize, numbers) if n) + SEPARATOR
    return normalized, text_norm, numbers_norm


def state_hash(reply, text_norm: str, numbers_norm: str) -> str:
    """What an entry was built from: tokenizer version, texts and facet values. An entry whose
    hash differs from its reply's is stale."""
    content = hashlib.sha256(f"{text_norm}\x00{numbers_norm}".encode()).hexdigest()
    facets = (
        reply.region_id,
        reply.department_id,
        reply.year,
        reply.reply_type,
        reply.reply_date,
        body_of(reply),
    )
    return hashlib.sha256(f"{SEARCH_VERSION}{content}{facets}".encode()).hexdigest()


def entry_for(reply) -> Entry:
    fields = reply_fields(reply)
    normalized, text_norm, numbers_norm = normalized_fields(reply, fields)
    grams: set[str] = set()
    for texts in normalized.values():
        for norm in texts:
            grams |= bigrams(norm) | digit_runs(norm)
    weighted: dict[str, str] = {}
    for weight in ("D", "B", "A"):  # the strongest weight a word has wins
        for text in fields[weight]:
            for word in words(text):
                weighted[word] = weight
    return Entry(
        grams=" ".join(map(lexeme, sorted(grams))),
        words=" ".join(f"{lexeme(w)}:1{weight}" for w, weight in sorted(weighted.items())),
        text_norm=text_norm,
        title_norm=SEPARATOR.join(normalized["A"]),
        numbers=numbers_norm,
        content_hash=state_hash(reply, text_norm, numbers_norm),
    )


ENTRY_COLUMNS = (
    "reply_id, region_id, department_id, sector, year, reply_type, body, reply_date, grams, "
    "words, title_norm, numbers, version, content_hash"
)
UPSERT = f"""
INSERT INTO replies_searchentry ({ENTRY_COLUMNS})
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector, %s::tsvector, %s, %s, %s, %s)
ON CONFLICT (reply_id) DO UPDATE SET region_id = EXCLUDED.region_id,
    department_id = EXCLUDED.department_id, sector = EXCLUDED.sector, year = EXCLUDED.year,
    reply_type = EXCLUDED.reply_type, body = EXCLUDED.body, reply_date = EXCLUDED.reply_date,
    grams = EXCLUDED.grams, words = EXCLUDED.words, title_norm = EXCLUDED.title_norm,
    numbers = EXCLUDED.numbers, version = EXCLUDED.version, content_hash = EXCLUDED.content_hash
"""
UPSERT_TEXT = """
INSERT INTO replies_searchtext (reply_id, text_norm) VALUES (%s, %s)
ON CONFLICT (reply_id) DO UPDATE SET text_norm = EXCLUDED.text_norm
"""
# An entry's normalised text: in the scan of matches, a join that only queries with exact checks
# make (the planner picks a nested loop for few candidates and a hash join for many: 100,000
# checks in 175 ms, against 330 ms as a per-row lookup); elsewhere a lookup by primary key.
TEXT = "t.text_norm"
TEXT_JOIN = "JOIN replies_searchtext t ON t.reply_id = e.reply_id"
TEXT_LOOKUP = "(SELECT t.text_norm FROM replies_searchtext t WHERE t.reply_id = e.reply_id)"
USES_TEXT = re.compile(r"\bt\.text_norm")  # not xt.text_norm, an exclusion's own join


BODY_OF_KIND = {"提案": "政协", "建议": "人大"}


def body_of(reply) -> str:
    """政协 or 人大: the proposal's session says, else what the proposal is (a 提案 goes to a
    政协, a 建议 to a 人大)."""
    proposal = reply.proposal
    session = proposal.session
    return (session.body if session else "") or BODY_OF_KIND.get(proposal.kind, "")


def entry_row(reply, entry: Entry) -> tuple:
    return (
        reply.pk,
        reply.region_id,
        reply.department_id,
        reply.department.sector if reply.department else "",
        reply.year,
        reply.reply_type,
        body_of(reply),
        reply.reply_date,
        entry.grams,
        entry.words,
        entry.title_norm,
        entry.numbers,
        SEARCH_VERSION,
        entry.content_hash,
    )


ENTRY_RELATED = ("proposal__session", "department", "region__parent__parent")


def index_replies(replies) -> int:
    """(Re)index the given replies now; imports and admin saves call this, no signals."""
    if hasattr(replies, "select_related"):  # what an entry reads, in the same query
        replies = replies.select_related(*ENTRY_RELATED)
    entries = [(reply, entry_for(reply)) for reply in replies]
    with connection.cursor() as cursor:
        cursor.executemany(UPSERT, [entry_row(reply, entry) for reply, entry in entries])
        cursor.executemany(UPSERT_TEXT, [(reply.pk, entry.text_norm) for reply, entry in entries])
    return len(entries)


def copy_entries(replies: list, entries: list[Entry] | None = None) -> None:
    """Index new replies in bulk with COPY (the synthetic corpus); they must have no entry yet.
    `entries`, when given, are the replies' entries as `entry_for` made them (in workers)."""
    # Build every row first: computing one may query, and a connection in COPY cannot.
    if entries is None:
        entries = [entry_for(reply) for reply in replies]
    pairs = list(zip(replies, entries, strict=True))
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY replies_searchentry ({ENTRY_COLUMNS}) FROM STDIN") as copy:
            for reply, entry in pairs:
                copy.write_row(entry_row(reply, entry))
        with cursor.copy("COPY replies_searchtext (reply_id, text_norm) FROM STDIN") as copy:
            for reply, entry in pairs:
                copy.write_row((reply.pk, entry.text_norm))


def stale_reply_ids() -> list[int]:
    """Replies with no index entry, an older tokenizer version, or text changed since."""
    from replies.models import Reply

    ids = []
    replies = Reply.objects.select_related(*ENTRY_RELATED, "search_entry")
    for reply in replies.iterator(chunk_size=500):
        current = getattr(reply, "search_entry", None)
        fresh = (
            current is not None
            and current.version == SEARCH_VERSION
            and current.content_hash
            == state_hash(reply, *normalized_fields(reply, reply_fields(reply))[1:])
        )
        if not fresh:
            ids.append(reply.pk)
    return ids


# --- queries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    text: str  # as typed
    norm: str
    quoted: bool = False
    negated: bool = False
    kept_in: tuple[str, ...] = ()  # the kept phrases that contain it (see refresh_kept_phrases)
    runs: tuple[str, ...] = ()  # lexemes of its digit runs, once every entry holds runs


@dataclass(frozen=True)
class Query:
    """Clauses are ANDed; the terms of one clause are ORed."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    had_text: bool = False  # the user typed something, even if nothing searchable survived

    @property
    def empty(self) -> bool:
        return not self.clauses

    @property
    def positive_terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause]


TOKEN = re.compile(r'(-?)(?:"([^"]*)"|“([^”]*)”|(\S+))')


def parse_query(q: str) -> Query:
    """Words are ANDed, "quoted text" must appear exactly, -word excludes, OR joins alternatives."""
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for minus, plain_quoted, cn_quoted, bare in TOKEN.findall(q or ""):
        quoted = bare == ""
        raw = plain_quoted or cn_quoted if quoted else bare
        if not quoted and raw == "OR":
            join_next = bool(clauses)
            continue
        norm = normalize(raw)
        if not norm:
            join_next = False
            continue
        term = Term(text=raw, norm=norm, quoted=quoted, negated=bool(minus))
        if term.negated:
            excluded.append(term)
        elif join_next:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    return Query(
        clauses=tuple(tuple(c) for c in clauses),
        excluded=tuple(excluded),
        had_text=bool((q or "").strip()),
    )


def needs_exact(term: Term) -> bool:
    """Quoted text, and codes or numbers (digit bigrams such as 00 occur everywhere)."""
    return term.quoted or any(ch.isascii() for ch in term.norm)


def contains_sql(
    term: Term, exact: bool = True, entry: str = "e", text: str = TEXT
) -> tuple[str, list]:
    """SQL true when the entry's normalised text contains the term. With exact=False, a term of
    three or more characters matches when all its bigrams occur (a superset: recall is whole)."""
    if len(term.norm) == 1:
        if term.norm == RUN:  # its prefix would match every digit run too
            return f"strpos({text}, %s) > 0", [term.norm]
        # One character: any bigram that starts or ends with it (or the character alone).
        return (
            f"({entry}.grams @@ to_tsquery('simple', %s) OR strpos({text}, %s) > 0)",
            [lexeme(term.norm) + ":*", term.norm],
        )
    tsquery = " & ".join([*(lexeme(g) for g in sorted(bigrams(term.norm))), *term.runs])
    if len(term.norm) == 2 or not exact:
        return f"{entry}.grams @@ to_tsquery('simple', %s)", [tsquery]
    if term.norm in term.kept_in:
        # A kept phrase itself: the replies listed for it are exactly those holding it.
        return (
            "EXISTS (SELECT 1 FROM replies_searchphrasematch k "
            f"WHERE k.phrase = %s AND k.reply_id = {entry}.reply_id)",
            [term.norm],
        )
    if term.kept_in:
        # The replies holding a kept phrase that contains the term hold the term: only the other
        # candidates' texts are read (one lookup each, not a join that reads them all).
        return (
            f"({entry}.grams @@ to_tsquery('simple', %s) AND ({entry}.reply_id IN "
            "(SELECT k.reply_id FROM replies_searchphrasematch k WHERE k.phrase = ANY(%s)) "
            "OR strpos((SELECT kt.text_norm FROM replies_searchtext kt "
            f"WHERE kt.reply_id = {entry}.reply_id), %s) > 0))",
            [tsquery, list(term.kept_in), term.norm],
        )
    return (
        f"({entry}.grams @@ to_tsquery('simple', %s) AND strpos({text}, %s) > 0)",
        [tsquery, term.norm],
    )


def with_index_state(query: Query, phrases: list[str], runs_indexed: bool) -> Query:
    """The query with each exactly checked term told which kept phrases contain it and, when
    every entry holds digit runs (none is left from an older version), which runs it needs."""
    if not phrases and not runs_indexed:
        return query

    def told(term: Term) -> Term:
        if len(term.norm) < 3 or not (term.negated or needs_exact(term)):
            return term
        return replace(
            term,
            kept_in=tuple(p for p in phrases if term.norm in p),
            runs=tuple(run_lexemes(term.norm)) if runs_indexed else (),
        )

    return replace(
        query,
        clauses=tuple(tuple(map(told, clause)) for clause in query.clauses),
        excluded=tuple(map(told, query.excluded)),
    )


@dataclass(frozen=True)
class Filters:
    county: tuple[int, ...] = ()
    department: tuple[int, ...] = ()
    sector: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    reply_type: tuple[str, ...] = ()  # "A" to "D" or "none"
    body: tuple[str, ...] = ()  # 政协, 人大
    money_min: int | None = None
    money_max: int | None = None
    metric_label: str = ""
    # A page's own scope (a region's counties, a department), not a facet selection: every
    # count, each dimension's own included, stays inside it.
    within_county: tuple[int, ...] = ()
    within_department: tuple[int, ...] = ()


# Each facet dimension's column. A reply with no type is selected as "none", stored as ''.
DIMENSIONS = {
    "county": "e.region_id",
    "department": "e.department_id",
    "sector": "e.sector",
    "year": "e.year",
    "reply_type": "e.reply_type",
    "body": "e.body",
}


def scope_sql(filters: Filters, columns: dict[str, str]) -> tuple[str, list]:
    parts, params = ["TRUE"], []
    for name in ("county", "department"):
        values = getattr(filters, f"within_{name}")
        if values:
            parts.append(f"{columns[name]} = ANY(%s)")
            params.append(list(values))
    return " AND ".join(parts), params


def match_sql(query: Query, filters: Filters) -> tuple[str, list]:
    """WHERE clause for the query's matches, before facet filters."""
    scope, scope_params = scope_sql(filters, DIMENSIONS)
    parts, params = [scope], scope_params
    for clause in query.clauses:
        # Quoted text must appear exactly; plain words need only all their bigrams, and ranking
        # puts the replies that contain them exactly first.
        alternatives = [contains_sql(term, exact=needs_exact(term)) for term in clause]
        parts.append("(" + " OR ".join(sql for sql, _ in alternatives) + ")")
        params += [p for _, ps in alternatives for p in ps]
    for term in query.excluded:
        # The excluded set comes from the index (a hashed list of ids): NOT on the bigram vector
        # itself would detoast it for every match (7 µs each).
        sql, ps = contains_sql(term, entry="x", text="xt.text_norm")
        join = "JOIN replies_searchtext xt ON xt.reply_id = x.reply_id" if "xt." in sql else ""
        parts.append(
            f"e.reply_id NOT IN (SELECT x.reply_id FROM replies_searchentry x {join} WHERE {sql})"
        )
        params += ps
    if filters.money_min is not None or filters.money_max is not None or filters.metric_label:
        metric = [
            "m.reply_id = e.reply_id",
            "m.kind = 'money'"
            if (filters.money_min is not None or filters.money_max is not None)
            else "TRUE",
        ]
        if filters.money_min is not None:
            metric.append("m.normalized_value >= %s")
            params.append(filters.money_min)
        if filters.money_max is not None:
            metric.append("m.normalized_value <= %s")
            params.append(filters.money_max)
        if filters.metric_label:
            metric.append("strpos(m.label, %s) > 0")
            params.append(filters.metric_label)
        parts.append(f"EXISTS (SELECT 1 FROM replies_metric m WHERE {' AND '.join(metric)})")
    return " AND ".join(parts), params


def facet_filter_sql(
    filters: Filters, columns: dict[str, str] = DIMENSIONS, skip: str | None = None
) -> tuple[str, list]:
    """The selected facet values, ORed within a dimension and ANDed across dimensions."""
    parts, params = ["TRUE"], []
    for name, column in columns.items():
        values = getattr(filters, name)
        if values and name != skip:
            # A bare column: the planner checks it before the costlier conditions (an
            # expression here was checked after the bigram vector, detoasted per row).
            parts.append(f"{column} = ANY(%s)")
            params.append(["" if v == "none" and name == "reply_type" else v for v in values])
    return " AND ".join(parts), params


@dataclass
class Results:
    total: int
    page: int
    per_page: int
    hits: list[dict]  # {"id": reply id}, best first
    facets: dict[str, list[tuple[str, int]]]
    took_ms: float
    notice: str = ""
    query: Query = field(default_factory=Query)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20


# The share of titles holding each of their most common bigrams, as the planner's statistics
# of the title index tell it.
TITLE_SHARES_SQL = """
SELECT f.gram, f.share
FROM pg_stats p,
    unnest(p.most_common_elems::text::text[], p.most_common_elem_freqs) AS f(gram, share)
WHERE p.schemaname = current_schema() AND p.tablename = 'search_title_grams'
    AND f.gram IS NOT NULL
"""
TITLE_SHARES_TTL = 60.0  # seconds; the shares guide a plan, never a result
_title_shares: tuple[float, dict[str, float]] | None = None
# The statement settings, what identifies the cached combinations of facet values, whether a
# bigram is hot, the kept phrases, the oldest index version and the number of entries, in one
# round trip.
PRELUDE_SQL = (
    SETTINGS_SQL + ", pg_relation_filenode('replies_searchfacets'), "
    "(SELECT max(id) FROM replies_searchfacets), "
    "EXISTS (SELECT 1 FROM replies_searchhot WHERE lexeme = %s), "
    "ARRAY(SELECT phrase FROM replies_searchphrase), "
    "(SELECT min(version) FROM replies_searchentry), "
    "(SELECT reltuples FROM pg_class WHERE oid = 'replies_searchentry'::regclass)"
)
# (facet key, number of matches) pairs packed as big-endian int32s: one value to fetch.
PACKED_SQL = (
    "SELECT coalesce(string_agg(int4send(k.key::int) || int4send(k.n::int), ''::bytea), "
    "''::bytea) FROM ({}) k(key, n)"
)
BROWSE_KEYS = "SELECT f.id, f.entries FROM replies_searchfacets f WHERE f.entries > 0"
HOT_KEYS = "SELECT c.facet_key, c.n FROM replies_searchhotcount c WHERE c.lexeme = %s"
KEPT_KEYS = (
    "SELECT c.facet_key, c.n FROM replies_searchphrasecount c WHERE c.phrase = %s AND c.n > 0"
)


def search(params: SearchParams) -> Results:
    """The one way in: a page of ranked results, the total, every facet's counts, the timing."""
    started = time.perf_counter()
    query = parse_query(params.q)
    if query.empty and query.had_text and not query.excluded:
        return Results(
            0,
            params.page,
            params.per_page,
            [],
            {d: [] for d in DIMENSIONS},
            round((time.perf_counter() - started) * 1000, 2),
            notice="查询中没有可检索的文字（标点和空格不参与检索）",
            query=query,
        )
    hot = hot_candidate(query, params.filters)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(PRELUDE_SQL, [hot])
        *_, filenode, last_key, is_hot, kept, oldest, entries = cursor.fetchone()
        query = with_index_state(query, kept, (oldest or SEARCH_VERSION) >= RUNS_SINCE)
        grams = title_bigrams(query)
        # The rarest bigram bounds the titles holding them all; one not among the common is rare.
        shares = title_shares(cursor) if grams else {}
        titles_common = titles_are_common(min(shares.get(g, 0.0) for g in grams or [""]), entries)
        phrase = kept_phrase(query, params.filters)
        if browsing(query, params.filters) or is_hot or phrase:
            if query.empty:
                keys_sql, keys_params = BROWSE_KEYS, []
            else:
                keys_sql, keys_params = (HOT_KEYS, [hot]) if is_hot else (KEPT_KEYS, [phrase])
            cursor.execute(PACKED_SQL.format(keys_sql), keys_params)
            (packed,) = cursor.fetchone()
            pairs = unpacked(packed)
            known = combinations(cursor, (filenode, last_key), needed=largest_key(pairs))
            within = known.within(params.filters) if narrowed(params.filters) else None
            cursor.execute(*hits_sql(query, params, titles_common=titles_common, within=within))
            ids = [reply_id for (reply_id,) in cursor.fetchall()]
        else:
            cursor.execute(*scanned_sql(query, params, titles_common=titles_common))
            packed, ids = cursor.fetchone()
            pairs = unpacked(packed)
            known = combinations(cursor, (filenode, last_key), needed=largest_key(pairs))
    total, facets = facet_counts(pairs, params.filters, known)
    return Results(
        total=total,
        page=params.page,
        per_page=params.per_page,
        hits=[{"id": reply_id} for reply_id in ids],
        facets=facets,
        took_ms=round((time.perf_counter() - started) * 1000, 2),
        notice=exclusions_notice(query),
        query=query,
    )


def exclusions_notice(query: Query) -> str:
    """What a query of exclusions alone does (-专精特新): every reply but those."""
    if not query.empty or not query.excluded:
        return ""
    terms = "”“".join(term.text for term in query.excluded)
    return f"检索词只有排除项：显示不含“{terms}”的全部答复。"


def matches_sql(q: str) -> tuple[str, list] | None:
    """A SELECT of the ids of every reply the query matches, unranked: what the public search
    finds, for a filter such as admin's search box. None when the query has no searchable text."""
    query = parse_query(q)
    if query.empty:
        return None
    where, params = match_sql(query, Filters())
    join = TEXT_JOIN if USES_TEXT.search(where) else ""
    return f"SELECT e.reply_id FROM replies_searchentry e {join} WHERE {where}", params


def unpacked(packed: bytes) -> np.ndarray:
    """(facet key, matches) pairs from PACKED_SQL's big-endian int32s."""
    return np.frombuffer(packed, dtype=">i4").reshape(-1, 2)


def largest_key(pairs: np.ndarray) -> int:
    return int(pairs[:, 0].max(initial=0))


def narrowed(filters: Filters) -> bool:
    """A facet selection or a page's scope: only some combinations of facet values count."""
    return any(getattr(filters, name) for name in DIMENSIONS) or bool(
        filters.within_county or filters.within_department
    )


def title_shares(cursor) -> dict[str, float]:
    """The common title bigrams' shares of titles, read at most once a TITLE_SHARES_TTL per
    process (reading pg_stats costs 1.4 ms)."""
    global _title_shares
    now = time.monotonic()
    if _title_shares is None or _title_shares[0] < now:
        cursor.execute(TITLE_SHARES_SQL)
        _title_shares = (now + TITLE_SHARES_TTL, dict(cursor.fetchall()))
    return _title_shares[1]


def titles_are_common(share: float, entries: float) -> bool:
    """Whether walking the date index finds the newest RANK_WINDOW title matches sooner than
    taking every title match through the title index: a walk reads about RANK_WINDOW / share
    rows, the index share × entries, so the two meet at share = sqrt(RANK_WINDOW / entries)
    (0.01 at a million entries)."""
    return entries > 0 and share >= (RANK_WINDOW / entries) ** 0.5


def browsing(query: Query, filters: Filters) -> bool:
    """No text, no exclusion and no figure filter: every entry matches, and the counts are
    kept ready."""
    return query.empty and not query.excluded and not has_metric_filter(filters)


def has_metric_filter(filters: Filters) -> bool:
    return (
        filters.money_min is not None or filters.money_max is not None or bool(filters.metric_label)
    )


def sole_term(query: Query, filters: Filters) -> Term | None:
    """The query's only term, when there is no other term, no exclusion and no figure filter:
    then its matches alone are the query's, and may come from something kept ready."""
    if len(query.clauses) != 1 or len(query.clauses[0]) != 1 or query.excluded:
        return None
    return None if has_metric_filter(filters) else query.clauses[0][0]


def kept_phrase(query: Query, filters: Filters) -> str:
    """The kept phrase that is the whole query: its matches are the replies listed for it."""
    term = sole_term(query, filters)
    return term.norm if term and term.norm in term.kept_in else ""


def hot_candidate(query: Query, filters: Filters) -> str:
    """The bigram whose kept counts are this query's counts, if it is hot: a two-character
    term's matches are exactly the entries holding that bigram."""
    term = sole_term(query, filters)
    return term.norm if term and len(term.norm) == 2 else ""


# --- facet counts --------------------------------------------------------------------------


@dataclass(frozen=True)
class Combinations:
    """Every combination of facet values (the rows of replies_searchfacets, which never change
    once written), as one array of value codes per dimension indexed by facet key: the counts
    of any set of matches by key give every dimension's disjunctive counts in a few array
    operations, where SQL took 25-70 ms for 13,000 combinations."""

    stamp: tuple
    codes: dict[str, np.ndarray]  # dimension → the code of each key's value; 0 = no value
    values: dict[str, list[str]]  # dimension → the value of each code ("" for 0)
    lookup: dict[str, dict[str, int]]  # dimension → the code of each value

    @property
    def size(self) -> int:
        return len(next(iter(self.codes.values())))

    def code_of(self, dimension: str, values) -> list[int]:
        lookup = self.lookup[dimension]
        return [lookup[str(v)] for v in values if str(v) in lookup]

    def within(self, filters: Filters) -> bytes:
        """The combinations that the selection and the scope let through, as a bitmap by facet
        key (bit k of byte k // 8, lowest first, as PostgreSQL's get_bit reads it)."""
        keep = np.ones(self.size, dtype=bool)
        for dimension in DIMENSIONS:
            chosen = [getattr(filters, dimension)]
            if dimension in ("county", "department"):
                chosen.append(getattr(filters, f"within_{dimension}"))
            for values in filter(None, chosen):
                keep &= np.isin(self.codes[dimension], self.code_of(dimension, values))
        keep[0] = False  # no combination has key 0
        return np.packbits(keep, bitorder="little").tobytes()


COMBINATIONS_SQL = (
    "SELECT f.id, f.region_id, f.department_id, f.sector, f.year, f.reply_type, f.body "
    "FROM replies_searchfacets f"
)
_combinations: Combinations | None = None


def facet_value(dimension: str, value) -> str:
    if dimension == "reply_type":
        return value or "none"
    return "" if value is None else str(value)


def combinations(cursor, stamp: tuple, needed: int = 0) -> Combinations:
    """The cached combinations, read again when the summary table was emptied (a new file
    node) or has rows the cache lacks."""
    global _combinations
    if _combinations is None or _combinations.stamp != stamp or needed >= _combinations.size:
        cursor.execute(COMBINATIONS_SQL)
        rows = cursor.fetchall()
        size = max([row[0] for row in rows] + [needed]) + 1
        codes, values, lookup = {}, {}, {}
        for position, dimension in enumerate(DIMENSIONS, start=1):
            column = np.zeros(size, dtype=np.int32)
            names, index = [""], {}
            for row in rows:
                value = facet_value(dimension, row[position])
                if value:
                    if value not in index:
                        index[value] = len(names)
                        names.append(value)
                    column[row[0]] = index[value]
            codes[dimension], values[dimension], lookup[dimension] = column, names, index
        _combinations = Combinations(stamp, codes, values, lookup)
    return _combinations


def facet_counts(
    pairs: np.ndarray, filters: Filters, known: Combinations
) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """Exact total and disjunctive counts from (facet key, matches) pairs: each dimension's
    counts apply every other dimension's selection but not its own; a page's scope applies to
    all of them."""
    keys, counts = pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)
    codes = {dimension: known.codes[dimension][keys] for dimension in DIMENSIONS}
    scope = np.ones(len(keys), dtype=bool)
    for dimension in ("county", "department"):
        within = getattr(filters, f"within_{dimension}")
        if within:
            scope &= np.isin(codes[dimension], known.code_of(dimension, within))
    selections = {
        dimension: np.isin(codes[dimension], known.code_of(dimension, getattr(filters, dimension)))
        for dimension in DIMENSIONS
        if getattr(filters, dimension)
    }
    facets = {}
    for dimension in DIMENSIONS:
        mask = scope.copy()
        for other, selected in selections.items():
            if other != dimension:
                mask &= selected
        sums = np.bincount(
            codes[dimension][mask],
            weights=counts[mask],
            minlength=len(known.values[dimension]),
        )
        facets[dimension] = [
            (known.values[dimension][code], int(sums[code]))
            for code in np.flatnonzero(sums[1:]) + 1
        ]
    everything = scope
    for selected in selections.values():
        everything = everything & selected
    return int(counts[everything].sum()), facets


# --- the page of results -------------------------------------------------------------------

# The facet values of a combination in the summary table (alias f), named as in DIMENSIONS.
COMBINATION_COLUMNS = {name: column.replace("e.", "f.") for name, column in DIMENSIONS.items()}
NUMBERS = "string_to_array(btrim(e.numbers, '|'), '|')"  # as indexed (migration 0008)
TITLE_GRAMS = "replies_bigrams(e.title_norm)"  # as indexed (migration 0008)


def relevance_ranked(query: Query, search: SearchParams) -> bool:
    offset = (search.page - 1) * search.per_page
    return search.sort not in {"newest", "oldest"} and not query.empty and offset < RANK_WINDOW


def title_bigrams(query: Query) -> list[str]:
    return sorted({g for t in query.positive_terms if len(t.norm) > 1 for g in bigrams(t.norm)})


def hits_sql(
    query: Query,
    search: SearchParams,
    scanned: bool = False,
    titles_common: bool = False,
    within: bytes | None = None,
) -> tuple[str, list]:
    """The page of ids among the matches with the facet selection applied.

    Newest/oldest order all matches. Relevance orders a bounded set of candidates: the entries
    whose 文号 or proposal number is the query, the newest RANK_WINDOW title matches (through
    the title index) and the newest RANK_WINDOW matches; the order is number match, the whole
    query as one phrase, title match, jieba-word rank, date.

    With `scanned`, the matches are the rows of `m`, the statement's one scan of them (see
    scanned_sql). Otherwise (browsing, a hot bigram: most rows match) the planner walks the
    date index and stops at the page's last row. With a facet selection or a scope, `within`
    (Combinations.within) is the bitmap of the combinations it lets through: the walk reads
    each entry's facet key from the date index itself (an index-only scan), so an entry
    outside costs no visit to the table (企业 in 2024 passed over 132,000 entries of 2025 in
    365 ms). A bitmap, not a list of keys: the planner estimates a list element by element (4
    ms for 3,000 keys), and joined the combinations table to all entries instead of walking.
    `titles_common`: the planner's statistics say many titles hold the terms (see
    titles_are_common).
    """
    offset = (search.page - 1) * search.per_page
    if scanned:
        chosen, chosen_params = facet_filter_sql(search.filters, COMBINATION_COLUMNS)
        if chosen_params:
            chosen = f"m.facet_key IN (SELECT f.id FROM replies_searchfacets f WHERE {chosen})"
        matches, matches_params, alias = f"FROM m WHERE {chosen}", chosen_params, "m"
    elif within is not None:
        where, params = match_sql(query, search.filters)
        join = TEXT_JOIN if USES_TEXT.search(where) else ""
        matching = (
            ""
            if where == "TRUE"
            else "AND EXISTS (SELECT 1 FROM replies_searchentry e "
            f"{join} WHERE e.reply_id = w.reply_id AND {where})"
        )
        # CASE: a combination newer than the bitmap is outside it, not an error of get_bit.
        matches = (
            "FROM replies_searchentry w WHERE CASE WHEN w.facet_key < %s "
            f"THEN get_bit(%s::bytea, w.facet_key) = 1 ELSE false END {matching}"
        )
        matches_params, alias = [len(within) * 8, within, *params], "w"
    else:
        where, params = match_sql(query, search.filters)
        selected, selected_params = facet_filter_sql(search.filters)
        join = TEXT_JOIN if USES_TEXT.search(where) else ""
        # The selection first: walking the date index, a row of another year or type is
        # passed over before its bigram vector is detoasted.
        matches = f"FROM replies_searchentry e {join} WHERE {selected} AND {where}"
        matches_params, alias = selected_params + params, "e"
    if not relevance_ranked(query, search):
        direction = "ASC" if search.sort == "oldest" else "DESC"
        order = f"{alias}.reply_date {direction} NULLS LAST, {alias}.reply_id {direction}"
        return (
            f"SELECT {alias}.reply_id {matches} ORDER BY {order} LIMIT %s OFFSET %s",
            [*matches_params, search.per_page, offset],
        )
    terms = query.positive_terms
    whole = "".join(t.norm for t in terms)
    in_title = " AND ".join(["strpos(e.title_norm, %s) > 0"] * len(terms))
    title_params = [t.norm for t in terms]
    selected, selected_params = facet_filter_sql(search.filters)
    newest = "ORDER BY {0}.reply_date DESC NULLS LAST, {0}.reply_id DESC LIMIT %s"
    # An entry whose title holds every term, or whose 文号 or proposal number is the whole
    # query, holds every term in its indexed text, so it matches every clause: only the rest of
    # the conditions are checked (not the bigram vector, detoasted per row).
    rest, rest_params = match_sql(Query(excluded=query.excluded), search.filters)
    rest_join = TEXT_JOIN if USES_TEXT.search(rest) else ""
    candidates = f"FROM replies_searchentry e {rest_join} WHERE {selected} AND {rest}"
    candidates_params = [*selected_params, *rest_params]
    branches = [
        (
            f"SELECT {alias}.reply_id {matches} {newest.format(alias)}",
            [*matches_params, RANK_WINDOW],
        ),
        (
            f"SELECT e.reply_id {candidates} AND {NUMBERS} @> ARRAY[%s]::text[] LIMIT %s",
            [*candidates_params, whole, RANK_WINDOW],
        ),
    ]
    title_grams = title_bigrams(query)
    if title_grams:
        in_titles = f"{candidates} AND {TITLE_GRAMS} @@ to_tsquery('simple', %s) AND {in_title}"
        # Few titles hold the terms: take them all through the title index, then the newest
        # (OFFSET 0 keeps the LIMIT out, or the planner walks the date index: 研学 in 1,000,000
        # replies walked 145,000 rows in 120 ms). Many: walk the date index, soon done.
        branch = (
            f"SELECT e.reply_id {in_titles} {newest.format('e')}"
            if titles_common
            else f"SELECT t.reply_id FROM (SELECT e.reply_id, e.reply_date {in_titles} OFFSET 0) t "
            f"{newest.format('t')}"
        )
        branches.append(
            (
                branch,
                [
                    *candidates_params,
                    " & ".join(map(lexeme, title_grams)),
                    *title_params,
                    RANK_WINDOW,
                ],
            )
        )
    # Terms in scripts jieba does not segment (ß, Москва, の) have no words: rank by the terms
    # themselves, which match no word and so rank every candidate alike (never an empty tsquery).
    rank_words = " | ".join(
        sorted({lexeme(w) for t in terms for w in words(t.text)} or {lexeme(t.norm) for t in terms})
    )
    sql = f"""
        SELECT e.reply_id
        FROM ({" UNION ".join(f"({branch})" for branch, _ in branches)}) c
        JOIN replies_searchentry e ON e.reply_id = c.reply_id
        ORDER BY
            {NUMBERS} @> ARRAY[%s]::text[] DESC,
            (%s AND strpos({TEXT_LOOKUP}, %s) > 0) DESC,
            ({in_title}) DESC,
            ts_rank(e.words, to_tsquery('simple', %s)) DESC,
            e.reply_date DESC NULLS LAST, e.reply_id DESC
        LIMIT %s OFFSET %s
    """
    return sql, [
        *(p for _, branch_params in branches for p in branch_params),
        whole,
        len(terms) > 1,
        whole,
        *title_params,
        rank_words,
        search.per_page,
        offset,
    ]


def scanned_sql(
    query: Query, search: SearchParams, titles_common: bool = False
) -> tuple[str, list]:
    """One statement, one scan of the matches (`m`, materialised: id, date, facet key) for the
    counts by facet key, packed, and the page's ids. Its date order comes from sorting `m`, as
    the planner cannot estimate an exact check: walking the date index for the one reply
    holding 第004217号 detoasted the bigram vectors of all 100,000 (1.0 s instead of 10 ms)."""
    where, params = match_sql(query, search.filters)
    join = TEXT_JOIN if USES_TEXT.search(where) else ""
    hits, hits_params = hits_sql(query, search, scanned=True, titles_common=titles_common)
    packed = PACKED_SQL.format("SELECT m.facet_key, count(*) FROM m GROUP BY m.facet_key")
    sql = (
        "WITH m AS MATERIALIZED (SELECT e.reply_id, e.reply_date, e.facet_key "
        f"FROM replies_searchentry e {join} WHERE {where}) "
        f"SELECT ({packed}), ARRAY({hits})"
    )
    return sql, [*params, *hits_params]


# --- hot terms -----------------------------------------------------------------------------

# A bigram is hot when its matches number at least HOT_RATIO times the combinations of facet
# values: reading its kept counts (one row per combination) is then cheaper than counting its
# matches. At most HOT_LIMIT of them, the most frequent first.
HOT_RATIO = 2
HOT_LIMIT = 300
HOT_FROM_STATISTICS = """
SELECT s.lexeme
FROM pg_stats p,
    unnest(p.most_common_elems::text::text[], p.most_common_elem_freqs) AS s(lexeme, share)
WHERE p.schemaname = current_schema() AND p.tablename = 'replies_searchentry'
    AND p.attname = 'grams' AND s.lexeme IS NOT NULL AND length(s.lexeme) <= 2
    AND s.share * (SELECT reltuples FROM pg_class WHERE oid = 'replies_searchentry'::regclass)
        >= %s * (SELECT count(*) FROM replies_searchfacets WHERE entries > 0)
ORDER BY s.share DESC, s.lexeme
LIMIT %s
"""
HOT_COUNTS = """
INSERT INTO replies_searchhotcount (lexeme, facet_key, n)
SELECT %s, e.facet_key, count(*) FROM replies_searchentry e
WHERE e.grams @@ to_tsquery('simple', %s) GROUP BY e.facet_key
"""


def refresh_hot_terms(
    lexemes: list[str] | None = None,
    ratio: float = HOT_RATIO,
    progress: Callable[[int], None] = lambda n: None,
) -> list[str]:
    """Choose the hot bigrams (from the planner's statistics of the index, unless given) and
    count their matches by combination of facet values. Writes to the index wait meanwhile;
    afterwards triggers keep the counts exact (migration 0008)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE replies_searchentry IN SHARE MODE")
        if lexemes is None:
            cursor.execute("ANALYZE replies_searchentry")
            cursor.execute(HOT_FROM_STATISTICS, [ratio, HOT_LIMIT])
            lexemes = [lexeme for (lexeme,) in cursor.fetchall()]
        cursor.execute("TRUNCATE replies_searchhot, replies_searchhotcount")
        cursor.executemany(
            "INSERT INTO replies_searchhot (lexeme) VALUES (%s)", [(g,) for g in lexemes]
        )
        cursor.execute(SETTINGS_SQL)
        for gram in lexemes:
            cursor.execute(HOT_COUNTS, [gram, lexeme(gram)])
            progress(1)
    vacuum("replies_searchhotcount")
    return lexemes


def vacuum(table: str) -> None:
    """Mark the table's pages all-visible, so that reading it is an index-only scan; not
    inside a transaction (tests), where VACUUM cannot run."""
    if not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {table}")


# Kept phrases: clauses of the replies' texts (between punctuation marks, four characters or
# more once normalised) found in at least KEPT_SHARE of a sample of KEPT_SAMPLE replies, at most
# KEPT_LIMIT of them: the boilerplate that quoted queries would otherwise check in nearly every
# reply ("现答复如下": 330 → 90 ms at 100,000 replies).
KEPT_SHARE = 0.2
KEPT_SAMPLE = 2000
KEPT_LIMIT = 50
CLAUSE = re.compile(r"[^，。；：！？、,.;:!?（）()《》〈〉“”‘’\"'「」【】\[\]\s]+")
KEPT_MATCHES = """
INSERT INTO replies_searchphrasematch (phrase, reply_id, facet_key)
SELECT p.phrase, t.reply_id, e.facet_key FROM replies_searchtext t
JOIN replies_searchphrase p ON strpos(t.text_norm, p.phrase) > 0
LEFT JOIN replies_searchentry e ON e.reply_id = t.reply_id
"""


def frequent_clauses(texts: list[str], share: float = KEPT_SHARE) -> list[str]:
    """The normalised clauses in at least `share` of the texts, most frequent first."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({c for c in map(normalize, CLAUSE.findall(text)) if len(c) >= 4})
    floor = max(2, share * len(texts))
    return [c for c, n in counts.most_common() if n >= floor][:KEPT_LIMIT]


def refresh_kept_phrases(phrases: list[str] | None = None, share: float = KEPT_SHARE) -> list[str]:
    """Choose the kept phrases (from a sample of replies, unless given) and list the replies
    holding each. Writes of the normalised text wait meanwhile; afterwards triggers keep the
    lists exact (migration 0009)."""
    from replies.models import Reply

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE replies_searchtext IN SHARE MODE")
        if phrases is None:
            sample = Reply.objects.order_by("?").values_list("text", flat=True)[:KEPT_SAMPLE]
            phrases = frequent_clauses(list(sample), share)
        cursor.execute("TRUNCATE replies_searchphrase, replies_searchphrasematch")
        cursor.executemany(
            "INSERT INTO replies_searchphrase (phrase) VALUES (%s)", [(p,) for p in phrases]
        )
        cursor.execute(KEPT_MATCHES)
        cursor.execute("ANALYZE replies_searchphrasematch")
    vacuum("replies_searchphrasematch")
    vacuum("replies_searchphrasecount")
    return phrases
