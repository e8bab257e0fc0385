"""Entity mentions: collection from a parsed doc, normalisation and within-article resolution.

Kept labels (`MENTION_LABELS`): people, organisations, places, nationalities/groups (NORP),
facilities, events and laws — the things claims are made by or about. PRODUCT, WORK_OF_ART,
LANGUAGE and the numeric labels are dropped: they are rarely actors and the small model tags
them noisily.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span

from pipeline.common import value_sets

from .lexicon import Lexicon
from .mention import Mention
from .merges import fold, merge_names, spelled_names, tokens_spelled
from .names import first_name_gender, normalize_name, strip_titles
from .non_actors import keep_actors, laws_by_name
from .records import EntityMention

# the most tokens between two halves of a name cut at its commas (", Scientific and ")
_MAX_JOIN = 6

# PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, LAW: the value set entity_label
MENTION_LABELS = frozenset(value_sets.values("entity_label"))


def short_hash(*parts: object, n: int = 16) -> str:
    """Deterministic short sha1 hex digest of the given parts."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:n]


def _sentence_starts(doc: Doc) -> list[int]:
    return [s.start for s in doc.sents]


def collect_mentions(doc: Doc, lex: Lexicon, text: str | None = None) -> list[Mention]:
    """Mentions of useful entity labels, with normalised names, fixed labels and resolution.

    `text` is the original article text (same offsets as the doc) used for surface forms.
    """
    source = doc.text if text is None else text
    starts = _sentence_starts(doc)
    mentions: list[Mention] = []
    for ent in _joined_entities(doc):
        if ent.label_ not in MENTION_LABELS:
            continue
        start, end = ent.start, ent.end
        surface = source[ent.start_char : ent.end_char]
        name, label = normalize_name(surface, ent.label_, lex)
        if not name or not any(ch.isalpha() for ch in name):
            continue
        mentions.append(
            Mention(
                start=start,
                end=end,
                start_char=ent.start_char,
                end_char=ent.end_char,
                text=surface,
                label=label,
                normalized=name,
                sentence_index=bisect_right(starts, start) - 1,
            )
        )
    mentions = _add_missed_surnames(doc, mentions, starts, source)
    _fix_labels(doc, mentions, lex)
    mentions = keep_actors(doc, mentions, lex)
    _resolve(mentions)
    merge_names(doc, mentions, lex.demonyms, lex)
    laws_by_name(mentions)
    _genders(doc, mentions, lex)
    return mentions


