"""When a short organisation name of an article stands for a longer one that starts with it.

A longer name is the same organisation when the words it adds say what the organisation is
(a legal form or the kind of body: "Salling Group A/S", "Thai Raksa Chart Party", "Justice
Department"), name a country (a national branch going by the brand: "Netto Poland"),
complete the short name's head ("House of Representatives"), or finish a compound name
("Goldman Sachs", "Exxon Mobil"). It is another thing named after the short one when the words
it adds name another kind of thing (`names/other_thing_heads.txt`: "Abu Dhabi TV", "Vatican
Radio", "Bank of America Stadium"), or are two or more words of a sub-unit, event or flight
("Navy Information Agency", "Republican National Convention", "Lion Air Flight 610"). A
group word (NORP: "Kurdish", "Latino") stands only for a name that adds a form word
("Democratic" -> "Democratic Party"), not for "Kurdish Peshmerga".
Whatever the names, the text itself may show the NER cut a name short ("the Islamic" of "the
Islamic State"): that mention is the longer name.

    cut_names(doc, mentions, orgs)                       # mention by mention
    same = SameOrganisation(lex.org_designators, lex.other_thing_heads, countries, orgs)
    same("Navy", "Navy Information Agency", "ORG")       # -> False
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

if TYPE_CHECKING:
    from .mention import Mention

ORG_LABELS = frozenset({"ORG", "FAC", "NORP"})
SMALL_WORDS = frozenset("of and the for from on in de du des la le".split())
# words that start a complement of a name's head: "House of Representatives" is a House
_COMPLEMENT_WORDS = frozenset("of for on de du des".split())
# words that join two names: "Crete and Cyprus", "Associated Press and television networks"
_JOINING_WORDS = frozenset({"and", "or", "&"})


def cut_names(doc: Doc, mentions: list[Mention], orgs: set[str]) -> None:
    """A mention the NER cut short is the organisation name its text goes on to spell: "the
    Islamic" of "the Islamic State", "US Supreme" of "US Supreme court justice" -> "Islamic
    State", "US Supreme Court". Decided mention by mention: the same short name elsewhere may
    be another actor."""
    if not orgs:
        return
    text = doc.text
    for m in mentions:
        if m.label not in ORG_LABELS:
            continue
        words = m.resolved.split()
        after = text[m.end_char : m.end_char + 80].split()
        for o in orgs:
            rest = o.split()[len(words) :]
            if not rest or rest[0].lower() in _JOINING_WORDS or rest[-1].lower() in SMALL_WORDS:
                continue  # a name the NER ran into the next words ("Grand Masters and")
            if o.split()[: len(words)] == words and _goes_on_with(after, rest):
                m.resolved = o
                break


def _goes_on_with(after: list[str], rest: list[str]) -> bool:
    """Do the words `after` a mention start with `rest` (case aside, a closing possessive or
    punctuation on the last)? `_goes_on_with(["court", "justice"], ["Court"])` -> True."""
    if len(after) < len(rest):
        return False
    got = [w.lower() for w in after[: len(rest)]]
    got[-1] = got[-1].removesuffix("'s").removesuffix("’s").rstrip(".,;:!?)\"'’”")
    return got == [w.lower() for w in rest]


class SameOrganisation:
    """Is `longer`, a name of the article that starts with `name`, the same organisation?
    `designators`: lower-case words that say what an organisation is ("a/s", "party",
    "university"); `other_heads`: lower-case nouns of things named after an organisation or a
    place ("tv", "stadium", "flight"); `countries`: lower-case countries; `orgs`: the article's
    organisation names.

        same = SameOrganisation(frozenset({"party"}), frozenset({"tv"}), set(), orgs)
        same("Democratic", "Democratic Party", "NORP")   # -> True
        same("Goldman", "Goldman Sachs", "ORG")          # -> True: a compound name
        same("Abu Dhabi", "Abu Dhabi TV", "ORG")         # -> False: a channel
    """

    def __init__(
        self,
        designators: frozenset[str],
        other_heads: frozenset[str],
        countries: set[str],
        orgs: set[str],
        whole_names: frozenset[str] = frozenset(),
    ):
        self.designators = designators
        self.other_heads = other_heads
        self.countries = countries
        self.orgs = orgs
        self.whole_names = whole_names  # lower case: "white house" is never "the House"

    def __call__(self, name: str, longer: str, label: str) -> bool:
        rest = longer.split()[len(name.split()) :]
        if not rest:
            return False
        if all(w.lower() in self.designators for w in rest):
            return True  # "Salling Group A/S", "Democratic Party", "Hofstra University"
        if " ".join(rest).lower() in self.countries:
            return True  # "Netto Poland"
        if rest[0].lower() in _COMPLEMENT_WORDS:
            return self._complement(name, longer, rest)
        if label == "NORP" or len(rest) > 1:
            return False  # "Kurdish Peshmerga"; "Navy Information Agency", "Lion Air Flight 610"
        word = rest[0]
        # the rest of a compound name ("Goldman Sachs"), not another kind of thing ("Abu Dhabi
        # TV") nor an edition or a number ("Furnal Equinox 2019")
        return word[:1].isupper() and word.isalpha() and word.lower() not in self.other_heads

    def _complement(self, name: str, longer: str, rest: list[str]) -> bool:
        """ "House" -> "House of Representatives", unless the short name also ends another
        organisation name of the article: "Court" with "Supreme Court" and "Court of Appeals"
        is either; a name whose last word never stands for it ("White House":
        `names/whole_names.txt`), or the short name after a country ("U.S. House"), is no
        such other name."""
        last = rest[-1]
        if len(rest) < 2 or last.lower() in SMALL_WORDS or not last[:1].isupper():
            return False
        return not any(
            o != longer
            and o.endswith(" " + name)
            and o.lower() not in self.whole_names
            and o[: -len(name)].strip().lower() not in self.countries  # "U.S. House": the same
            for o in self.orgs
        )
