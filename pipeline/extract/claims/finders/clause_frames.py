"""Frames whose content is a clause of the cue verb: "said (that) …", "told X (that) …", a
clause the parse hung elsewhere, a subject the parse took for the object, parataxis.

Each is a frame function of `verb_frames.FRAMES` (a `VerbCue` in, a `FrameMatch`, None or
`STOP` out)::

    clause(VerbCue(ctx, said, "say", passive=False, speaker=subject))  # FrameMatch("clause", …)
"""

from __future__ import annotations

from spacy.tokens import Token

from ..syntax import (
    FINITE_TAGS,
    SUBJ_DEPS,
    has_to,
    phrase,
    plausible_speaker,
    starts_with_that,
    trim_tail,
)
from .verb_cue import FrameMatch, VerbCue

# Objects that cannot be a clause's subject ("told him was …" is no clause).
_OBJECT_PRONOUNS = frozenset("him her them me us whom".split())
# How the parse hangs a clause whose subject it took for the cue's object.
_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "conj", "parataxis", "dep", "xcomp", "relcl"})


def clause(v: VerbCue) -> FrameMatch | None:
    """ "said (that) …", "asked whether …": the clausal complement(s)."""
    if "clause" not in v.frames:
        return None
    in_quote = v.ctx.in_quote
    # a fronted clause must be a real clause ("Trump is wrong, he said"), not an adverbial
    # misparsed as ccomp ("With his campaign in disarray, Trump claimed …")
    ccomps = [
        c
        for c in v.children
        if c.dep_ == "ccomp"
        and (c.i > v.verb.i or in_quote[c.i] or _fronted_clause(v, c))
        or _that_adverbial(v, c)
        or _unmarked_clause(v, c)
    ]
    if v.speaker is not None:
        ccomps = [c for c in ccomps if not c.is_ancestor(v.speaker)]
    quoted = [c for c in ccomps if in_quote[c.i]]
    if quoted:
        ccomps = quoted
    if ccomps and v.ok("clause"):
        toks: set[int] = set()
        for c in ccomps:
            toks |= v.subtree(c)
        return FrameMatch("clause", trim_tail(v.ctx, toks))
    return None


def object_clause(v: VerbCue) -> FrameMatch | None:
    """ "ruled the male-only draft violated …", "a motion claiming the order is unlawful": the
    parser took the complement clause's subject for the verb's object and hung the clause's
    verb elsewhere; the content is the whole clause, object and verb together."""
    if "clause" not in v.frames:
        return None
    obj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.verb.i), None)
    if obj is None or obj.lower_ in _OBJECT_PRONOUNS or v.ctx.in_quote[obj.i]:
        return None
    verb = _subjectless_finite(v, obj.right_edge.i + 1)
    if verb is None or not v.ok("clause"):
        return None
    toks = v.subtree(obj) | v.subtree(verb)
    # "… is unconstitutional and violated their rights": its conjuncts, wherever hung
    end = max(toks)
    while end + 2 < v.verb.sent.end and v.ctx.doc[end + 1].dep_ == "cc":
        nxt = _subjectless_finite(v, end + 2, verb.head)
        if nxt is None:
            break
        toks |= {end + 1} | v.subtree(nxt)
        end = max(toks)
    return FrameMatch("clause", trim_tail(v.ctx, toks))


def _subjectless_finite(v: VerbCue, i: int, head: Token | None = None) -> Token | None:
    """The finite verb whose phrase starts at token i, if it has no subject and no
    subordinator of its own (the subject was taken for the cue's object) and is attached to the
    cue verb, to one of its ancestors or (for a conjunct) to `head`."""
    doc = v.ctx.doc
    if i >= v.verb.sent.end:
        return None
    tok = doc[i]
    while tok.left_edge.i == i and tok.head.left_edge.i == i and tok.head.i != tok.i:
        tok = tok.head  # from the first word up to the phrase it opens
    if tok.left_edge.i != i or not tok.tag_.startswith(("VB", "MD")) or v.ctx.in_quote[tok.i]:
        return None
    finite = tok.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in tok.children
    )
    if not finite or any(c.dep_ in SUBJ_DEPS or c.dep_ == "mark" for c in tok.children):
        return None
    attached = tok.head.i == v.verb.i or tok.head.is_ancestor(v.verb) or tok.head == head
    return tok if attached and tok.dep_ in _CLAUSE_DEPS else None


