"""Within-article merges beyond surnames: acronyms, short organisation names, plurals and
spellings without diacritics.

- an acronym stands for the organisation it follows in parentheses ("World Health
  Organization (WHO)") or whose initials it spells ("RCMP" for "Royal Canadian Mounted
  Police");
- a shorter organisation name that starts the only longer one that is the same organisation
  (`short_names.py`: "Salling Group" -> "Salling Group A/S", "House" -> "House of
  Representatives", but "Navy" is not "Navy Information Agency"), or ends the only one that
  adds a demonym ("Parliament": "French Parliament"); a mention the NER cut short is the name
  its text goes on to spell ("the Islamic" of "the Islamic State");
- a name written once with a typing slip is the name it misspells ("Chriac": "Jacques
  Chirac");
- a singular group name is its plural ("Houthi" -> "Houthis");
- a name spelled without diacritics is the one spelled with them ("Erdogan" -> "Erdoğan");
- names with the same letters spaced apart or run together are one ("MarineTraffic",
  "Marine Traffic"): the spelling the article uses most.

    merge_names(doc, mentions, lex.demonyms, lex)   # sets Mention.resolved
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from .short_names import ORG_LABELS, SMALL_WORDS, SameOrganisation, cut_names

if TYPE_CHECKING:
    from .mention import Mention


class _Heads(Protocol):
    """The word lists `short_names.SameOrganisation` reads (a `Lexicon` has them)."""

    org_designators: frozenset[str]
    other_thing_heads: frozenset[str]
    whole_names: frozenset[str]


# a short organisation name used this many times more than the only longer one is another
# organisation (its parent)
_PARENT_SHARE = 3
# the most words a longer organisation name adds to a short one of the same organisation
_MAX_SUFFIX = 2
_NAME_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})


def squash(name: str) -> str:
    """`fold` without spaces and hyphens: "MarineTraffic", "Marine Traffic" -> "marinetraffic"."""
    return "".join(ch for ch in fold(name) if ch not in " -")


def _spacing_variant(name: str, names: set[str], counts: Counter) -> str:
    """Of the names spelling the same letters apart or together ("MarineTraffic" and "Marine
    Traffic"), the one the article uses most (ties: the one written apart, then the first
    in alphabetical order), so every variant resolves to the same name."""
    if len(names) < 2:
        return name
    return min(names, key=lambda n: (-counts[n], -n.count(" "), n))


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Lower case without diacritics: "Erdoğan" -> "erdogan"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def merge_names(
    doc: Doc,
    mentions: list[Mention],
    demonyms: Mapping[str, str] | None = None,
    heads: _Heads | None = None,
) -> None:
    """Point each mention's `resolved` at the fuller name of the same actor in the article
    (`demonyms`: lower-case demonym -> country, for "Parliament" -> "French Parliament";
    `heads`: the word lists of `short_names.SameOrganisation`, the Lexicon)."""
    by_fold: dict[str, set[str]] = {}
    by_squash: dict[str, set[str]] = {}
    for name in {m.resolved for m in mentions}:
        by_fold.setdefault(fold(name), set()).add(name)
        by_squash.setdefault(squash(name), set()).add(name)
    _misspellings(mentions)
    counts = Counter(m.resolved for m in mentions)
    for m in mentions:
        spaced = by_squash.get(squash(m.resolved), set())
        m.resolved = _spacing_variant(m.resolved, spaced, counts)
    acronyms, aliases = _parenthesised(doc, mentions)
    for m in mentions:
        m.resolved = aliases.get(m.resolved, m.resolved)
    orgs = {m.resolved for m in mentions if m.label in ORG_LABELS and " " in m.resolved}
    # plurals of a group's name, whatever the NER typed them ("Houthis" as PERSON)
    plurals = {m.resolved for m in mentions if " " not in m.resolved and m.resolved.endswith("s")}
    demonyms = demonyms or {}
    countries = {c.lower() for c in demonyms.values()} if orgs else set()
    aliases_of = getattr(heads, "place_aliases", {}) or {}
    countries |= {a for a, place in aliases_of.items() if place.lower() in countries}
    cut_names(doc, mentions, orgs)
    same = SameOrganisation(
        heads.org_designators if heads else frozenset(),
        heads.other_thing_heads if heads else frozenset(),
        countries,
        orgs,
        heads.whole_names if heads else frozenset(),
    )
    chosen: dict[tuple[str, str], str] = {}  # the same name and label resolve alike
    for m in mentions:
        key = (m.resolved, m.label)
        if key not in chosen:
            name = m.resolved
            spelled = sorted(by_fold[fold(name)] - {name}, key=_diacritics, reverse=True)
            if spelled and _diacritics(spelled[0]) > _diacritics(name):
                name = spelled[0]
            if name.isupper() and name in acronyms:
                name = acronyms[name]
            elif name.isupper() and len(name) >= 2:
                name = _spelled_out(name, orgs) or name
            elif m.label in ORG_LABELS:
                name = (
                    _longer(name, m.label, orgs, counts, same)
                    or _national(name, orgs, demonyms, countries)
                    or _without_country(name, m.label, orgs, counts, same, countries)
                    or name
                )
                if " " not in name and name + "s" in plurals:
                    name = name + "s"  # "Houthi" -> "Houthis"
            chosen[key] = name
        m.resolved = chosen[key]


def _misspellings(mentions: list[Mention]) -> None:
    """A name written once that is one typing slip away from a name the article uses more (or
    a fuller one) is that name: "Chriac" -> "Jacques Chirac", "Haghia Sophia" -> "Hagia
    Sophia", "Saree" -> "Yahya Sarea". Words of fewer than five letters are left alone
    ("Iran", "Iraq")."""
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.resolved] = counts.get(m.resolved, 0) + 1
    fix: dict[str, str] = {}
    sizes = {name: _letters(name) for name in counts}
    for name, n in counts.items():
        if n > 1:
            continue
        found = [
            other
            for other, k in counts.items()
            if other != name
            and _may_slip(sizes[name], sizes[other])
            and (k > 1 or len(other.split()) > len(name.split()))
            and _one_slip(name, other)
        ]
        if len(found) == 1:
            fix[name] = found[0]
    for m in mentions:
        m.resolved = fix.get(m.resolved, m.resolved)


def _letters(name: str) -> tuple[int, int, int]:
    """(words, letters, letters of the last word): what one slip can change by one at most."""
    words = name.split()
    return len(words), sum(map(len, words)), len(words[-1]) if words else 0


def _may_slip(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    """A cheap necessary condition of `_one_slip` on their `_letters`."""
    if a[0] == 1 and b[0] > 1:
        return abs(a[1] - b[2]) <= 1
    return a[0] == b[0] and abs(a[1] - b[1]) <= 1


def _one_slip(name: str, other: str) -> bool:
    """Is `name` `other` (or `other`'s last word) with one word mistyped by one letter?"""
    words, others = name.split(), other.split()
    if len(words) == 1 and len(others) > 1:
        others = others[-1:]
    if len(words) != len(others):
        return False
    diff = [(a, b) for a, b in zip(words, others, strict=True) if a != b]
    return len(diff) == 1 and min(map(len, diff[0])) >= 5 and _slip(*diff[0])


def _slip(a: str, b: str) -> bool:
    """One letter added, dropped, changed or two neighbours swapped (case-insensitive)."""
    a, b = a.lower(), b.lower()
    if abs(len(a) - len(b)) > 1 or a + "s" == b or b + "s" == a:
        return False  # a plural is no slip ("Republicans", "Republican")
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0] if diff else 0
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _diacritics(name: str) -> int:
    return sum(1 for ch in unicodedata.normalize("NFKD", name) if unicodedata.combining(ch))