def _joined_entities(doc: Doc) -> list[Span]:
    """The doc's entities, with an organisation name the NER cut at its commas joined again:
    "United Nations Educational" + ", Scientific and " + "Cultural Organization", "National
    Union of Rail" + ", Maritime and " + "Transport Workers" (capitalised words between, no
    other entity: "Apple, Google and Microsoft" stays three)."""
    ents = _split_at_dashes(doc, spelled_names(doc, list(doc.ents)))
    out: list[Span] = []
    i = 0
    while i < len(ents):
        a = ents[i]
        b = ents[i + 1] if i + 1 < len(ents) else None
        if b is not None and a.label_ == b.label_ == "ORG" and _joins(doc[a.end : b.start]):
            out.append(Span(doc, a.start, b.end, label="ORG"))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _split_at_dashes(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "Tesco — Netto Poland" read as one name: a dash between spaces ends a name."""
    out: list[Span] = []
    for e in ents:
        start = e.start
        for t in e:
            if t.text in ("—", "–"):
                if t.i > start:
                    out.append(Span(doc, start, t.i, label=e.label_))
                start = t.i + 1
        if start < e.end:
            out.append(Span(doc, start, e.end, label=e.label_) if start > e.start else e)
    return out


def _joins(between: Span) -> bool:
    """ ", Scientific and ": a comma, capitalised words without an entity, then "and"."""
    words = [t for t in between if t.text != ","]
    if len(between) > _MAX_JOIN or not words or between[0].text != "," or words[-1].lower_ != "and":
        return False
    return bool(words[:-1]) and all(t.text[:1].isupper() and not t.ent_type_ for t in words[:-1])


def _add_missed_surnames(
    doc: Doc, mentions: list[Mention], starts: list[int], source: str
) -> list[Mention]:
    """Add PERSON mentions for bare surnames the NER missed ("Gladkov" after "Vyacheslav
    Gladkov"): proper nouns outside any entity equal to the last word of a full name."""
    surnames = {
        m.normalized.split()[-1]
        for m in mentions
        if m.label == "PERSON" and len(m.normalized.split()) >= 2
    }
    if not surnames:
        return mentions
    covered = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
    for ent in doc.ents:
        if ent.label_ in MENTION_LABELS:  # a surname tagged PRODUCT or DATE is still a name
            covered.update(range(ent.start, ent.end))
    added: list[Mention] = []
    for tok in tokens_spelled(doc, surnames):
        if tok.i in covered or tok.tag_ not in ("NNP", "NN"):
            continue
        end = tok.i + 1
        if end < len(doc) and doc[end].tag_ == "POS":
            end += 1
        span = doc[tok.i : end]
        added.append(
            Mention(
                start=tok.i,
                end=end,
                start_char=span.start_char,
                end_char=span.end_char,
                text=source[span.start_char : span.end_char],
                label="PERSON",
                normalized=tok.text,
                sentence_index=bisect_right(starts, tok.i) - 1,
            )
        )
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m.start)


def _fix_labels(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """Article-level label consistency.

    A name right after a personal title ("Mr. Trump", "Sen. Cruz"), or a first name after titles
    inside the mention or before a surname the article also uses alone (see
    `_person_name`), is a PERSON; a one-word
    mention that is the surname of a PERSON full name in the article is a PERSON ("Kasich"
    tagged GPE when "John Kasich" is a PERSON); otherwise a name takes the majority label of
    its mentions.
    """
    lone = {fold(m.normalized) for m in mentions if " " not in m.normalized}
    for m in mentions:
        if m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in lex.person_titles:
            m.label = "PERSON"
        elif m.label != "PERSON":
            name = _person_name(m.normalized, lex, lone)
            if name is not None:
                m.label, m.normalized = "PERSON", name
    surnames: set[str] = set()
    for m in mentions:
        words = m.normalized.split()
        if m.label == "PERSON" and len(words) >= 2:
            surnames.add(fold(words[-1]))
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        votes[m.normalized][m.label] += 1
    for m in mentions:
        if " " not in m.normalized and fold(m.normalized) in surnames:
            m.label = "PERSON"  # the surname rule wins over the majority label
            continue
        counts = votes[m.normalized]
        best, n = counts.most_common(1)[0]
        if best != m.label and n > counts[m.label]:
            m.label = best


def _person_name(name: str, lex: Lexicon, lone: set[str]) -> str | None:
    """The person's name in a mention the NER typed otherwise, or None: "Detective Constable
    Daniel Dubé" (titles, then a first name) -> "Daniel Dubé"; "Antoine Quirin" when the
    article also says "Quirin" alone (a first name, then a surname used as a name)."""
    stripped = strip_titles(name, lex)
    words = stripped.split()
    if len(words) < 2 or words[0].lower() not in lex.first_names:
        return None
    if stripped != name or (len(words) <= 3 and fold(words[-1]) in lone):
        return stripped
    return None


def _resolve(mentions: list[Mention]) -> None:
    """Within-article resolution of partial person names to the longest full name.

    "Gladkov" -> "Vyacheslav Gladkov". When a partial name fits two different full names
    ("Clinton": "Hillary Clinton", "Bill Clinton") it stays as written.
    """
    full_names = {m.normalized for m in mentions if m.label == "PERSON" and " " in m.normalized}
    cache: dict[str, str] = {}
    for m in mentions:
        if m.label != "PERSON":
            m.resolved = m.normalized
            continue
        m.resolved = cache.get(m.normalized) or _resolve_name(m.normalized, full_names)
        cache[m.normalized] = m.resolved


def _resolve_name(name: str, full_names: set[str]) -> str:
    words = fold(name).split()  # "Erdogan" is "Recep Tayyip Erdoğan"
    candidates = [f for f in full_names if f != name and _names_part(fold(f).split(), words)]
    if not candidates:
        return name
    maximal = [
        c
        for c in candidates
        if not any(c != o and _names_part(o.split(), c.split()) for o in candidates)
    ]
    if len(maximal) == 1:
        return maximal[0]
    return name


def _names_part(full: list[str], part: list[str]) -> bool:
    """Is `part` a shorter form of the name `full`: a run of its words ("Gladkov"), or its
    first and last names without the middle ones ("Brian Carroll" of "Brian T. Carroll",
    "Robert Mugabe" of "Robert Gabriel Mugabe")?"""
    if _contains_words(full, part):
        return True
    if len(part) < 2 or len(full) <= len(part) or (part[0], part[-1]) != (full[0], full[-1]):
        return False
    rest = iter(full[1:-1])
    return all(w in rest for w in part[1:-1])  # the middle words in order


def _contains_words(full: list[str], part: list[str]) -> bool:
    """True when `part` occurs as a contiguous word sequence in `full`."""
    n = len(part)
    return any(full[i : i + n] == part for i in range(len(full) - n + 1))


def _genders(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """Gender hint per resolved person, from titles (Mr./Mrs.) or known first names."""
    by_name: dict[str, str] = {}
    for m in mentions:
        if m.label != "PERSON":
            continue
        g = None
        if m.start > 0:
            prev = doc[m.start - 1].lower_.rstrip(".")
            if prev == "mr":
                g = "m"
            elif prev in ("mrs", "ms", "miss"):
                g = "f"
        if g is None:
            g = first_name_gender(m.resolved.split()[0], lex)
        if g is not None:
            by_name.setdefault(m.resolved, g)
    for m in mentions:
        if m.label == "PERSON":
            m.gender = by_name.get(m.resolved)


def to_records(mentions: list[Mention], article_id: str) -> list[EntityMention]:
    """Contract records for the working mentions."""
    return [
        EntityMention(
            mention_id=short_hash(article_id, m.start_char, m.end_char, m.label),
            article_id=article_id,
            sentence_index=m.sentence_index,
            start_char=m.start_char,
            end_char=m.end_char,
            text=m.text,
            label=m.label,
            normalized_name=m.normalized,
            resolved_name=m.resolved,
        )
        for m in mentions
    ]
