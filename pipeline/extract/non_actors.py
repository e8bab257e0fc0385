"""Entity mentions that do not name actors, and places the NER took for organisations.

The small NER model tags many things PERSON or ORG that an analyst would not keep as actors.
Applied to an article's mentions after labelling:

- dropped: titles standing in for a person ("US Ambassador", "Govs"), adverbs and
  interjections tagged as names ("Realistically", "Congrats"), names without a capital
  letter ("fentanyl"), names with letters of a script other than Latin (a quoted Hindi phrase
  the English model tags PERSON), single common nouns ("Photographs", "COVID-19" tagged NN),
  model numbers ("S-8", "F-16"), listed non-actors (diseases, drugs, awards, time zones,
  faiths, programmes: `data/names/not_actors.txt`), titles of works ("the film, Fall of
  Grace": `names/work_nouns.txt`), and job-title fragments ("Health" of "Health Secretary":
  only portfolio and title words, right before a title), families by a surname ("the
  Turpins"), and group adjectives qualifying things ("the U.S.-Mexican border") or a named
  person's title ("Republican strategist Karl Rove");
- relabelled LAW: names of laws and rules ("… Reform Bill", "… Regulations", "Republic Act
  No. 7925" tagged PERSON), and every mention the article resolves to one ("DMCA");
- relabelled as places: an "organisation" conjoined with places ("Poland, Hungary and
  Slovakia"), or named as where something is ("at Abqaiq", "to Walt Disney World").

    mentions = keep_actors(doc, mentions, lex)
    laws_by_name(mentions)        # after merging: acronyms of laws are laws too
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .lexicon import Lexicon
from .names import title_only

if TYPE_CHECKING:
    from .mention import Mention

_MODEL_NUMBER_RE = re.compile(r"^[A-Za-z]{1,6}-?\d+[A-Za-z]?$")
_LOCATIVE = frozenset("in at near inside outside into around across past".split())
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# the labels the NER gives names of laws ("the Digital Millennium Copyright Act": FAC)
_LAW_TAKEN_FOR = frozenset({"ORG", "FAC", "NORP", "PERSON"})


def keep_actors(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """The mentions that can name actors, with places and laws relabelled."""
    names = {
        w
        for m in mentions
        if m.label == "PERSON" and _latin_letters(m.text)
        for w in m.normalized.split()[1:]
    }
    kept = [m for m in mentions if m.normalized in names or not _junk(doc, m, lex)]
    kept = [m for m in kept if not _family(m, names) and not _qualifier(doc, m, lex)]
    people = {i for m in kept if m.label == "PERSON" for i in range(m.start, m.end)}
    kept = [m for m in kept if not _party_of_person(doc, m, people)]
    _relabel_laws(kept, lex)
    _relabel_places(doc, kept, lex)
    return kept


def _family(m: Mention, surnames: set[str]) -> bool:
    """ "the Turpins": a family by a surname of the article, not one actor."""
    name = m.normalized
    return m.label != "PERSON" and " " not in name and name.endswith("s") and name[:-1] in surnames


def _qualifier(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    """A group adjective that is no country's demonym, qualifying a thing ("the U.S.-Mexican
    border", "the Central European region") or the title of a named person ("Democratic
    presidential nominee Hillary Clinton", "Republican strategist Karl Rove"); "Republican
    officials", "the Houthi movement" keep theirs."""
    root = doc[m.end - 1]
    head = root.head
    if m.label != "NORP" or root.dep_ not in ("amod", "compound") or head.i == root.i:
        return False
    if _in_title(head):
        return True
    noun = head.lower_[:-1] if head.tag_ == "NNS" and head.lower_.endswith("s") else head.lower_
    people = noun in lex.person_nouns or noun in lex.org_nouns or head.lower_ in lex.org_nouns
    return head.tag_ in ("NN", "NNS") and not head.ent_type_ and not people


def _party_of_person(doc: Doc, m: Mention, people: set[int]) -> bool:
    """A group word in apposition with a named person, or qualifying the name, describes that
    person ("a Republican, Mark Amodei, said", "Mark Amodei, a Republican, said", "incumbent
    Republican Cory Gardner"): the person is the actor."""
    root = doc[m.end - 1]
    if m.label != "NORP":
        return False
    if root.dep_ in ("appos", "compound", "amod") and root.head.i in people:
        return True
    return any(c.dep_ == "appos" and c.i in people for c in root.children)


def _in_title(noun: Token) -> bool:
    """Is this common noun a title before a person's name ("nominee" in "Democratic
    presidential nominee Hillary Clinton")?"""
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
        if noun.ent_type_ == "PERSON":
            return True
    return False


