"""The content of a cue verb: the first argument frame that applies and that the lexicon allows.

Each frame is one function below, tried in the order of `FRAMES`; it returns a `FrameMatch`,
None (does not apply: try the next frame) or `STOP` (applies but gives no claim: stop here).
Which frames a lemma may use comes from `cue_verbs.tsv`, gated per (lemma, realised frame key)
by the learned table (`Lexicon.frame_allowed`). To add a construction of a verb's content, add a
function here and put it in `FRAMES` at the right priority.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..context import ArticleContext
from ..syntax import (
    FINITE_TAGS,
    SUBJ_DEPS,
    has_to,
    phrase,
    plausible_speaker,
    starts_with_that,
    subtree,
    trim_tail,
)

# Right dependents of a stance verb that belong to its content ("credited Merkel with …").
_OBJECT_TAIL_DEPS = frozenset({"oprd", "xcomp", "ccomp", "prep", "dative", "attr", "acomp"})
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which"})
_ARGUMENT_PREPS = frozenset("as with for on to of about against over from into".split())
# Objects that cannot be a clause's subject ("told him was …" is no clause).
_OBJECT_PRONOUNS = frozenset("him her them me us whom".split())
# How the parse hangs a clause whose subject it took for the cue's object.
_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "conj", "parataxis", "dep", "xcomp", "relcl"})


@dataclass(frozen=True)
class FrameMatch:
    """Content found through one frame: category, content tokens, extra cue tokens (an
    adjacent preposition: "referred to"), and the learned-table key ("passive-p:about")."""

    category: str
    tokens: set[int]
    extra_cue: list[int] = field(default_factory=list)
    key: str = ""


STOP = FrameMatch("stop", set())


@dataclass
class VerbCue:
    """A cue verb being analysed: what every frame function reads."""

    ctx: ArticleContext
    verb: Token
    lemma: str
    passive: bool
    speaker: Token | None
    frames: tuple[str, ...] = ()
    children: list[Token] = field(default_factory=list)
    ungated: bool = False  # try every frame, also those the learned table blocks

    def __post_init__(self) -> None:
        self.frames = self.ctx.lex.cue_frames.get(self.lemma, ())
        self.children = list(self.verb.children)

    def ok(self, frame: str) -> bool:
        """Does the lexicon allow this frame (in this voice) for the lemma?"""
        voice = "passive-" if self.passive else ""
        if self.ungated or self.ctx.lex.frame_allowed(self.lemma, voice + frame):
            return True
        self.ctx.refused_verbs.add(self.verb.i)
        return False

    def subtree(self, root: Token) -> set[int]:
        return subtree(self.ctx, root, self.verb)


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


def _clause(v: VerbCue) -> FrameMatch | None:
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


def _object_clause(v: VerbCue) -> FrameMatch | None:
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


def _clause_fallback(v: VerbCue) -> FrameMatch | None:
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


def _clause_surface(v: VerbCue) -> FrameMatch | None:
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


def _parataxis(v: VerbCue) -> FrameMatch | None:
    """ "The plan, he said, is dead" parsed as parataxis: the governing clause."""
    if v.verb.dep_ == "parataxis" and "quote" in v.frames and v.ok("parataxis"):
        return FrameMatch("parataxis", v.subtree(v.verb.head) - phrase(v.verb))
    return None


FRAMES: tuple[Callable[[VerbCue], FrameMatch | None], ...] = (
    _as_clause,
    _accuse,
    _clause,
    _object_clause,
    _answer,
    _xcomp,
    _prepositional,
    _object,
    _clause_fallback,
    _clause_surface,
    _parataxis,
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
