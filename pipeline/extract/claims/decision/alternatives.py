"""Boundary alternatives of a claim candidate: other plausible content spans for the same cue.

The rules pick one content per cue; where the boundary is uncertain the decision model picks
among these instead (`decider.py`). Each alternative is a list of character fragments:

- ``rule``: what the rules found (quotations attached);
- ``right_subtree``: everything the cue verb governs to its right (minus the speaker), with
  the trailing phrases and clauses the rules leave out;
- ``to_sent_end``: from the content's start to the end of the sentence;
- ``cut_comma``: the content without its trailing clause (cut at its first comma or dash).

Measured on PolNeAR train, other alternatives (the content without the quotations the rules
attach, with the next quotation, without its last fragment) were almost never better than
the rules' and cost time; they are not proposed.

Example: for "Clinton cited Trump's remarks as examples of his disrespect" the rule content is
"Trump's remarks" and ``right_subtree`` is "Trump's remarks as examples of his disrespect".
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from ..syntax import merge_spans

Spans = list[tuple[int, int]]

ALTERNATIVES = ("rule", "right_subtree", "to_sent_end", "cut_comma")
_CUT_MARKS = frozenset({",", ";", "--", "—", "–"})
_CUT_FIRST = frozenset(mark[0] for mark in _CUT_MARKS)


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
    while lo < hi and _blank(a := doc[run[lo]]):
        lo += 1
    while hi > lo and _blank(b := doc[run[hi - 1]]):
        hi -= 1
    if lo < hi:
        out.append((a.idx, b.idx + len(b.text)))


def _blank(tok: Any) -> bool:
    return tok.is_punct or tok.is_space


def with_quotes(ctx: Any, spans: Spans) -> Spans:
    """The fragments plus every quotation they overlap, taken whole (as the rules do)."""
    out = list(spans)
    for s, e in spans:
        out.extend((q.start, q.end) for q in ctx.quotes_overlapping(s, e))
    return merge_spans(out)


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
    if d.verb_i >= 0 and d.cue_span is None:
        verb = doc[d.verb_i]
        speaker: set[int] = set()
        if d.speaker is not None:
            speaker = set(range(d.speaker.left_edge.i, d.speaker.right_edge.i + 1))
        # the parse is projective: the verb's subtree ends at its right edge
        right = set(range(max(d.cue_tokens) + 1, verb.right_edge.i + 1)) - speaker
        if right:
            alts["right_subtree"] = with_quotes(ctx, fragments(ctx, right))
        if d.content:
            lo = min(d.content)
            if lo > verb.i:
                si = ctx.sent_index(verb.i)
                end = ctx.sent_starts[si + 1] if si + 1 < len(ctx.sent_starts) else len(doc)
                alts["to_sent_end"] = with_quotes(ctx, fragments(ctx, range(lo, end)))
                text, starts = ctx.text, ctx.tok_starts
                cut = next(
                    (
                        i
                        for i in sorted(d.content)
                        if i > lo + 2
                        and text[starts[i]] in _CUT_FIRST  # no Token made for most words
                        and doc[i].text in _CUT_MARKS
                    ),
                    None,
                )
                if cut is not None:
                    alts["cut_comma"] = fragments(ctx, [i for i in d.content if i < cut])
    out: dict[str, Spans] = {}
    seen: set[tuple[tuple[int, int], ...]] = set()
    for name, spans in alts.items():
        key = tuple(spans)
        if spans and key not in seen:
            seen.add(key)
            out[name] = spans
    return out
