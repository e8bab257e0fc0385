"""The content of a cue verb: the first argument frame that applies and that the lexicon allows.

Each frame is one function below, tried in the order of `FRAMES`; it returns a `FrameMatch`,
None (does not apply: try the next frame) or `STOP` (applies but gives no claim: stop here).
Which frames a lemma may use comes from `cue_verbs.tsv`, gated per (lemma, realised frame key)
by the learned table (`Lexicon.frame_allowed`). To add a construction of a verb's content, add a
function here (or, for a clause, in `clause_frames.py`) and put it in `FRAMES` at the right
priority. `VerbCue` and `FrameMatch` live in `verb_cue.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..syntax import (
    SUBJ_DEPS,
    has_to,
    phrase,
    trim_tail,
)
from .clause_frames import clause, clause_fallback, clause_surface, object_clause, parataxis
from .verb_cue import STOP, FrameMatch, VerbCue

# Right dependents of a stance verb that belong to its content ("credited Merkel with …").
_OBJECT_TAIL_DEPS = frozenset({"oprd", "xcomp", "ccomp", "prep", "dative", "attr", "acomp"})
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which"})
_ARGUMENT_PREPS = frozenset("as with for on to of about against over from into".split())


def _as_clause(v: VerbCue) -> FrameMatch | None:
    """ "As the Times noted, Clinton raised …" (or "as Vulture put it, …"): the main clause is
    the content."""
    if (
        v.verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children)
        and "clause" in v.frames
        and not any(c.dep_ in ("ccomp", "dobj") and c.lower_ != "it" for c in v.children)
        and v.ok("as-clause")
    ):
        return FrameMatch("as-clause", phrase(v.verb.head) - phrase(v.verb))
    return None


def _accuse(v: VerbCue) -> FrameMatch | None:
    """ "accused Y of Z" / "criticized Y for Z": object through the end of the of/for phrase."""
    if "accuse" not in v.frames or v.passive:
        return None
    verb = v.verb
    # a conjoined verb's own "for" is not this verb's ("criticized X and called for Y")
    ids = {verb.i, *(c.i for c in v.children if c.dep_ not in ("conj", "cc"))}
    prep = next(
        (
            t
            for t in verb.subtree
            if t.i > verb.i + 1 and t.lower_ in ("of", "for") and t.head.i in ids
        ),
        None,
    )
    if prep is not None and any(c.dep_ == "dobj" for c in v.children) and v.ok("accuse"):
        # without a closing ", which he denied": the reporter's addition
        toks = trim_tail(v.ctx, set(range(verb.i + 1, prep.right_edge.i + 1)))
        return FrameMatch("accuse", toks)
    return None


def _answer(v: VerbCue) -> FrameMatch | None:
    """ "75 percent said yes"."""
    if "quote" not in v.frames:
        return None
    answer = next((c for c in v.children if c.i > v.verb.i and c.lower_ in ("yes", "no")), None)
    if answer is not None and answer.i == v.verb.i + 1 and v.ok("answer"):
        return FrameMatch("answer", {answer.i})
    return None


def _xcomp(v: VerbCue) -> FrameMatch | None:
    """ "vowed to …", "urged Congress to …": the infinitive (with its object)."""
    if "xcomp" not in v.frames:
        return None
    xcomp = next((c for c in v.children if c.dep_ == "xcomp" and has_to(c)), None)
    if xcomp is None or not v.ok("xcomp"):
        return None
    toks = v.subtree(xcomp)
    obj = next((c for c in v.children if c.dep_ == "dobj" and c.i < xcomp.i), None)
    if obj is not None:
        toks |= v.subtree(obj)
    subj_pass = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
    if v.passive and subj_pass is not None:
        toks |= phrase(subj_pass)
    return FrameMatch("xcomp", trim_tail(v.ctx, toks))


def _prepositional(v: VerbCue) -> FrameMatch | None:
    """ "referred to X", "called for X", "talked about X": a prepositional object."""
    preps = [f[2:] for f in v.frames if f.startswith("p:")]
    if not preps:
        return None
    for c in v.children:
        if c.i > v.verb.i and c.dep_ in ("prep", "prt", "dative") and c.lower_ in preps:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if c.dep_ == "prt":
                objs = [g for g in v.children if g.dep_ in ("dobj", "ccomp") and g.i > c.i]
            relative = all(g.lower_ in _RELATIVE_PRONOUNS for g in objs)
            if relative and c.dep_ == "prep" and _relative_head(v) and v.ok("p:" + c.lower_):
                # "the change the party warned about": the noun the clause modifies
                toks = phrase(v.verb.head) - phrase(v.verb)
                voice = "passive-" if v.passive else ""
                return FrameMatch("prep", trim_tail(v.ctx, toks), [c.i], voice + "p:" + c.lower_)
            if objs and v.ok("p:" + c.lower_):
                toks: set[int] = set()
                for g in objs:
                    toks |= v.subtree(g)
                voice = "passive-" if v.passive else ""
                return FrameMatch("prep", trim_tail(v.ctx, toks), [c.i], voice + "p:" + c.lower_)
    return None


def _relative_head(v: VerbCue) -> bool:
    """A relative clause with its own subject whose preposition is stranded: the noun it
    modifies is the preposition's object ("the judge Trump was referring to")."""
    return (
        v.verb.dep_ == "relcl"
        and v.verb.head.tag_.startswith("NN")
        and any(c.dep_ in SUBJ_DEPS and c.lower_ not in _RELATIVE_PRONOUNS for c in v.children)
    )


def _object(v: VerbCue) -> FrameMatch | None:
    """ "called it a hoax", "sees X as Y", "is considered a liberal": the object and its
    predicative; a bare pronoun object gives no claim (STOP)."""
    if "object" not in v.frames and not ("passobj" in v.frames and v.passive):
        return None
    children = v.children
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    subj_pass = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if obj is None and v.passive and subj_pass is not None:
        obj = subj_pass
    if obj is None:
        obj = next((c for c in children if c.i > v.verb.i and c.dep_ in ("oprd", "ccomp")), None)
    if obj is None or not v.ok("object"):
        return None
    comps = [
        c
        for c in children
        if c.i > max(v.verb.i, obj.i)
        and (c.dep_ in _OBJECT_TAIL_DEPS or _noun_infinitive(obj, c))
        and (c.dep_ != "prep" or c.lower_ in _ARGUMENT_PREPS)
    ]
    if obj.tag_ == "PRP" and not comps:
        return STOP
    toks = v.subtree(obj)
    for c in comps:
        toks |= v.subtree(c)
    return FrameMatch("object", trim_tail(v.ctx, toks))


def _noun_infinitive(obj: Token, c: Token) -> bool:
    """ "questioned his authority to make the change": an infinitive right after a common-noun
    object is the noun's complement, though the parse hung it on the verb as an adverbial (after
    a name or pronoun it is the verb's purpose: "attacked Clinton to rally his base")."""
    return (
        c.dep_ == "advcl"
        and obj.tag_ in ("NN", "NNS")
        and c.left_edge.i == obj.right_edge.i + 1
        and has_to(c)
    )


FRAMES: tuple[Callable[[VerbCue], FrameMatch | None], ...] = (
    _as_clause,
    _accuse,
    clause,
    object_clause,
    _answer,
    _xcomp,
    _prepositional,
    _object,
    clause_fallback,
    clause_surface,
    parataxis,
)


def verb_content(v: VerbCue) -> FrameMatch | None:
    """The content of the first frame that applies, or None."""
    for frame in FRAMES:
        match = frame(v)
        if match is STOP:
            return None
        if match is not None:
            return match
    return None