def _parenthesised(doc: Doc, mentions: list[Mention]) -> tuple[dict[str, str], dict[str, str]]:
    """ "World Health Organization (WHO)": acronym -> the name before the parenthesis; "the
    RMT union (National Union of Rail, Maritime and Transport Workers)": both names -> the
    longer, the organisation's fullest name."""
    out: dict[str, str] = {}
    aliases: dict[str, str] = {}
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        acro = None
        if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
            acro = doc[m.end + 1].text
        inner = by_start.get(m.end + 1)
        if inner is not None and doc[m.end].text == "(":
            acro = inner.resolved
            if _other_name(doc, m, inner):
                full = max(m.resolved, inner.resolved, key=len)
                aliases[m.resolved] = aliases[inner.resolved] = full
        if acro and acro.isupper() and _abbreviates(acro, m.resolved):
            out.setdefault(acro, m.resolved)
    return out, aliases


def _other_name(doc: Doc, outer: Mention, inner: Mention) -> bool:
    """Is `inner` another name of the organisation `outer`, written in parentheses after it?"""
    closes = inner.end < len(doc) and doc[inner.end].text == ")"
    orgs = outer.label in ORG_LABELS and inner.label in ORG_LABELS
    return closes and orgs and " " in inner.resolved and not inner.resolved.isupper()


