"""Outlet credits that reach past one sentence: carried to the speaker's later claims, or given
by a paragraph's frame.

- "X told the CBC that … He explained that …": a pronoun continuing the speaker keeps the
  outlet; a claim naming its speaker again starts afresh — unless the credit was an interview
  ("Reid blasted Rubio in a recent interview with The Post. “…,” the Senate minority leader
  said. Reid said …": the whole paragraph is the interview);
- "From Bloomberg:" (or "Fox News reports:") alone on a line: the excerpt after it is that
  outlet's, to the end of the article or the next such line;
- a writer the article ties to an outlet ("The Atlantic's Jeffrey Goldberg", "Jonah Goldberg of
  the National Review"): the writer's claims anywhere in the article are that outlet's;
- a paragraph closed by a bracketed credit ("… [Reuters]", "[Marina Fang, HuffPost]", "[WSJ
  | Paywall]"), as news digests write them: the paragraph's claims are that outlet's.

The analysis guide: such a credit covers the claims of its sentence or paragraph, not later
ones; an outlet that speaks is not also its own reporter.

    credits = CreditCarry(ctx, refs)
    name = credits.carry(d, info, credit)      # "BBC", or the speaker's earlier credit
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ...speakers import SpeakerInfo
from ..context import ArticleContext
from ..draft import Draft
from ..refs import ActorRefs
from .chains import paragraph_starts
from .outlets import Credit, outlet_name

_HEADER_RE = re.compile(
    r"^\s*(?:(?:From|Via|According to|Per)\s+(?P<a>[^:\n]{2,60}?)"
    r"|(?P<b>[^:\n]{2,60}?)\s+(?:reports|reported|writes|wrote))\s*:\s*$",
    re.MULTILINE,
)
_BRACKET_RE = re.compile(r"\[(?P<credit>[^\[\]\n]{2,60})\]\s*$", re.MULTILINE)


class CreditCarry:
    """The outlet credits of one article's claims, in text order (see the module doc)."""

    def __init__(self, ctx: ArticleContext, refs: ActorRefs) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.doc = ctx.doc
        self.starts = paragraph_starts(ctx.text)
        self.last: tuple[int, str, Credit] | None = None  # paragraph, speaker, credit
        self.blocks = block_credits(ctx)
        self.writers = writer_outlets(ctx, refs)

    def carry(self, d: Draft, info: SpeakerInfo | None, credit: Credit | None) -> str | None:
        """The outlet credited for claim `d`: its own, the speaker's earlier one, or its
        paragraph's frame."""
        para = bisect_right(self.starts, max(d.cue_char, 0)) - 1
        speaker = info.name if info is not None else None
        if credit is not None:
            if speaker:
                self.last = (para, speaker, credit)
            return credit.outlet
        if self.last is not None and self.last[:2] == (para, speaker):
            pronoun = info is not None and self.doc[info.head].tag_ == "PRP"
            if pronoun or self.last[2].interview:
                return self.last[2].outlet
        if speaker in self.writers:
            return self.writers[speaker]
        return self._block(d, speaker)

    def _block(self, d: Draft, speaker: str | None) -> str | None:
        for start, end, outlet in self.blocks:
            if start <= d.cue_char < end:
                return None if speaker == outlet else outlet
        return None


def block_credits(ctx: ArticleContext) -> list[tuple[int, int, str]]:
    """(start, end, outlet) of the text ranges an outlet is credited for by a "From X:" line
    (to the next such line or the end) or a closing "[X]" (its paragraph)."""
    text, lex = ctx.text, ctx.lex
    out: list[tuple[int, int, str]] = []  # a closing "[X]" first: it is the nearer frame
    for m in _BRACKET_RE.finditer(text):
        parts = [p.strip(" .") for p in re.split(r"[|,]", m.group("credit"))]
        name = next((p for p in parts if p and lex.is_outlet_name(p)), None)
        if name is not None:
            out.append((text.rfind("\n", 0, m.start()) + 1, m.end(), name))
    headers = [
        (m.end(), name)
        for m in _HEADER_RE.finditer(text)
        if lex.is_outlet_name(name := (m.group("a") or m.group("b")).strip())
    ]
    for k, (start, name) in enumerate(headers):
        end = headers[k + 1][0] if k + 1 < len(headers) else len(text)
        out.append((start, end, name))
    return out


def writer_outlets(ctx: ArticleContext, refs: ActorRefs) -> dict[str, str]:
    """Person -> the outlet the article ties them to, outside quotations: "The Atlantic's
    Jeffrey Goldberg", "Jonah Goldberg of the National Review" (known outlets only)."""
    out: dict[str, str] = {}
    for m in ctx.mentions:
        if m.label != "PERSON" or ctx.in_quote[m.start]:
            continue
        head = ctx.doc[m.end - 1]
        owners = [c for c in head.children if c.dep_ == "poss"]
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                owners += [c for c in prep.children if c.dep_ == "pobj"]
        for tok in owners:
            name = outlet_name(ctx, tok, refs)
            if name is not None and ctx.lex.is_outlet_name(name):
                out.setdefault(m.resolved, name)
    return out
