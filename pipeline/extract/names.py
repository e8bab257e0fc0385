"""Name normalisation: titles, possessives, demonyms, place aliases and first-name genders.

Small pure functions over the lexicon's name tables (`data/names/`). No spaCy here::

    normalize_name("President Vladimir Putin's", "PERSON", lex)  # ("Vladimir Putin", "PERSON")
"""

from __future__ import annotations

import re

from .lexicon import Lexicon

_EDGE_JUNK = '([{,;:–—-"“”‘’ '
_BRACKETED_RE = re.compile(r"\[([^\[\]]{0,3})\]")  # an editor's insertion: "al[-]Assad"
_POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")
_SPACE_RE = re.compile(r"\s+")
# words a name never ends with: a mention ending so was cut short by the NER, or ran on into
# a picture caption ("Kamala Harris Image: U.S. Senate." under a Wikinews photo)
_TRAILING_SMALL = frozenset("of and the for from on in at to".split())
_CAPTION_WORDS = frozenset({"image"})


def strip_possessive(name: str) -> str:
    """Drop a trailing possessive marker: "Putin's" -> "Putin"."""
    return _POSSESSIVE_RE.sub("", name).strip()


def strip_titles(name: str, lex: Lexicon) -> str:
    """Drop leading articles and titles: "the Regional Governor Gladkov" -> "Gladkov".

    Stops before the last word so a name is never stripped to nothing.
    """
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in lex.title_words:
        words.pop(0)
    return " ".join(words)


def demonym_country(text: str, lex: Lexicon) -> str | None:
    """Country for a demonym ("Ukrainian", "Russians", "South Korean") or None."""
    key = strip_possessive(text).lower().strip()
    if key.startswith("the "):
        key = key[4:]
    if key in lex.demonyms:
        return lex.demonyms[key]
    for suffix in ("s", "es"):
        if key.endswith(suffix) and key[: -len(suffix)] in lex.demonyms:
            return lex.demonyms[key[: -len(suffix)]]
    return None


def clean_name(text: str) -> str:
    """A name without edge punctuation, possessive, brackets and doubled spaces:
    "Bashir al[-]Assad's" -> "Bashir al-Assad", "Bashir al] Assad" -> "Bashir al Assad"."""
    text = _BRACKETED_RE.sub(r"\1", text).replace("[", " ").replace("]", " ")
    return _SPACE_RE.sub(" ", strip_possessive(text.strip(_EDGE_JUNK))).strip(_EDGE_JUNK + " ")


def title_only(words: list[str], lex: Lexicon) -> bool:
    """Are these capitalised words a title without a name ("US Ambassador", "Govs", "Foreign
    Minister")? Title and role words, portfolios, and place names or demonyms qualifying
    them; at least one title or role."""
    low = [w.lower().rstrip(".") for w in words]
    roles = lex.person_titles | lex.person_nouns  # not "Senate", "House": institutions
    qualifiers = lex.title_words | lex.portfolio_words | set(lex.demonyms) | set(lex.place_aliases)
    if not any(w in roles or (w.endswith("s") and w[:-1] in roles) for w in low):
        return False
    return all(w in roles or w in qualifiers or (w.endswith("s") and w[:-1] in roles) for w in low)


def names_law(words: list[str], lex: Lexicon) -> bool:
    """Do these words name a law ("the Digital Millennium Copyright Act", "17 U.S. Code § 1201",
    "Republic Act No. 7925")? A section sign, or a capitalised law word after another
    capitalised word, with no organisation noun after it ("Rules Committee" is a body) and
    not a first name ("President Bill Clinton")."""
    low = [w.lower().rstrip(".") for w in words]
    if "§" in words:
        return True
    for i in range(1, len(words)):
        if low[i] not in lex.law_words or low[i] in lex.first_names:
            continue
        if words[i][:1].isupper() and words[i - 1][:1].isupper():
            return not set(low[i + 1 :]) & lex.org_nouns
    return False


def normalize_name(text: str, label: str, lex: Lexicon) -> tuple[str, str]:
    """Normalised (name, label) for an entity mention's surface text.

    NORP demonyms map to their country with label GPE; place aliases map to a canonical name.
    """
    name = clean_name(text)
    if name.count("(") < name.count(")"):
        name = name.rstrip(")").strip()
    if name.count("(") > name.count(")"):
        name = name[: name.rfind("(")].strip()  # "Notes from Poland (NFP" -> "Notes from Poland"
    if label in ("NORP", "GPE", "LOC"):
        country = demonym_country(name, lex)
        if country is not None:
            return country, "GPE"
    if name.lower().startswith("the "):
        name = name[4:]
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _TRAILING_SMALL | _CAPTION_WORDS:
        words.pop()  # "Control Centre of" (the NER stopped before "the Coast Guard")
    name = " ".join(words)
    if label == "PERSON":
        name = strip_titles(name, lex)
    alias = lex.place_aliases.get(name.lower())
    if alias is not None and label in ("GPE", "LOC", "NORP", "ORG"):
        return alias, "GPE"
    return name, label


def first_name_gender(first: str, lex: Lexicon) -> str | None:
    """'m', 'f' or None for a given name."""
    return lex.first_names.get(first.lower().rstrip("."))
