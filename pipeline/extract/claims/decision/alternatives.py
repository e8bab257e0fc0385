"""Boundary alternatives of a claim candidate: other plausible content spans for the same cue.

The rules pick one content per cue; where the boundary is uncertain the decision model picks
among these instead (`decider.py`). Each alternative is a list of character fragments:

- ``rule``: what the rules found (quotations attached);
- ``no_quote_attach``: the syntactic content without the quotations the rules attached;
- ``right_subtree``: everything the cue verb governs to its right (minus the speaker);
- ``to_sent_end``: from the content's start to the end of the sentence;
- ``cut_comma``: the content cut at its first comma or dash;
- ``drop_last_frag``: a discontinuous content without its last fragment;
- ``plus_next_quote``: the content plus the next quotation, when it follows closely with no
  other quotation in between.

Example: for "Clinton cited Trump's remarks as examples of his disrespect" the rule content is
"Trump's remarks" and ``right_subtree`` is "Trump's remarks as examples of his disrespect".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

Spans = list[tuple[int, int]]

ALTERNATIVES = (
    "rule",
    "no_quote_attach",
    "right_subtree",
    "to_sent_end",
    "cut_comma",
    "drop_last_frag",
    "plus_next_quote",
)
_CUT_MARKS = frozenset({",", ";", "--", "—", "–"})
# the next quotation may continue a claim only this close (characters, paragraph breaks)
_NEXT_QUOTE_CHARS = 400
_NEXT_QUOTE_BREAKS = 2


def fragments(ctx: Any, toks: Any) -> Spans:
    """Character fragments covering a token set (punctuation and space trimmed at the edges)."""
    doc = ctx.doc
    out: Spans = []
    run: list[int] = []
    for i in sorted(toks):
        if run and i != run[-1] + 1:
            _add_run(doc, run, out)
            run = []
        run.append(i)
    if run:
        _add_run(doc, run, out)
    return out


def _add_run(doc: Any, run: list[int], out: Spans) -> None:
    lo, hi = 0, len(run)
    while lo < hi and (doc[run[lo]].is_punct or doc[run[lo]].is_space):
        lo += 1
    while hi > lo and (doc[run[hi - 1]].is_punct or doc[run[hi - 1]].is_space):
        hi -= 1
    if lo < hi:
        a, b = doc[run[lo]], doc[run[hi - 1]]
        out.append((a.idx, b.idx + len(b.text)))


def merge(spans: Spans) -> Spans:
    """Sorted, overlapping fragments merged."""
    out: Spans = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def with_quotes(ctx: Any, spans: Spans) -> Spans:
    """The fragments plus every quotation they overlap, taken whole (as the rules do)."""
    out = list(spans)
    for q in ctx.quotes:
        if any(q.start < e and s < q.end for s, e in spans):
            out.append((q.start, q.end))
    return merge(out)


def span_tokens(ctx: Any, spans: Spans) -> set[int]:
    """Indices of the tokens that start inside the fragments."""
    starts = ctx.tok_starts
    out: set[int] = set()
    for s, e in spans:
        out.update(range(bisect_left(starts, s), bisect_left(starts, e)))
    return out


def alternatives(ctx: Any, d: Any) -> dict[str, Spans]:
    """Name -> fragments for one candidate (``rule`` first; duplicates and empties dropped)."""
    doc = ctx.doc
    alts: dict[str, Spans] = {"rule": list(d.spans)}
    if d.content:
        alts["no_quote_attach"] = fragments(ctx, d.content)
    if d.verb_i >= 0 and d.cue_span is None:
        verb = doc[d.verb_i]
        speaker: set[int] = set()
        if d.speaker is not None:
            speaker = set(range(d.speaker.left_edge.i, d.speaker.right_edge.i + 1))
        last_cue = max(d.cue_tokens)
        right = {t.i for t in verb.subtree if t.i > last_cue} - speaker
        if right:
            alts["right_subtree"] = with_quotes(ctx, fragments(ctx, right))
        if d.content:
            lo = min(d.content)
            if lo > verb.i:
                end = verb.sent.end
                alts["to_sent_end"] = with_quotes(ctx, fragments(ctx, range(lo, end)))
                cut = next(
                    (i for i in sorted(d.content) if i > lo + 2 and doc[i].text in _CUT_MARKS),
                    None,
                )
                if cut is not None:
                    alts["cut_comma"] = fragments(ctx, [i for i in d.content if i < cut])
    if len(d.spans) > 1:
        alts["drop_last_frag"] = list(d.spans[:-1])
    nxt = _next_quote(ctx, d.spans)
    if nxt is not None:
        alts["plus_next_quote"] = merge(list(d.spans) + [nxt])
    out: dict[str, Spans] = {}
    seen: set[tuple[tuple[int, int], ...]] = set()
    for name, spans in alts.items():
        key = tuple(spans)
        if spans and key not in seen:
            seen.add(key)
            out[name] = spans
    return out


def _next_quote(ctx: Any, spans: Spans) -> tuple[int, int] | None:
    """The quotation right after the content (same or next paragraph, nothing quoted between)."""
    if not spans:
        return None
    end = spans[-1][1]
    quotes = ctx.quotes
    k = bisect_right([q.start for q in quotes], end - 1)
    if k >= len(quotes):
        return None
    q = quotes[k]
    if q.start - end >= _NEXT_QUOTE_CHARS:
        return None
    between = ctx.text[end : q.start]
    if between.count("\n") > _NEXT_QUOTE_BREAKS or '"' in between or "“" in between:
        return None
    return (q.start, q.end)
