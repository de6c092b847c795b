"""Snippets: the best passages of a reply's original text for a query, matches in <mark>.

Built in Python over the text as stored (not the normalised copy), so what a reader sees is what
the document says; positions come from search.normalize_with_offsets.
"""

import html

from replies.search import Query, normalize_with_offsets

SNIPPET_RADIUS = 30
SNIPPET_MAX = 120
MAX_SNIPPETS = 3


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
    spans = match_spans(text, query)
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
    for lo, hi in spans:  # grow a window over nearby matches, up to SNIPPET_MAX characters
        last = windows[-1] if windows else None
        if last and lo < last[1] + SNIPPET_RADIUS and hi + SNIPPET_RADIUS - last[0] <= SNIPPET_MAX:
            windows[-1] = (last[0], min(len(text), hi + SNIPPET_RADIUS))
        else:
            start = max(lo - SNIPPET_RADIUS, last[1] if last else 0)
            windows.append((start, min(len(text), hi + SNIPPET_RADIUS)))
    covered = {w: [s for s in spans if w[0] <= s[0] < w[1]] for w in windows}
    best = sorted(
        windows, key=lambda w: (-len({text[a:b] for a, b in covered[w]}), -len(covered[w]))
    )
    return [highlight(text, lo, hi, spans) for lo, hi in sorted(best[:MAX_SNIPPETS])]


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]


def highlight(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> str:
    out, position = [], lo
    for start, end in spans:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        out.append(html.escape(text[position:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    out.append(html.escape(text[position:hi]))
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    return prefix + "".join(out).replace("\n", " ") + suffix
