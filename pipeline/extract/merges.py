"""Within-article merges beyond surnames: acronyms, short organisation names, plurals and
spellings without diacritics.

- an acronym stands for the organisation it follows in parentheses ("World Health
  Organization (WHO)") or whose initials it spells ("RCMP" for "Royal Canadian Mounted
  Police");
- a shorter organisation name that starts the only longer one ("Salling Group" in "Salling
  Group A/S"), or ends the only one that adds a demonym ("Parliament": "French Parliament");
- a name written once with a typing slip is the name it misspells ("Chriac": "Jacques
  Chirac");
- a singular group name is its plural ("Houthi" -> "Houthis");
- a name spelled without diacritics is the one spelled with them ("Erdogan" -> "Erdoğan").

    merge_names(doc, mentions)      # sets Mention.resolved
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from .entities import Mention

_SMALL_WORDS = frozenset("of and the for from on in de du des la le".split())
_ORG_LABELS = frozenset({"ORG", "FAC", "NORP"})
_NAME_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})


def fold(name: str) -> str:
    """Lower case without diacritics: "Erdoğan" -> "erdogan"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def merge_names(
    doc: Doc, mentions: list[Mention], demonyms: Mapping[str, str] | None = None
) -> None:
    """Point each mention's `resolved` at the fuller name of the same actor in the article
    (`demonyms`: lower-case demonym -> country, for "Parliament" -> "French Parliament")."""
    by_fold: dict[str, set[str]] = {}
    for name in {m.resolved for m in mentions}:
        by_fold.setdefault(fold(name), set()).add(name)
    _misspellings(mentions)
    acronyms = _parenthesised(doc, mentions)
    orgs = {m.resolved for m in mentions if m.label in _ORG_LABELS and " " in m.resolved}
    groups = {m.resolved for m in mentions if m.label == "NORP"}
    for m in mentions:
        name = m.resolved
        spelled = sorted(by_fold[fold(name)] - {name}, key=_diacritics, reverse=True)
        if spelled and _diacritics(spelled[0]) > _diacritics(name):
            name = spelled[0]
        if name.isupper() and name in acronyms:
            name = acronyms[name]
        elif name.isupper() and len(name) >= 2:
            name = _spelled_out(name, orgs) or name
        elif m.label in _ORG_LABELS:
            name = _longer(name, orgs) or _national(name, orgs, demonyms or {}) or name
        elif m.label == "NORP" and name + "s" in groups:
            name = name + "s"
        m.resolved = name


def _misspellings(mentions: list[Mention]) -> None:
    """A name written once that is one typing slip away from a name the article uses more (or
    a fuller one) is that name: "Chriac" -> "Jacques Chirac", "Haghia Sophia" -> "Hagia
    Sophia", "Saree" -> "Yahya Sarea". Words of fewer than five letters are left alone
    ("Iran", "Iraq")."""
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.resolved] = counts.get(m.resolved, 0) + 1
    fix: dict[str, str] = {}
    for name, n in counts.items():
        if n > 1:
            continue
        found = [
            other
            for other, k in counts.items()
            if other != name
            and (k > 1 or len(other.split()) > len(name.split()))
            and _one_slip(name, other)
        ]
        if len(found) == 1:
            fix[name] = found[0]
    for m in mentions:
        m.resolved = fix.get(m.resolved, m.resolved)


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


def _parenthesised(doc: Doc, mentions: list[Mention]) -> dict[str, str]:
    """ "World Health Organization (WHO)": acronym -> the name before the parenthesis."""
    out: dict[str, str] = {}
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        acro = None
        if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
            acro = doc[m.end + 1].text
        inner = by_start.get(m.end + 1)
        if inner is not None and doc[m.end].text == "(":
            acro = inner.resolved
        if acro and acro.isupper() and _abbreviates(acro, m.resolved):
            out.setdefault(acro, m.resolved)
    return out


def _abbreviates(acro: str, name: str) -> bool:
    """Could `acro` abbreviate `name`? Its first letter starts the name and the name's initials
    occur in it in order ("UNESCO" does not abbreviate a clipped "Cultural Organization")."""
    initials = [w[0].upper() for w in name.split() if w.lower() not in _SMALL_WORDS]
    if not initials or acro[0] != initials[0]:
        return False
    rest = iter(acro)
    return all(ch in rest for ch in initials)


def _spelled_out(acro: str, orgs: set[str]) -> str | None:
    """The only organisation whose initials (small words skipped) spell `acro`."""
    found = [
        o for o in orgs if "".join(w[0] for w in o.split() if w.lower() not in _SMALL_WORDS) == acro
    ]
    return found[0] if len(found) == 1 else None


def _national(name: str, orgs: set[str], demonyms: Mapping[str, str]) -> str | None:
    """The only organisation named by a demonym and `name` ("Parliament" -> "French
    Parliament", "Congress" -> "American Congress")."""
    found = [
        o
        for o in orgs
        if o.split()[-1] == name and all(w.lower() in demonyms for w in o.split()[:-1])
    ]
    return found[0] if len(found) == 1 else None


def _longer(name: str, orgs: set[str]) -> str | None:
    """The only longest organisation name that starts with `name` ("Salling Group" ->
    "Salling Group A/S")."""
    words = name.split()
    starts = [o for o in orgs if o != name and o.split()[: len(words)] == words]
    maximal = [o for o in starts if not any(x != o and x.startswith(o) for x in starts)]
    return maximal[0] if len(maximal) == 1 else None


def spelled_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """`ents` with the names that an acronym in parentheses spells out, whole: "Notes from
    Poland (NFP)" (the NER saw a product and a place), "Akhil Bharat Hindu Mahasabha (ABHM)"
    (two names). The words are capitalised ones and small words ("of", "from"); the entities
    they overlap give way to the one name, typed as an organisation unless the NER had it
    whole."""
    found: list[Span] = []
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
            continue
        acro = doc[tok.i + 1].text
        if len(acro) < 2 or not (acro.isalpha() and acro.isupper()):
            continue
        start = _spelling_start(doc, tok.i, acro)
        if start is not None:
            found.append(Span(doc, start, tok.i, label="ORG"))
    if not found:
        return ents
    out = [e for e in ents if not any(e.start < f.end and f.start < e.end for f in found)]
    for f in found:
        same = next((e for e in ents if (e.start, e.end) == (f.start, f.end)), None)
        out.append(same if same is not None and same.label_ in _NAME_LABELS else f)
    return sorted(out, key=lambda e: e.start)


def _spelling_start(doc: Doc, end: int, acro: str) -> int | None:
    """The nearest start of capitalised words (and small words, commas) before token `end`
    whose initials spell `acro`, small words' initials optional."""
    sent_start = doc[end - 1].sent.start
    for start in range(end - 1, max(sent_start, end - 2 * len(acro) - 2) - 1, -1):
        words = [t.text for t in doc[start:end] if t.text != ","]
        first = doc[start].text
        if not first[:1].isupper() or first.lower() in _SMALL_WORDS:
            continue
        if any(not (w[:1].isupper() or w.lower() in _SMALL_WORDS) for w in words):
            return None
        if _spells(words, acro):
            return start
    return None


def _spells(words: list[str], acro: str) -> bool:
    """Do the initials of `words` spell `acro` (a small word may be skipped)?"""
    if not words:
        return not acro
    w = words[0]
    small = w.lower() in _SMALL_WORDS
    if acro and w[0].upper() == acro[0] and _spells(words[1:], acro[1:]):
        return True
    return small and _spells(words[1:], acro)