def _junk(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    if m.label not in ("PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"):
        return False
    text = m.text.strip()
    if not any(ch.isupper() for ch in text) or not _latin_letters(text):
        return True
    if m.normalized.lower() in lex.not_actors or text.lower() in lex.not_actors:
        return True
    if _names_a_work(doc, m, lex):
        return True
    toks = doc[m.start : m.end]
    if len(toks) == 1 and _MODEL_NUMBER_RE.match(toks[0].text):
        return True
    if len(toks) == 1 and toks[0].tag_ in ("NN", "NNS", "JJ") and m.label in ("PERSON", "ORG"):
        return True
    if len(toks) == 1 and toks[0].tag_ in ("RB", "UH"):
        return True  # "Realistically, …", "Congrats to …" tagged ORG
    if m.label in ("PERSON", "ORG") and title_only(m.normalized.split(), lex):
        return True  # a title standing in for a person: "US Ambassador", "Govs"
    return _title_fragment(doc, m, lex)


def _latin_letters(text: str) -> bool:
    """Are all letters Latin ("Erdoğan" yes, "corona और HIV" no)?"""
    if text.isascii():
        return True
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha())


def _names_a_work(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    """ "the romantic comedy Pillow Talk", "his recent film, Fall of Grace": a title."""
    i = m.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    return i >= 0 and doc[i].lower_ in lex.work_nouns


def _title_fragment(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    """ "Health" in "Health Secretary Matt Hancock", "Transport" in "Transport Minister",
    "Bangladeshi Road Transport" and "Bridges" in "… Road Transport and Bridges Minister",
    "State" in "Secretary of State Mike Pompeo"."""
    words = [w.lower() for w in m.text.split()]
    job = [w in lex.portfolio_words or w in lex.title_words for w in words]
    # demonyms may qualify a portfolio, but alone they name a country ("Bangladeshi Minister")
    if not any(job) or not all(j or w in lex.demonyms for j, w in zip(job, words, strict=True)):
        return False
    titles = lex.title_words | lex.person_nouns
    head: Token = doc[m.end - 1]
    after = doc[m.end] if m.end < len(doc) else head
    while head.dep_ == "conj":  # "Bridges" of "Road Transport and Bridges Minister"
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of":  # "Secretary of State Mike Pompeo"
        return head.head.head.lower_ in lex.title_words
    return after.lower_ in titles or (
        head.dep_ in ("compound", "nmod") and head.head.lower_ in titles
    )


def _relabel_laws(mentions: list[Mention], lex: Lexicon) -> None:
    for m in mentions:
        words = [w.lower() for w in m.normalized.split()]
        # a law word after the first ("… Reform Bill", "Conditions of Travel", "Public Service
        # Vehicle Regulations for Buses"), never "Bill Clinton", nor an organisation named
        # after one ("Law Reform Commission")
        last = max((i for i, w in enumerate(words) if w in lex.law_words and i > 0), default=0)
        if not last or set(words[last:]) & lex.org_nouns or m.label not in _LAW_TAKEN_FOR:
            continue
        # a person's name may end with a law word ("Jude Law"), never have one inside
        # ("Republic Act No. 7925" tagged PERSON)
        if m.label != "PERSON" or (last < len(words) - 1 and words[last] not in lex.first_names):
            m.label = "LAW"


def _relabel_places(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """Organisations that the article names as places ("at Abqaiq", "Poland and Slovakia")
    become places (FAC), unless their name says organisation ("… Ministry"); so do one-word
    "persons" the article names only as places ("a port town on a river in Borneo": LOC)."""
    by_name: dict[str, list[Mention]] = {}
    for m in mentions:
        by_name.setdefault(m.resolved or m.normalized, []).append(m)
    place_tokens = {i for m in mentions if m.label in _PLACE_LABELS for i in range(m.start, m.end)}
    for name, group in by_name.items():
        if " " not in name and all(m.label == "PERSON" for m in group):
            if all(_used_as_place(doc, m, place_tokens) for m in group):
                for m in group:
                    m.label = "LOC"
            continue
        if any(m.label != "ORG" for m in group):
            continue
        if any(_used_as_place(doc, m, place_tokens) for m in group) and not any(
            w.lower() in lex.org_nouns for m in group for w in m.normalized.split()
        ):
            for m in group:
                m.label = "FAC"


def _used_as_place(doc: Doc, m: Mention, place_tokens: set[int]) -> bool:
    head = doc[m.end - 1]
    if head.dep_ == "conj" and head.head.i in place_tokens:
        return True
    if any(ch.dep_ == "conj" and ch.i in place_tokens for ch in head.children):
        return True
    return head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE


def laws_by_name(mentions: list[Mention]) -> None:
    """Every mention resolved to the name of a law is a law ("DMCA", tagged NORP, resolved to
    "Digital Millennium Copyright Act"). Run after the names are merged."""
    laws = {m.resolved for m in mentions if m.label == "LAW"}
    for m in mentions:
        if m.resolved in laws:
            m.label = "LAW"