def _abbreviates(acro: str, name: str) -> bool:
    """Could `acro` abbreviate `name`? Its first letter starts the name and the name's initials
    occur in it in order ("UNESCO" does not abbreviate a clipped "Cultural Organization")."""
    initials = [w[0].upper() for w in name.split() if w.lower() not in SMALL_WORDS]
    if not initials or acro[0] != initials[0]:
        return False
    rest = iter(acro)
    return all(ch in rest for ch in initials)


def _spelled_out(acro: str, orgs: set[str]) -> str | None:
    """The only organisation whose initials (small words skipped) spell `acro`."""
    found = [
        o for o in orgs if "".join(w[0] for w in o.split() if w.lower() not in SMALL_WORDS) == acro
    ]
    return found[0] if len(found) == 1 else None


def _national(
    name: str, orgs: set[str], demonyms: Mapping[str, str], countries: set[str]
) -> str | None:
    """The only organisation named by a demonym or country and `name` ("Parliament" ->
    "French Parliament", "General Services Administration" -> "United States General
    Services Administration"); `countries`: the lower-case countries of `demonyms`."""
    words = name.split()
    found = []
    for o in orgs:
        other = o.split()
        prefix = " ".join(other[: len(other) - len(words)]).lower()
        if other[len(other) - len(words) :] == words and prefix:
            if prefix in countries or all(w in demonyms for w in prefix.split()):
                found.append(o)
    return found[0] if len(found) == 1 else None


def _longer(
    name: str, label: str, orgs: set[str], counts: Mapping[str, int], same: SameOrganisation
) -> str | None:
    """The only longest organisation name that starts with `name`, adds a word or two and is
    the `same` organisation ("Salling Group" -> "Salling Group A/S"; "United Nations" is not
    "United Nations Educational, Scientific and Cultural Organization", "Navy" not "Navy
    Information Agency"), unless the article names the short one far more often (the
    parent, "Tesco", and a branch, "Tesco Polska")."""
    words = name.split()
    starts = [
        o
        for o in orgs
        if o != name
        and o.split()[: len(words)] == words
        and len(o.split()) - len(words) <= _MAX_SUFFIX
        and same(name, o, label)  # "House Judiciary Committee" is no "House" to choose
    ]
    maximal = [o for o in starts if not any(x != o and x.startswith(o) for x in starts)]
    if len(maximal) != 1 or counts.get(name, 0) > _PARENT_SHARE * counts.get(maximal[0], 0):
        return None
    return maximal[0]


def _without_country(
    name: str,
    label: str,
    orgs: set[str],
    counts: Mapping[str, int],
    same: SameOrganisation,
    countries: set[str],
) -> str | None:
    """A country's organisation named with the country first is the article's longer name of it
    without the country ("U.S. House", "United States House" -> "House of Representatives");
    `countries`: lower-case countries and their abbreviations."""
    words = name.split()
    for k in range(1, len(words)):
        if " ".join(words[:k]).lower() in countries:
            rest = " ".join(words[k:])
            # only to a longer name: "House" itself resolves to "U.S. House" (`_national`)
            return _longer(rest, label, orgs, counts, same)
    return None


