"""Snippets: the best passages of a reply's original text for a query, matches in <mark>.

Built in Python over the text as stored (not the normalised copy), so what a reader sees is what
the document says; positions come from search.normalize_with_offsets. Every step is linear in
the text and the matches (a reply of millions of characters with a match in every line costs
a fraction of a second, not minutes), and only the first SCAN_LIMIT characters are read.
"""

import html
from bisect import bisect_right

from replies.search import Query, normalize_with_offsets

SNIPPET_RADIUS = 30
SNIPPET_MAX = 120
MAX_SNIPPETS = 3
# Characters of a reply read for passages (about a hundred pages): a reply longer than that
# is still found by search, and its passages come from its first hundred pages.
SCAN_LIMIT = 200_000


def match_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Where the query's terms occur in `text` (after normalisation), merged and in order."""
    norm, offsets = normalize_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for term in query.positive_terms:
        start = norm.find(term.norm)
        while start != -1:
            end = start + len(term.norm) - 1
            spans.append((offsets[start], offsets[end] + 1))
            start = norm.find(term.norm, start + 1)
    return merge(sorted(spans))


def marked(text: str, query: Query) -> str:
    """All of `text`, HTML-escaped, with every match of the query's terms in <mark>."""
    return highlight(text, 0, len(text), match_spans(text, query))


def snippets(text: str, query: Query) -> list[str]:
    """The best one to three passages of `text`, matched terms in <mark>, the rest escaped."""
    spans = match_spans(text[:SCAN_LIMIT], query)
    if not spans:
        return (
            [
                html.escape(text[: 2 * SNIPPET_RADIUS])
                + ("…" if len(text) > 2 * SNIPPET_RADIUS else "")
            ]
            if text
            else []
        )
    windows: list[tuple[int, int]] = []
    members: list[list[tuple[int, int]]] = []  # the matches each window was grown over
    for lo, hi in spans:  # grow a window over nearby matches, up to SNIPPET_MAX characters
        last = windows[-1] if windows else None
        if last and lo < last[1] + SNIPPET_RADIUS and hi + SNIPPET_RADIUS - last[0] <= SNIPPET_MAX:
            windows[-1] = (last[0], min(len(text), hi + SNIPPET_RADIUS))
            members[-1].append((lo, hi))
        else:
            start = max(lo - SNIPPET_RADIUS, last[1] if last else 0)
            windows.append((start, min(len(text), hi + SNIPPET_RADIUS)))
            members.append([(lo, hi)])
    ranked = sorted(
        range(len(windows)),
        key=lambda i: (-len({text[a:b] for a, b in members[i]}), -len(members[i]), i),
    )
    chosen = sorted(windows[i] for i in ranked[:MAX_SNIPPETS])
    return [highlight(text, lo, hi, spans) for lo, hi in chosen]


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]


def highlight(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> str:
    """text[lo:hi] escaped, with the parts of `spans` (merged, in order) inside it marked."""
    out, position = [], lo
    # Merged spans are disjoint and sorted, so their ends are sorted too: start at the first
    # that ends after lo and stop at the first that starts at hi or later.
    first = bisect_right(spans, lo, key=lambda span: span[1])
    for start, end in spans[first:]:
        if start >= hi:
            break
        start, end = max(start, lo), min(end, hi)
        out.append(html.escape(text[position:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    out.append(html.escape(text[position:hi]))
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    return prefix + "".join(out).replace("\n", " ") + suffix
