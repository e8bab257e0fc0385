"""Sentence-level rewrites of speech-verb candidates whose parse is often wrong: a trailing
reporting clause ("…, Daily Mail reported.") and a parenthetical one ("The permit, his
campaign said, was hard to get.")."""

from __future__ import annotations

from ..context import ArticleContext
from ..draft import Draft
from ..syntax import FINITE_TAGS

_TAIL_DEPS = frozenset({"prep", "npadvmod", "advmod", "dative", "punct", "agent", "dobj"})


def _speech_drafts(ctx: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    return [
        d
        for d in drafts
        if d.verb_i >= 0 and d.speaker is not None and d.lemma in ctx.lex.speech_verbs
    ]


def tail_cues(ctx: ArticleContext, drafts: list[Draft]) -> None:
    """Sentence-final reporting clauses: "…, Daily Mail reported." / "…, said Peskov."

    The content is the sentence before the comma, whatever the parse nested where; the
    clause is cut out of any other claim's content.
    """
    doc = ctx.doc
    for d in _speech_drafts(ctx, drafts):
        verb = doc[d.verb_i]
        sent = verb.sent
        spk = d.speaker
        assert spk is not None
        spk_lo, spk_hi = spk.left_edge.i, spk.right_edge.i
        if not _only_tail_dependents(ctx, d):
            continue
        start = min(spk_lo, d.cue_tokens[0]) if spk_lo < verb.i else d.cue_tokens[0]
        if spk_lo < verb.i and spk_hi >= verb.i:
            continue
        comma = start - 1
        if comma <= sent.start or doc[comma].text not in (",", "”", '"', "''"):
            continue
        if doc[comma].text != "," and doc[comma - 1].text != ",":
            continue
        if any(ctx.in_quote[i] for i in range(comma + 1, sent.end)):
            continue
        if any(i > verb.i for i in d.content):
            continue  # the cue has its own content after it ("…, she joked about X")
        toks = set(range(sent.start, comma))
        if len(toks) < 3 or not any(doc[i].tag_ in FINITE_TAGS for i in toks):
            continue  # a fronted phrase, not a reported clause ("In an interview, …")
        d.content = toks
        d.category = "clause"
        d.needs_quote = False
        cut = set(range(comma, sent.end))
        for e in drafts:
            if e is not d and d.verb_i in e.content:
                e.content -= cut


def _only_tail_dependents(ctx: ArticleContext, d: Draft) -> bool:
    """Does the verb have nothing after it but modifiers and its speaker?"""
    doc = ctx.doc
    verb = doc[d.verb_i]
    for c in verb.children:
        if c.i > verb.i and d.speaker is not None and c.i != d.speaker.i:
            if c.dep_ in _TAIL_DEPS:
                continue
            # ", noting …" after the cue is a claim of its own, not content
            if c.dep_ == "advcl" and c.tag_ == "VBG" and doc[c.i - 1].text == ",":
                continue
            return False
    return True


def parenthetical_cues(ctx: ArticleContext, drafts: list[Draft]) -> None:
    """Mid-sentence reporting clauses: "The permit, his campaign said, was hard to get."

    The content is the clause around the commas (two fragments).
    """
    doc = ctx.doc
    for d in _speech_drafts(ctx, drafts):
        verb = doc[d.verb_i]
        sent = verb.sent
        if ctx.quote_in_sentence(verb):
            continue
        spk = d.speaker
        assert spk is not None
        lo = min(spk.left_edge.i, d.cue_tokens[0])
        hi = max(spk.right_edge.i, verb.i)
        for c in verb.children:
            if c.i > hi and c.dep_ in ("npadvmod", "advmod", "prep") and c.right_edge.i - c.i < 6:
                hi = c.right_edge.i
        if lo - 1 <= sent.start or hi + 2 >= sent.end - 1:
            continue
        if doc[lo - 1].text != "," or doc[hi + 1].text != ",":
            continue
        start = sent.start
        while start < lo - 1 and (doc[start].tag_ == "CC" or doc[start].is_punct):
            start += 1
        if lo - 1 - start < 1:
            continue
        d.content = set(range(start, lo - 1)) | set(range(hi + 2, sent.end))
        d.category = "parenthetical"
        d.needs_quote = False
