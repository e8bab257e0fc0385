"""Within-article merges beyond surnames: acronyms, short organisation names, plurals and
spellings without diacritics.

- an acronym stands for the organisation it follows in parentheses ("World Health
  Organization (WHO)") or whose initials it spells ("RCMP" for "Royal Canadian Mounted
  Police");
- a shorter organisation name that starts the only longer one ("Salling Group" in "Salling
  Group A/S", "Parliament" in "French Parliament" is not: it must start it);
- a singular group name is its plural ("Houthi" -> "Houthis");
- a name spelled without diacritics is the one spelled with them ("Erdogan" -> "Erdoğan").

    merge_names(doc, mentions)      # sets Mention.resolved
"""

from __future__ import annotations

import unicodedata
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


def merge_names(doc: Doc, mentions: list[Mention]) -> None:
    """Point each mention's `resolved` at the fuller name of the same actor in the article."""
    by_fold: dict[str, set[str]] = {}
    for name in {m.resolved for m in mentions}:
        by_fold.setdefault(fold(name), set()).add(name)
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
            name = _longer(name, orgs) or name
        elif m.label == "NORP" and name + "s" in groups:
            name = name + "s"
        m.resolved = name


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
