"""Whom a claim is about: the actors acting or acted upon in its content.

- every actor named in the content (entity mentions, demonyms for their country: "Ukrainian
  helicopters" -> Ukraine), and every personal pronoun resolved to one ("she was raped" ->
  the speaker when she says it of herself; "I" in a quotation -> the speaker);
- not places that are mere settings: a place governed by a locative preposition, alone or as
  the modifier of what is ("inside Russia", "to Belgorod", "on Russian soil", "at the Indian
  capital city of New Delhi");
- not the speaker's own name (the speaker counts only when the content refers to them);
- the speaker for "I", "me", "my" in a quotation ("I love my children"), and for "we", "us",
  "our" the organisation or place the speaker speaks for ("Wynnum coach Matt Myers": "we
  turned the momentum around" -> Wynnum), else the speaker; not the speaker talking about the
  talk ("I mean", "I must tell you", "ask me": governed by a cue verb or `acts/talk_verbs.txt`);
- the accused always.

    refs = about(claim, accused)     # [Ref("Ukraine", "GPE", …)]
"""

from __future__ import annotations

from spacy.tokens import Token

from ..refs import PLACE_LABELS, Ref
from .acts import ClaimView

# prepositions that make a place the setting of what happens, not a party to it ("inside
# Russia", "flew to Belgorod"); with a place modifying their object also these ("on Russian
# soil", "past the Russian border"), while "blame on Ukraine" names a party
LOCATIVE_PREPS = frozenset(
    "in inside within at near across throughout around outside into to onto toward towards "
    "via along beyond".split()
)
_LOCATIVE_OF_NOUN = LOCATIVE_PREPS | frozenset("on past over under".split())
_FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
_FIRST_PLURAL = frozenset("we us our ours ourselves".split())
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "appos"})


def about(c: ClaimView, accused: list[Ref]) -> list[Ref]:
    """The actors the content of claim `c` is about, the accused first."""
    out: list[Ref] = []
    for ref in accused:
        if all(r.name != ref.name for r in out):
            out.append(ref)
    names = {r.name for r in out}
    speaker = c.speaker.name if c.speaker else None
    refs = c.refs
    for tok in c.tokens:
        if tok.tag_ in ("PRP", "PRP$"):
            if tok.lower_ in _FIRST_PERSON:
                ref = _first_person(c, tok)
            else:
                ref = refs.pronoun(tok, c.speaker)
        else:
            ref = refs.mention(tok) or refs.kin(tok) or refs.definite(tok)
            if ref is None or ref.name == speaker or _is_setting(c, tok, ref):
                continue
            if not _inside_content(c, ref):
                continue  # a name the content's boundary cuts ("the overturn of Citizens")
        if ref is not None and ref.name not in names:
            names.add(ref.name)
            out.append(ref)
    return out


def _first_person(c: ClaimView, tok: Token) -> Ref | None:
    """The actor a first-person pronoun in a quotation stands for (see the module doc)."""
    if c.speaker is None or not c.ctx.in_quote[tok.i]:
        return None
    if tok.head.tag_.startswith("VB") and tok.head.lower_ in c.ctx.lex.talk_forms:
        return None
    span = (tok.idx, tok.idx + len(tok.text))
    if tok.lower_ in _FIRST_PLURAL:
        group = c.refs.affiliation(c.speaker.name)
        if group is not None:
            return Ref(group.name, group.label, *span)
    return Ref(c.speaker.name, c.speaker.label, *span)


def _inside_content(c: ClaimView, ref: Ref) -> bool:
    return any(s <= ref.start_char and ref.end_char <= e for s, e in c.d.spans)


def _is_setting(c: ClaimView, tok: Token, ref: Ref) -> bool:
    """Is this place mention only where something happens ("an oil facility inside
    Russia", "flew to Belgorod", "the first strike on Russian soil")?"""
    if ref.label not in PLACE_LABELS:
        return False
    head = c.refs.ctx.doc[tok.i]
    modified = False
    for _ in range(4):
        if head.dep_ in _MODIFIER_DEPS:
            head = head.head
            modified = modified or head.tag_.startswith("NN") and head.ent_type_ == ""
            continue
        if head.dep_ == "pobj":
            prep = head.head
            if prep.lower_ in (_LOCATIVE_OF_NOUN if modified else LOCATIVE_PREPS):
                return True
            if prep.lower_ == "of" and prep.head.tag_.startswith("NN"):
                head = prep.head  # "the capital city of New Delhi"
                continue
        return False
    return False