def _that_adverbial(v: VerbCue, c: Token) -> bool:
    """ "tweeted in the early hours that Machado was …": a that-clause the parse hung on the
    verb as an adverbial after a prepositional phrase."""
    return c.dep_ == "advcl" and c.i > v.verb.i and starts_with_that(c)


def _unmarked_clause(v: VerbCue, c: Token) -> bool:
    """ "she said as a teenager she was forced …": a finite clause with its own subject and no
    subordinator ("because", "when"), hung on the verb as an adverbial because of a fronted
    phrase: the verb's complement."""
    if c.dep_ != "advcl" or c.i < v.verb.i or c.left_edge.i <= v.verb.i:
        return False
    doc = v.ctx.doc
    if any(doc[j].is_punct for j in range(v.verb.i + 1, c.left_edge.i + 1)):
        return False  # "…, said Smith, as …": the clause is the sentence's, not the verb's
    if any(x.dep_ == "mark" or x.tag_ == "WRB" for x in c.children):
        return False
    has_subj = any(x.dep_ in SUBJ_DEPS for x in c.children)
    finite = c.tag_ in FINITE_TAGS or any(
        x.dep_ in ("aux", "auxpass") and x.tag_ in FINITE_TAGS for x in c.children
    )
    return has_subj and finite


def _fronted_clause(v: VerbCue, c: Token) -> bool:
    # an object after the verb makes the clause an adverbial ("…, Trump claimed victory"),
    # unless it is the one told ("…, Graham told The Huffington Post")
    if any(
        x.dep_ == "dobj" and x.i > v.verb.i and not plausible_speaker(x, v.ctx.lex)
        for x in v.children
    ):
        return False
    first = v.ctx.doc[c.left_edge.i]
    if first.tag_ in ("IN", "WRB") or first.lower_ in ("later", "earlier", "then", "now"):
        return False
    has_subj = any(x.dep_ in SUBJ_DEPS for x in c.children)
    # finite through its own tag or an auxiliary ("… are divided by race, studies have shown")
    finite = c.tag_ in ("VBD", "VBZ", "VBP", "MD", "VB") or any(
        x.dep_ in ("aux", "auxpass") and x.tag_ in FINITE_TAGS for x in c.children
    )
    return has_subj and finite


def clause_fallback(v: VerbCue) -> FrameMatch | None:
    """A misparsed complement of a speech verb ("said legalizing it could …" as xcomp)."""
    if "clause" not in v.frames or "quote" not in v.frames:
        return None
    if v.ctx.quote_in_sentence(v.verb):
        return None
    rest = [
        c
        for c in v.children
        if c.i > v.verb.i
        and c.dep_ in ("xcomp", "dobj", "attr", "oprd")
        and c.tag_.startswith("VB")
        and (v.speaker is None or not c.is_ancestor(v.speaker))
    ]
    if rest and not has_to(rest[0]) and v.ok("clause-fallback"):
        toks: set[int] = set()
        for c in rest:
            toks |= v.subtree(c)
        return FrameMatch("clause-fallback", toks)
    return None


def clause_surface(v: VerbCue) -> FrameMatch | None:
    """The parser lost the complement clause: "said for the first time that …"."""
    if "clause" not in v.frames or v.ctx.quote_in_sentence(v.verb):
        return None
    doc = v.ctx.doc
    sent_end = v.verb.sent.end
    for j in range(v.verb.i + 1, min(v.verb.i + 10, sent_end)):
        t = doc[j]
        if t.lower_ in ("that", "whether", "if") and t.dep_ in ("mark", "advmod", "nsubj", "det"):
            end = sent_end
            while end > j and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if end - j >= 4 and v.ok("clause-surface"):
                return FrameMatch("clause-surface", set(range(j, end)))
            return None
        if t.tag_.startswith("VB") or t.is_punct and t.text not in (",",):
            return None
    return None


def parataxis(v: VerbCue) -> FrameMatch | None:
    """ "The plan, he said, is dead" parsed as parataxis: the governing clause."""
    if v.verb.dep_ == "parataxis" and "quote" in v.frames and v.ok("parataxis"):
        return FrameMatch("parataxis", v.subtree(v.verb.head) - phrase(v.verb))
    return None
