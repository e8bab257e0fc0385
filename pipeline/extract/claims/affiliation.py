"""The organisation or place a speaker speaks for, read from how the article introduces them.

"Wynnum coach Matt Myers", "Houthi military spokesperson Yahya Sarea", "Turkey's President
Erdogan", "Carrie Lam, chief executive of Hong Kong", "the director of IEDCR, Dr Flora": the
first actor named in the words just before any mention of the person (up to a punctuation mark
or a verb), else in its modifiers, its apposition and that apposition's "of"/"for"/"at" phrase;
never a relative clause ("Gladkov, who was appointed by Vladimir Putin" is not Putin's). A
capitalised word there that the article names elsewhere counts too (the parser tags "Maroochydore"
in one sentence and not in the next).

    affiliation(ctx.speakers, "Matt Myers")   # Mention "Wynnum" (resolved "Wynnum")
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..mention import Mention
from ..speakers import SpeakerResolver

_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
_ROLE_PREPS = frozenset({"of", "for", "at"})
_LABELS = frozenset({"ORG", "NORP", "GPE"})
_WINDOW = 6  # words before a name that may hold its role ("Maroochydore assistant coach")


def affiliation(speakers: SpeakerResolver, name: str) -> Mention | None:
    """The first organisation/place named in a role of the actor `name`, or None."""
    named = {m.text: m for m in speakers.mentions if m.resolved != name}
    for m in speakers.mentions:
        if m.resolved != name or m.label != "PERSON":
            continue
        for tok in _before(speakers, m):
            other = speakers.token_mention[tok.i]
            if other is None and tok.text[:1].isupper():
                other = named.get(tok.text)
            if other is not None and other.resolved != name:
                return other
        for tok in _role_tokens(_root(speakers, m)):
            other = speakers.token_mention[tok.i]
            if other is not None and other.label in _LABELS and other.resolved != name:
                return other
    return None


def _before(speakers: SpeakerResolver, m: Mention) -> list[Token]:
    """The words just before a mention, nearest first, up to a punctuation mark or a verb."""
    doc = speakers.doc
    sent_start = doc[m.start].sent.start
    out: list[Token] = []
    for i in range(m.start - 1, max(sent_start, m.start - _WINDOW) - 1, -1):
        tok = doc[i]
        if tok.is_punct and tok.text not in ("'", "’") or tok.tag_.startswith(("VB", "MD")):
            break
        out.append(tok)
    return out


def _root(speakers: SpeakerResolver, m: Mention) -> Token:
    """The token of a mention whose head lies outside it."""
    doc = speakers.doc
    for i in range(m.start, m.end):
        if not m.start <= doc[i].head.i < m.end or doc[i].head.i == i:
            return doc[i]
    return doc[m.end - 1]


def _role_tokens(root: Token) -> Iterator[Token]:
    """Words that describe the person at `root`: its modifiers and appositions, or the noun it
    is in apposition to ("the director of IEDCR, Dr Flora")."""
    for child in root.children:
        if child.dep_ in _MODIFIER_DEPS and child.i < root.i:
            yield from child.subtree
        elif child.dep_ == "appos":
            yield from _noun_role(child)
    if root.dep_ == "appos":
        yield from _noun_role(root.head)


def _noun_role(noun: Token) -> Iterator[Token]:
    """A role noun with its modifiers and its of/for/at phrase ("chief executive of Hong Kong")."""
    yield noun
    for child in noun.children:
        if child.dep_ in _MODIFIER_DEPS and child.i < noun.i:
            yield from child.subtree
        elif child.dep_ == "prep" and child.lower_ in _ROLE_PREPS:
            yield from child.subtree
