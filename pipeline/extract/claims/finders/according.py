""" "according to X": the source is X, the content the rest of the sentence (or clause)."""

from __future__ import annotations

from spacy.tokens import Token

from ..context import ArticleContext
from ..draft import Draft
from ..syntax import phrase


def applies(tok: Token, ctx: ArticleContext) -> bool:
    return tok.lower_ == "according"


def find(tok: Token, ctx: ArticleContext) -> Draft | None:
    """ "…, according to X." / "According to X, …" / a clause with "according to X" inside."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    if src is None:
        return None
    doc = ctx.doc
    sent = tok.sent
    lo, hi = tok.left_edge.i, tok.right_edge.i
    end = sent.end
    while end > hi + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if hi + 1 >= end and lo - 1 > sent.start and doc[lo - 1].text == ",":
        # "…, according to X." : the sentence before the comma
        toks = set(range(sent.start, lo - 1))
    elif lo == sent.start and hi + 1 < end and doc[hi + 1].text == ",":
        # "According to X, …": the rest of the sentence
        toks = set(range(hi + 2, end))
    elif lo == sent.start and hi + 1 >= end and (comma := _comma_after(src, end)) is not None:
        # "According to X, the move reeks of …" parsed as one long phrase: after X's comma
        toks = set(range(comma + 1, end))
    else:
        head = tok.head
        while not head.tag_.startswith("VB") and head.head.i != head.i:
            head = head.head
        toks = phrase(head) - set(range(lo, hi + 1))
    return Draft([tok.i, to.i], "according to", src, content=toks, category="according")


def _comma_after(src: Token, end: int) -> int | None:
    """The comma closing the source of a sentence-initial "According to X": the first after
    X, or the second when the first opens an appositive without a verb ("X, the director of
    Y, …"); None when no words follow it."""
    doc = src.doc
    commas = [t.i for t in doc[src.i + 1 : end] if t.text == ","]
    if not commas:
        return None
    first = commas[0]
    if len(commas) > 1 and not any(t.tag_.startswith(("VB", "MD")) for t in doc[first : commas[1]]):
        first = commas[1]
    return first if end - first > 2 else None
