"""Accusations reported inside another claim: kept as claims of their own, after the decision.

    Susan said her friends have attacked Trump's campaign.
    The inquiry, which was mired in accusations of political bias, was widely seen as a test.

PolNeAR annotates the outermost attribution only ("Susan said …" is one claim), and the
decision (`decision/`) learned that from it; the analysis guide also counts the accusation
inside: her friends accuse Trump's campaign, unnamed critics accuse the inquiry. A candidate
the decision left out because its cue lies in a decided claim's content is added back when its
cue is one of accusing (`Lexicon.act_of`: the curated cue tables, the WordNet nouns and verbs
of accusing, the support pairs), its content is its own (not a repeat of a decided claim's),
its frame is one the learned cue table allows, it is no demand ("called on them to condemn
it") and its host is no accusation itself ("accused X of attacking Y").

    drafts = nested_accusations(ctx, candidates, decided)

A nested claim takes its host's `confidence` (the decision model, trained on PolNeAR, scores
nested candidates as non-claims; its own score would say nothing here): that the host's text is
an attribution, not yet that the nested speaker is right.

The PolNeAR scorer drops them again (`evaluation/scorer.py`, `drop_nested`), the convention that
corpus annotates.
"""

from __future__ import annotations

from .context import ArticleContext
from .draft import Draft

# a nested candidate repeating a decided claim's content at this share of its characters is
# that claim again ("accused Trump of lying" inside "said Clinton accused Trump of lying")
_REPEAT = 0.8


def nested_accusations(
    ctx: ArticleContext, candidates: list[Draft], decided: list[Draft]
) -> list[Draft]:
    """`decided` with the accusation candidates nested in a decided claim's content added."""
    kept = {id(d) for d in decided}
    out = list(decided)
    for d in candidates:
        if id(d) in kept or d.gated or not d.spans or d.cueless:
            continue
        if ctx.lex.act_of(d.lemma) != "accuse" or not _speaks(ctx, d):
            continue
        host = _host(d, decided)
        if host is None or _repeats(d, out):
            continue
        if ctx.lex.act_of(host.lemma) == "accuse":
            continue  # "accused X of attacking Y": the attack is the wrong alleged, not speech
        d.confidence = host.confidence
        out.append(d)
    return out


def _speaks(ctx: ArticleContext, d: Draft) -> bool:
    """Is `d` an accusation made, not one asked for: no infinitive cue ("called on them to
    condemn it" is a demand)? (Requiring a person, group or organisation as the speaker too
    cost accusations out of fold: the speaker rules resolve many after the decision.)"""
    cue = ctx.doc[d.verb_i if d.verb_i >= 0 else d.cue_i]
    return not (
        cue.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in cue.children)
    )


def _host(d: Draft, decided: list[Draft]) -> Draft | None:
    """The decided claim whose content holds `d`'s cue (None when none does): its content as
    decided, or as its finder proposed it (the decision may have cut the clause holding the
    cue, "the investigation, which was mired in accusations of bias", and still dropped `d`
    for lying inside it)."""
    for e in decided:
        if e is d:
            continue
        if any(s <= d.cue_char < t for s, t in e.spans) or d.cue_i in e.content:
            return e
    return None


def _repeats(d: Draft, claims: list[Draft]) -> bool:
    """Does `d`'s content mostly coincide with a claim's content?"""
    size = sum(t - s for s, t in d.spans)
    for e in claims:
        common = sum(max(0, min(t, b) - max(s, a)) for s, t in d.spans for a, b in e.spans)
        if size and common / size >= _REPEAT and e.cue_char != d.cue_char:
            # the host's content holds the cue too: compare against its own words only
            if not any(s <= d.cue_char < t for s, t in e.spans):
                return True
    return False
