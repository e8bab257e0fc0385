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
  talk ("I mean", "I must tell you", "ask me": governed by a cue verb or `acts/talk_verbs.txt`)
  nor "my client" (that person, not the speaker);
- the accused always.

    refs = about(claim, accused)     # [Ref("Ukraine", "GPE", …)]
"""

from __future__ import annotations

from spacy.tokens import Token

from ...antecedents import singular
from ..refs import PLACE_LABELS, Ref
from .claim_view import ClaimView

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
_GROUP_SUBJECTS = frozenset({"it", "they"})
# linking verbs: "it" their subject is a thing described, not an organisation acting
_LINKING = frozenset(
    "is was are were be been being 's seems seemed appears appeared remains remained".split()
)
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
    tags, token_mention = c.ctx.tags, refs.token_mention
    kin_nouns = c.ctx.lex.kin_nouns
    for tok in c.tokens:
        tag = tags[tok.i]
        if token_mention[tok.i] is None and not tag.startswith(("NN", "PRP")):
            if tok.lower_ not in kin_nouns:
                continue  # no mention, pronoun, family, kin or definite noun phrase here
        if tag in ("PRP", "PRP$"):
            if tok.lower_ in _FIRST_PERSON:
                ref = _first_person(c, tok)
            else:
                ref = _reported_subject(c, tok) or refs.pronoun(tok, c.speaker)
                if ref is not None and _names_a_side(c, tok):
                    ref = _side_of(c, ref, tok)
        else:
            for member in refs.family(tok):  # "the Turpins"
                if member.name not in names and member.name != speaker:
                    names.add(member.name)
                    out.append(member)
            ref = refs.mention(tok) or refs.kin(tok) or refs.definite(tok)
            if ref is None or ref.name == speaker and not _names_itself(c, tok):
                continue
            if _is_setting(c, tok, ref):
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
    head = tok.head
    if tok.dep_ == "poss" and head.tag_ == "NN" and head.lower_ in c.ctx.lex.person_nouns:
        return None  # "my client": that person, not the speaker ("my children" are family)
    span = (tok.idx, tok.idx + len(tok.text))
    if tok.lower_ in _FIRST_PLURAL:
        group = c.refs.affiliation(c.speaker.name)
        if group is not None:
            return Ref(group.name, group.label, *span)
    return Ref(c.speaker.name, c.speaker.label, *span)


def _names_itself(c: ClaimView, tok: Token) -> bool:
    """ "The WHO does not recommend self-medication" in the WHO's own quoted words: an
    organisation naming itself as the subject is what it talks about."""
    root = _mention_root(c, tok)
    return c.ctx.in_quote[tok.i] and root.dep_ in ("nsubj", "nsubjpass")


def _names_a_side(c: ClaimView, tok: Token) -> bool:
    """ "his side", "her government": a possessive pronoun on a noun for the person's group."""
    return tok.dep_ == "poss" and singular(tok.head) in c.ctx.lex.side_nouns


def _side_of(c: ClaimView, ref: Ref, tok: Token) -> Ref | None:
    """The organisation or place a person `ref` speaks for (None when the article names none)."""
    if ref.label != "PERSON":
        return ref
    group = c.refs.affiliation(ref.name)
    return Ref(group.name, group.label, tok.idx, tok.idx + len(tok.text)) if group else None


def _reported_subject(c: ClaimView, tok: Token) -> Ref | None:
    """ "The RCMP confirmed they seized the substance", "spokesperson Yahya Sarea said it had
    carried out the attack": "it"/"they" as the subject of the reported clause is the speaker,
    or the organisation a person speaker speaks for."""
    if c.speaker is None or tok.lower_ not in _GROUP_SUBJECTS or c.ctx.in_quote[tok.i]:
        return None
    verb = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp" or verb.head.i != c.d.cue_i:
        return None
    span = (tok.idx, tok.idx + len(tok.text))
    if c.speaker.label == "PERSON":
        if tok.lower_ == "it" and verb.lower_ in _LINKING:
            return None  # "Biden said it was a great day": a thing, not his organisation
        group = c.refs.affiliation(c.speaker.name)
        return Ref(group.name, group.label, *span) if group is not None else None
    return Ref(c.speaker.name, c.speaker.label, *span)


def _inside_content(c: ClaimView, ref: Ref) -> bool:
    return any(s <= ref.start_char and ref.end_char <= e for s, e in c.d.spans)


def _is_setting(c: ClaimView, tok: Token, ref: Ref) -> bool:
    """Is this place mention only where something happens ("an oil facility inside
    Russia", "flew to Belgorod", "the first strike on Russian soil", "south of Los Angeles",
    "Tesco's Polish operation", "the Polish market") or part of a named person's title
    ("former New Jersey governor Chris Christie")?"""
    if ref.label not in PLACE_LABELS:
        return False
    lex = c.ctx.lex
    head = _mention_root(c, tok)
    modified = False
    for _ in range(6):
        if head.dep_ == "conj":  # "in Kamloops, British Columbia, Canada"
            head = head.head
            continue
        if head.dep_ in _MODIFIER_DEPS:
            child, head = head, head.head
            if _is_person(c, head):
                return True
            if head.tag_.startswith("NN") and head.ent_type_ == "":
                modified = True
                if singular(head) in lex.setting_nouns or _owned_by_other(head, child):
                    return True
            continue
        if head.dep_ == "pobj":
            prep = head.head
            if prep.lower_ in (_LOCATIVE_OF_NOUN if modified else LOCATIVE_PREPS):
                return True
            if prep.lower_ == "of" and prep.head.lower_ in lex.direction_words:
                return True
            if prep.lower_ == "of" and prep.head.tag_.startswith("NN"):
                if _titles_a_person(
                    c, prep.head
                ):  # "the President of the United States Donald Trump"
                    return True
                head = prep.head  # "the capital city of New Delhi"
                continue
        return False
    return False


def _mention_root(c: ClaimView, tok: Token) -> Token:
    """The token of the mention at `tok` whose head lies outside it ("Kingdom" of "the United
    Kingdom"), so that its determiner or first word is not taken for the whole."""
    m = c.refs.token_mention[tok.i]
    if m is None:
        return tok
    doc = c.refs.doc
    for i in range(m.start, m.end):
        if not m.start <= doc[i].head.i < m.end or doc[i].head.i == i:
            return doc[i]
    return tok


def _is_person(c: ClaimView, tok: Token) -> bool:
    m = c.refs.token_mention[tok.i]
    return m is not None and m.label == "PERSON"


def _titles_a_person(c: ClaimView, noun: Token) -> bool:
    """Is `noun` a title given to a named person ("President … Donald Trump")?"""
    lex = c.ctx.lex
    if noun.lower_ not in lex.title_words and singular(noun) not in lex.person_nouns:
        return False
    if noun.dep_ in ("compound", "appos") and _is_person(c, noun.head):
        return True
    return any(_is_person(c, t) for t in noun.subtree if t.i > noun.i)


def _owned_by_other(noun: Token, modifier: Token) -> bool:
    """ "Tesco's Polish operation", "its Polish branch": the owner is the actor, the place
    modifier only where it is."""
    return modifier.dep_ != "poss" and any(ch.dep_ == "poss" for ch in noun.children)
