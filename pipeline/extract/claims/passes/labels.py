"""Labels of a decided claim: kind (how it is reported and what the speaker does), stance,
the outlet that reported it, and the actors it is about.

This is the home of speech-act labelling: `speech_act` says what the speaker does (from the
cue's `act` in `cue_verbs.tsv`), `form` how the claim is reported; `kind` combines them into the
`Claim.kind` value.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ...entities import Mention
from ...lexicon import Lexicon
from ...quotes import Quote
from ...records import ClaimTarget
from ...speakers import SpeakerInfo
from ..context import ArticleContext
from ..draft import Draft
from ..syntax import overlaps
from .decide import REPORT_LEMMAS

_ALLEGED_RE = re.compile(r"\balleged(?:ly)?\b", re.IGNORECASE)
_WORD_RE = re.compile(r"\w+")
_TARGET_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def form(d: Draft, quotes: list[Quote], text: str) -> str:
    """How the content is reported: "direct" (all quoted), "mixed" or "indirect"."""
    quoted = 0
    total = 0
    for s, e in d.spans:
        n = len(_WORD_RE.findall(text[s:e]))
        total += n
        for q in quotes:
            if q.start >= e:
                break
            if overlaps(q.start, q.end, s, e):
                quoted += len(_WORD_RE.findall(text[max(s, q.start) : min(e, q.end)]))
    if total and quoted >= total:
        return "direct"
    if quoted:
        return "mixed"
    return "indirect"


def speech_act(d: Draft, lex: Lexicon) -> str | None:
    """What the speaker does, from the cue: "accuse", "deny", "hedge" or None (assert)."""
    return lex.act_of(d.lemma)


def kind(d: Draft, quotes: list[Quote], text: str, lex: Lexicon) -> str:
    """`Claim.kind`: unattributed, denial, accusation, else the form."""
    if d.unattributed or d.speaker is None:
        return "unattributed"
    act = speech_act(d, lex)
    if act == "deny":
        return "denial"
    if act == "accuse":
        return "accusation"
    return form(d, quotes, text)


def stance(kind: str, d: Draft, cue_text: str, content: str, lex: Lexicon) -> str:
    """`Claim.stance`: deny, noncommittal ("declined to comment"), hedged or assert."""
    if kind == "denial":
        return "deny"
    if lex.noncommittal_re.search(cue_text) or lex.noncommittal_re.search(content[:300]):
        return "noncommittal"
    if kind == "unattributed" or speech_act(d, lex) == "hedge" or _ALLEGED_RE.search(content):
        return "hedged"
    return "assert"


def reported_by(
    ctx: ArticleContext, d: Draft, infos: list[tuple[Draft, SpeakerInfo | None]]
) -> str | None:
    """The outlet whose "reported"/"according to" claim contains this claim's cue."""
    for other, info in infos:
        if other is d or other.lemma not in REPORT_LEMMAS:
            continue
        # an outlet phrase ("the Daily Mail") that describes an organisation, not a person
        if info is None or info.type != "ORG" or not ctx.is_outlet(other.speaker):
            continue
        if any(s <= d.cue_char < e for s, e in other.spans):
            return info.name or info.text
    return None


def targets(
    claim_id: str,
    article_id: str,
    d: Draft,
    info: SpeakerInfo | None,
    mentions: list[Mention],
    starts: list[int],
) -> list[ClaimTarget]:
    """Actors mentioned inside the content (resolved names, once each, not the speaker).

    `mentions` are sorted by start_char and `starts` lists their start_char values.
    """
    out: list[ClaimTarget] = []
    seen: set[str] = set()
    speaker_name = info.name if info else None
    for s, e in d.spans:
        for k in range(bisect_right(starts, s - 1), bisect_right(starts, e)):
            m = mentions[k]
            if m.label not in _TARGET_LABELS or m.end_char > e or m.start_char < s:
                continue
            if m.resolved == speaker_name or m.resolved in seen:
                continue
            seen.add(m.resolved)
            out.append(
                ClaimTarget(claim_id, article_id, m.resolved, m.label, m.start_char, m.end_char)
            )
    return out
