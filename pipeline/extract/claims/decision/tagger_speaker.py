"""Who speaks through a cue the tagger proposed: found as the rule finders find it.

A tagger candidate's cue is a run of tokens no finder read as a cue ("are calling", "is
convinced", "accusations"). Its speaker is taken from the parse the way the finders take
theirs — a verb's subject, a passive's agent, the subject inherited through participles and
conjuncts, the name beside a speech verb next to a quotation (`verb_speakers.verb_speaker`),
the subject of the copula of a predicate adjective, the possessor or from/by/among object of
a noun — and only when the parse names nobody outside the content, from the nearest tagged
source in the sentence (`TagView.source_head`), which often is another clause's speaker.

Example: in "Democrats, who met the mayor on Monday, are calling the bill a giveaway" the
cue "are calling" gets "Democrats" (its subject), not the tagged "mayor" nearer the cue.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from ..finders.verb_speakers import verb_speaker
from ..syntax import plausible_speaker

_OWNER_PREPS = frozenset({"from", "by", "among"})  # "criticism from X", "fears among X"
_DUMMIES = frozenset({"it", "this", "that", "which"})
SOURCE = 1  # the tagger's source layer


def syntactic_speaker(ctx: Any, head: Token, lemma: str) -> Token | None:
    """The speaker the parse gives a cue head (a verb, a predicate adjective or a noun), as
    the rule finders read it; None when it names nobody."""
    if head.dep_ == "acomp" or (head.tag_ == "JJ" and head.head.lemma_ == "be"):
        owner = head.head  # "X is convinced that …": the copula's subject holds the stance
        return next((c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if head.tag_.startswith("VB"):
        who = verb_speaker(ctx, head, lemma)
        return who.token if who is not None else None
    if head.tag_.startswith("NN"):
        for c in head.children:
            if c.dep_ == "poss" and c.lower_ != "its":
                return c
            if c.dep_ == "prep" and c.lower_ in _OWNER_PREPS and c.i > head.i:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
    return None


def tagger_speaker(
    ctx: Any, view: Any, cue: tuple[int, int], head: int, lemma: str, content: set[int]
) -> Token | None:
    """The speaker of the tagger candidate with cue run `cue` (head token `head`).

    The parse's speaker, unless it is missing, a dummy ("it", "which") or inside the cue or
    the content. When it is no plausible speaker (a thing: "Tension flared …, with Sanders
    pressing his attack …" gives "Tension"; a document: "An article by Ian Tuttle accuses
    …") the nearest tagged source speaks instead if it is a plausible one, or if the tagger
    does not tag the parse's speaker as a source.
    """
    found = syntactic_speaker(ctx, ctx.doc[head], lemma)
    if (
        found is None
        or found.dep_ == "expl"
        or found.lower_ in _DUMMIES
        or found.i in content
        or cue[0] <= found.i < cue[1]
    ):
        return view.source_head(cue)
    if plausible_speaker(found, ctx.lex):
        return found
    tagged = view.source_head(cue)
    if tagged is None:
        return found
    if plausible_speaker(tagged, ctx.lex) or view.inside[found.i, SOURCE] < 0.5:
        return tagged
    return found