def tokens_spelled(doc: Doc, words: Iterable[str]) -> list[Token]:
    """The tokens whose text is one of `words`, found in the token array (faster than looking
    at every Token). Example: `tokens_spelled(doc, {"("})` -> the opening parentheses."""
    wanted = np.fromiter((doc.vocab.strings[w] for w in words), dtype=np.uint64)
    hits = np.flatnonzero(np.isin(doc.to_array(ORTH), wanted))
    return [doc[i] for i in hits.tolist()]


def spelled_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """`ents` with the names that an acronym in parentheses spells out, whole: "Notes from
    Poland (NFP)" (the NER saw a product and a place), and the names an organisation's other
    name in parentheses follows: "Akhil Bharat Hindu Mahasabha (All India Hindu Union)" (the
    NER saw two people). The words are capitalised ones and small words ("of", "from"); the
    entities they overlap give way to the one name, typed as an organisation unless the NER
    had it whole."""
    found: list[Span] = []
    orgs = {e.start: e for e in ents if e.label_ == "ORG" and len(e) >= 2}
    for tok in tokens_spelled(doc, ("(",)):
        if tok.i + 2 >= len(doc):
            continue
        start = None
        acro = doc[tok.i + 1].text
        inner = orgs.get(tok.i + 1)
        if doc[tok.i + 2].text == ")" and len(acro) >= 2 and acro.isalpha() and acro.isupper():
            start = _spelling_start(doc, tok.i, acro)
        elif inner is not None and inner.end < len(doc) and doc[inner.end].text == ")":
            start = _name_run_start(doc, tok.i)  # "Akhil Bharat Hindu Mahasabha (All India …)"
        if start is not None:
            found.append(Span(doc, start, tok.i, label="ORG"))
    if not found:
        return ents
    out = [e for e in ents if not any(e.start < f.end and f.start < e.end for f in found)]
    for f in found:
        same = next((e for e in ents if (e.start, e.end) == (f.start, f.end)), None)
        out.append(same if same is not None and same.label_ in _NAME_LABELS else f)
    return sorted(out, key=lambda e: e.start)


def _name_run_start(doc: Doc, end: int) -> int | None:
    """Start of the capitalised words (and small words) of named entities just before token
    `end`, when there are at least two of them."""
    sent_start = doc[end - 1].sent.start
    i = end - 1
    while i >= sent_start and (doc[i].text[:1].isupper() or doc[i].lower_ in SMALL_WORDS):
        i -= 1
    start = i + 1
    while start < end and (not doc[start].ent_type_ or doc[start].lower_ in SMALL_WORDS):
        start += 1
    return start if end - start >= 2 else None


def _spelling_start(doc: Doc, end: int, acro: str) -> int | None:
    """The nearest start of capitalised words (and small words, commas) before token `end`
    whose initials spell `acro`, small words' initials optional."""
    sent_start = doc[end - 1].sent.start
    for start in range(end - 1, max(sent_start, end - 2 * len(acro) - 2) - 1, -1):
        words = [t.text for t in doc[start:end] if t.text != ","]
        first = doc[start].text
        if not first[:1].isupper() or first.lower() in SMALL_WORDS:
            continue
        if any(not (w[:1].isupper() or w.lower() in SMALL_WORDS) for w in words):
            return None
        if _spells(words, acro):
            return start
    return None


def _spells(words: list[str], acro: str) -> bool:
    """Do the initials of `words` spell `acro` (a small word may be skipped)?"""
    if not words:
        return not acro
    w = words[0]
    small = w.lower() in SMALL_WORDS
    if acro and w[0].upper() == acro[0] and _spells(words[1:], acro[1:]):
        return True
    return small and _spells(words[1:], acro)
