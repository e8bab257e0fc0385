"""Cue finders: each proposes claim candidates (`Draft`s) for one family of constructions.

`FINDERS` is the ordered registry of token finders: for each token outside quotations the
first finder whose `tags` hold its tag and whose `applies` accepts it runs (it may still find
nothing). `DOCUMENT_FINDERS` look at the whole text. To add a construction, write
`applies(tok, ctx)` and `find(tok, ctx)` (or a document finder `find(ctx) -> list[Draft]`) in
the module of its family and register it here with the tags it may apply to. A finder's
optional `blocked(tok, ctx, draft)` proposes, when the decision model asks for them
(`ctx.propose_blocked`), the candidate a frame blocked by the learned cue table would give.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ..context import ArticleContext
from ..draft import Draft
from . import according, nouns, support, verbs
from .colons_dashes import colon_claims


@dataclass(frozen=True)
class Finder:
    """A token finder: `find` runs on tokens with one of the `tags` that `applies` (if any)
    accepts."""

    name: str
    tags: frozenset[str]
    applies: Callable[[Token, ArticleContext], bool] | None
    find: Callable[[Token, ArticleContext], Draft | None]
    blocked: Callable[[Token, ArticleContext, Draft | None], Draft | None] | None = None


_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})

FINDERS: tuple[Finder, ...] = (
    Finder("adjective", frozenset({"VBN", "JJ"}), nouns.adjective_applies, nouns.adjective),
    Finder("support", _VERB_TAGS, support.applies, support.find),
    Finder("verb", _VERB_TAGS, verbs.applies, verbs.find, verbs.find_blocked),
    Finder("according", _VERB_TAGS, according.applies, according.find),
    Finder("headline-verb", frozenset({"NNS"}), nouns.headline_verb_applies, nouns.headline_verb),
    Finder("in-poll", frozenset({"IN"}), nouns.in_poll_applies, nouns.in_poll),
    Finder("noun", frozenset({"NN", "NNS"}), None, nouns.noun),
    Finder("hedge-adverb", frozenset({"RB"}), nouns.hedge_adverb_applies, nouns.hedge_adverb),
)

# tag -> the finders that may apply to a token with that tag, in registry order
_TAGS = frozenset().union(*(f.tags for f in FINDERS))
_BY_TAG = {tag: tuple(f for f in FINDERS if tag in f.tags) for tag in _TAGS}

DOCUMENT_FINDERS: tuple[tuple[str, Callable[[ArticleContext], list[Draft]]], ...] = (
    ("colon", colon_claims),
)


def find_candidates(ctx: ArticleContext) -> list[Draft]:
    """Every candidate the finders propose, in token order, then the document finders'."""
    drafts: list[Draft] = []
    doc = ctx.doc
    for i, tag in enumerate(ctx.tags):
        finders = _BY_TAG.get(tag)
        if finders is None or ctx.in_quote[i] or i in ctx.in_marker:
            continue
        tok = doc[i]
        finder = next((f for f in finders if f.applies is None or f.applies(tok, ctx)), None)
        if finder is not None:
            draft = finder.find(tok, ctx)
            if draft is not None:
                draft.finder = finder.name
                drafts.append(draft)
            if ctx.propose_blocked and finder.blocked is not None:
                extra = finder.blocked(tok, ctx, draft)
                if extra is not None:
                    extra.finder = finder.name
                    drafts.append(extra)
    for name, find in DOCUMENT_FINDERS:
        for draft in find(ctx):
            draft.finder = name
            drafts.append(draft)
    return drafts
