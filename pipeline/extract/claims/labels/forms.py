"""How a decided claim is reported (`form`).

form(draft, ctx.quotes, ctx.text, ctx.lex)     # "direct", "mixed", "indirect" or "none"
"""

from __future__ import annotations

from pipeline.common.words import WORD_RE

from ...lexicon import Lexicon
from ...quotes import Quote
from ..draft import Draft
from ..syntax import overlaps


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
