"""How a decided claim is reported (`form`), and the legacy `kind` and `stance`.

form(draft, ctx.quotes, ctx.text, ctx.lex)     # "direct", "mixed", "indirect" or "none"
"""

from __future__ import annotations

import re

from pipeline.words import WORD_RE

from ...lexicon import Lexicon
from ...quotes import Quote
from ..draft import Draft
from ..syntax import overlaps

_ALLEGED_RE = re.compile(r"\balleged(?:ly)?\b", re.IGNORECASE)


def form(d: Draft, quotes: list[Quote], text: str, lex: Lexicon) -> str:
    """How the content is reported: "direct" (all quoted), "mixed", "indirect", or "none"
    (a belief or attitude, not speech: "there have been fears that …")."""
    quoted = 0
    total = 0
    for s, e in d.spans:
        n = len(WORD_RE.findall(text[s:e]))
        total += n
        for q in quotes:
            if q.start >= e:
                break
            if overlaps(q.start, q.end, s, e):
                quoted += len(WORD_RE.findall(text[max(s, q.start) : min(e, q.end)]))
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
