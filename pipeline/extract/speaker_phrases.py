"""Speaker phrases the parse gets wrong, and organisation nouns that name an actor.

Helpers of `SpeakerResolver.describe` (over its `SpeakerState`)::

    head = after_but(head)                       # "…, but Gazeta Prawna reports" -> Prawna
    head = titled_conjunct(r, head)              # "Former prosecutor and … Rudy Giuliani"
    head = titled_object(r, head)                # "US Ambassador to Germany Richard Grenell"
    head = first_conjunct(r, head, start, end)   # "Tesco and … Salling Group announced" -> Tesco
    named_org(r, head, "movement")               # "the Yemen-based Houthi movement" -> Houthi
    org_starting(r, "Salling")                   # -> Mention "Salling Group A/S"
    org_named(r, "United States House of Representatives")  # -> "House of Representatives"
"""

from __future__ import annotations

from spacy.tokens import Token

from .mention import Mention
from .speaker_state import SpeakerState

_NAMED = frozenset({"ORG", "NORP"})  # names an organisation noun may carry


def after_but(head: Token) -> Token:
    """ "the company invested in e-commerce, but Gazeta Prawna reports …" parsed as one
    subject "company … but Prawna": the conjunct after "but" is the verb's subject."""
    cc = next((c for c in head.children if c.dep_ == "cc" and c.lower_ in ("but", "yet")), None)
    if cc is None:
        return head
    return next((c for c in head.children if c.dep_ == "conj" and c.i > cc.i), head)


def titled_conjunct(r: SpeakerState, head: Token) -> Token:
    """ "Former prosecutor and New York City Mayor Rudy Giuliani said", parsed with the first
    title as the subject and the name as its conjunct: two titles of one named person."""
    if r.token_mention[head.i] is not None or head.tag_ != "NN":
        return head
    if head.lower_ not in r.lex.person_nouns or any(c.dep_ == "det" for c in head.children):
        return head
    for c in head.children:
        m = r.token_mention[c.i]
        if c.dep_ == "conj" and m is not None and m.label == "PERSON":
            return r.doc[m.end - 1]
    return head


def titled_object(r: SpeakerState, head: Token) -> Token:
    """ "US Ambassador to Germany Richard Grenell alleged", parsed with the title as the
    subject and the name inside its "to" phrase: a capitalised title without a determiner
    whose place or body ("Germany") runs straight into a person's name names that person
    ("a spokesman for Ted Cruz" keeps its own speaker: no capital, a determiner, no place)."""
    if r.token_mention[head.i] is not None or head.tag_ != "NNP" or not head.text[:1].isupper():
        return head
    if head.lower_ not in r.lex.title_words or any(c.dep_ == "det" for c in head.children):
        return head
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("to", "for", "of"):
            continue
        for obj in prep.children:
            m = r.token_mention[obj.i]
            if obj.dep_ != "pobj" or m is None or m.label != "PERSON" or m.start <= prep.i + 1:
                continue
            before = r.token_mention[m.start - 1]
            if before is not None and before.label in ("GPE", "ORG", "NORP", "LOC"):
                return r.doc[m.end - 1]
    return head


def first_conjunct(r: SpeakerState, head: Token, start: int, end: int) -> Token:
    """ "UK-based retailer Tesco and Denmark-based retailer Salling Group announced", parsed
    with the last name as the head: the first name before the "and" speaks first."""
    m = r.token_mention[head.i]
    if m is None:
        return head
    for t in r.doc[start : m.start]:
        if t.dep_ == "cc" and r.token_mention[t.i] is None:
            joined = [c for c in t.head.children if c.dep_ == "conj"]
            if any(not m.start <= c.i < m.end for c in joined):
                return head  # "Road Transport and Bridges Minister X": inside a title
            for i in range(start, t.i):
                first = r.token_mention[i]
                if first is not None and first.label == m.label:
                    return r.doc[first.end - 1]
            return head
    return head


def named_org(r: SpeakerState, head: Token, noun: str) -> Mention | None:
    """The organisation a definite or possessed organisation noun names: its own name
    ("the Yemen-based Houthi movement" -> Houthi), or the article's organisation with the
    owner's name and that noun in its name ("Day's animal foundation" -> Doris Day Animal
    Foundation)."""
    kids = list(r.doc[head.left_edge.i : head.i])
    if not any(c.dep_ == "poss" or c.lower_ == "the" for c in kids):
        return None
    for c in kids:
        m = r.token_mention[c.i]
        if m is not None and c.dep_ in ("compound", "amod", "nmod") and m.label in _NAMED:
            return m
        if c.dep_ == "poss" and (m is not None or c.tag_ == "NNP"):
            owner = (m.resolved if m is not None else c.text).lower().split()[-1]
            for o in r.mentions:
                words = o.resolved.lower().split()
                if o.label == "ORG" and owner in words and noun in words:
                    return o
    return None


def org_starting(r: SpeakerState, name: str) -> Mention | None:
    """The only organisation of the article whose name starts with the words of `name` and
    goes on ("Salling" -> "Salling Group A/S"), when no person has that name."""
    words = name.split()
    found = {
        m.resolved: m
        for m in r.mentions
        if m.label == "ORG" and m.resolved.split()[: len(words)] == words and m.resolved != name
    }
    people = any(m.label == "PERSON" and name in m.resolved.split() for m in r.mentions)
    return next(iter(found.values())) if len(found) == 1 and not people else None


def org_named(r: SpeakerState, name: str) -> Mention | None:
    """The article's organisation that `name` names with its country first ("United States
    House of Representatives" -> "House of Representatives"): a country or its abbreviation
    (`actor_aliases.csv`), then the organisation's whole name."""
    words = name.split()
    countries = {c.lower() for c in r.lex.demonyms.values()}
    countries |= {a for a, place in r.lex.place_aliases.items() if place.lower() in countries}
    for k in range(1, len(words)):
        if " ".join(words[:k]).lower() in countries:
            rest = " ".join(words[k:])
            return next((m for m in r.mentions if m.label == "ORG" and m.resolved == rest), None)
    return None
