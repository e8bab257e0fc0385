"""Labels of a decided claim: its form (how it is reported), the legacy kind and stance, and
the outlet credit carried to a speaker's later claims in a paragraph.

What the speaker does (`act`) and whom it accuses are in `acts.py`, whom the claim is about in
`about.py`, the reporting outlet in `outlets.py`.
"""

from __future__ import annotations

import re

from ...lexicon import Lexicon
from ...quotes import Quote
from ...speakers import SpeakerInfo
from ..context import ArticleContext
from ..draft import Draft
from ..syntax import overlaps

_ALLEGED_RE = re.compile(r"\balleged(?:ly)?\b", re.IGNORECASE)
_WORD_RE = re.compile(r"\w+")


def form(d: Draft, quotes: list[Quote], text: str, lex: Lexicon) -> str:
    """How the content is reported: "direct" (all quoted), "mixed", "indirect", or "none"
    (a belief or attitude, not speech: "there have been fears that …")."""
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
    if d.lemma in lex.attitude_cues:
        return "none"
    return "indirect"


def speech_act(d: Draft, lex: Lexicon) -> str | None:
    """The act the cue alone signals: "accuse", "deny", "hedge" or None."""
    return lex.act_of(d.lemma)


def kind(d: Draft, quotes: list[Quote], text: str, lex: Lexicon) -> str:
    """`Claim.kind` (legacy mixture of form and act): unattributed, denial, accusation, else
    the form."""
    if d.unattributed or d.speaker is None:
        return "unattributed"
    act = speech_act(d, lex)
    if act == "deny":
        return "denial"
    if act == "accuse":
        return "accusation"
    shown = form(d, quotes, text, lex)
    return "indirect" if shown == "none" else shown


def stance(kind: str, d: Draft, cue_text: str, content: str, lex: Lexicon) -> str:
    """`Claim.stance` (legacy): deny, noncommittal ("declined to comment"), hedged or assert."""
    if kind == "denial":
        return "deny"
    if lex.noncommittal_re.search(cue_text) or lex.noncommittal_re.search(content[:300]):
        return "noncommittal"
    if kind == "unattributed" or speech_act(d, lex) == "hedge" or _ALLEGED_RE.search(content):
        return "hedged"
    return "assert"


class CreditCarry:
    """Carries an outlet credit to the speaker's next claims in the same paragraph when they
    continue it with a pronoun ("X told the CBC that … He explained that …"); a claim naming
    its speaker again starts afresh."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.text = ctx.text
        self.doc = ctx.doc
        self.last: tuple[int, str, str] | None = None  # paragraph start, speaker, outlet

    def carry(self, d: Draft, info: SpeakerInfo | None, outlet: str | None) -> str | None:
        para = self.text.rfind("\n", 0, max(d.cue_char, 0)) + 1
        speaker = info.name if info is not None else None
        if outlet is not None:
            if speaker:
                self.last = (para, speaker, outlet)
            return outlet
        pronoun = info is not None and self.doc[info.head].tag_ == "PRP"
        if self.last is not None and pronoun and self.last[:2] == (para, speaker):
            return self.last[2]
        return None
