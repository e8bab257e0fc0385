"""Follow-on quotations: a quotation paragraph with no cue is a claim of its own, by the
speaker of the paragraph before, with no cue (the analysis guide's convention).

    Kidston said the mill would close.
    “We have tried everything. Nobody is buying.”

gives two claims: Kidston's "the mill would close" (cue "said") and Kidston's "“We have tried
everything. …”" (cue null, form direct). PolNeAR joins such a quotation to the earlier cue; the
quotation pass (`refinements/quotes.py`) does so too, so that the decision model sees candidates
as it was trained. This layer runs after the decision and:

1. splits off a decided claim's quotation fragments that open a later paragraph with no cue
   of their own (a quotation group running on over paragraphs stays whole);
2. credits a quotation paragraph that no claim took to the last claim of the paragraph right
   before, when that claim has a speaker and no other actor is named after it there.

    drafts = follow_on_quotes(ctx, decide(ctx, drafts))

The PolNeAR scorer joins such claims back to the claim before them by the same speaker
(`evaluation/scorer.py`, `join_follow_on`), the convention that corpus annotates.
"""

from __future__ import annotations

from bisect import bisect_right

from pipeline.common.words import WORD_RE

from ..quotes import Quote
from .context import ArticleContext
from .draft import Draft
from .labels.chains import paragraph_starts

FINDER = "follow-on"  # `Draft.finder` of the claims this layer makes
_MIN_WORDS = 3  # fewer quoted words are scare quotes, not a statement
_NARRATION_WORDS = 2  # words outside quotes a quotation paragraph may have ("But: …")


def follow_on_quotes(ctx: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """The decided drafts with follow-on quotation paragraphs as claims of their own."""
    paras = _Paragraphs(ctx, drafts)
    out: list[Draft] = []
    for d in drafts:
        out.append(d)
        out.extend(_split(ctx, paras, d))
    taken = [span for d in out for span in d.spans]
    new: list[Draft] = []
    for group in _groups(ctx.quotes):
        start = group[0].start
        if any(s < group[-1].end and start < e for s, e in taken):
            continue
        p = paras.of(start)
        if not paras.quote_paragraph(p, group) or paras.has_cue(p):
            continue
        before = _last_claim(ctx, paras, out + new, p - 1)
        if before is not None:
            new.append(_follow_on(ctx, before, [(q.start, q.end) for q in group]))
    return out + new


class _Paragraphs:
    """Paragraph numbers of characters, and which paragraphs hold a decided claim's cue."""

    def __init__(self, ctx: ArticleContext, drafts: list[Draft]) -> None:
        self.ctx = ctx
        self.starts = paragraph_starts(ctx.text)
        self.cues = {self.of(_cue_char(ctx, d)) for d in drafts}

    def of(self, char: int) -> int:
        return bisect_right(self.starts, char) - 1

    def bounds(self, p: int) -> tuple[int, int]:
        text = self.ctx.text
        start = self.starts[p] if p >= 0 else 0
        end = text.find("\n", start)
        return start, len(text) if end == -1 else end

    def has_cue(self, p: int) -> bool:
        return p in self.cues

    def quote_paragraph(self, p: int, group: list[Quote]) -> bool:
        """Does paragraph `p` open with the quotation `group` and say little besides it?"""
        text = self.ctx.text
        start, end = self.bounds(p)
        first = group[0]
        if text[start : first.start].strip() or first.start >= end:
            return False
        inside = [q for q in group if q.start < end]
        quoted = sum(len(WORD_RE.findall(text[q.start : q.end])) for q in inside)
        rest = text[start:end]
        for q in reversed(inside):
            rest = rest[: q.start - start] + rest[q.end - start :]
        return quoted >= _MIN_WORDS and len(WORD_RE.findall(rest)) <= _NARRATION_WORDS


def _groups(quotes: list[Quote]) -> list[list[Quote]]:
    """Quotations by group (a quotation over several paragraphs is one group), in order."""
    groups: dict[int, list[Quote]] = {}
    for q in quotes:
        groups.setdefault(q.group, []).append(q)
    return sorted(groups.values(), key=lambda g: g[0].start)


def _cue_char(ctx: ArticleContext, d: Draft) -> int:
    return d.cue_span[0] if d.cue_span else ctx.doc[d.cue_i].idx


def _split(ctx: ArticleContext, paras: _Paragraphs, d: Draft) -> list[Draft]:
    """Split off `d`'s quotation fragments that open a later paragraph with no cue: one new
    claim per paragraph; `d` keeps the fragments up to its cue's (or its first fragment's)
    paragraph."""
    if d.speaker is None or d.finder == FINDER or len(d.spans) < 2:
        return []
    home = max(paras.of(_cue_char(ctx, d)), paras.of(d.spans[0][0]))
    keep: list[tuple[int, int]] = []
    moved: dict[int, list[tuple[int, int]]] = {}  # paragraph -> fragments
    for s, e in d.spans:
        p = paras.of(s)
        group = _group_at(ctx, s, e)
        # a quotation run on over paragraphs goes where its first paragraph went
        opened = paras.of(group[0].start) if group else p
        if opened in moved:
            moved[opened].append((s, e))
        elif p > home and opened == p and _opens_follow_on(paras, p, group):
            moved[p] = [(s, e)]
        else:
            keep.append((s, e))
    if not moved or not keep:
        return []
    d.spans = keep
    return [_follow_on(ctx, d, spans) for _, spans in sorted(moved.items())]


def _opens_follow_on(paras: _Paragraphs, p: int, group: list[Quote] | None) -> bool:
    """Is a quotation fragment the start of a quotation paragraph `p` with no cue?"""
    return group is not None and not paras.has_cue(p) and paras.quote_paragraph(p, group)


def _group_at(ctx: ArticleContext, s: int, e: int) -> list[Quote] | None:
    """The quotation group a fragment lies in (None when it is not all quoted)."""
    hit = ctx.quotes_overlapping(s, e)
    if not hit or hit[0].start > s or hit[-1].end < e:
        return None
    return [q for q in ctx.quotes if q.group == hit[0].group]


def _last_claim(
    ctx: ArticleContext, paras: _Paragraphs, drafts: list[Draft], p: int
) -> Draft | None:
    """The last claim of paragraph `p` when it has a speaker and nobody else is named after
    it in that paragraph (outside quotations): the speaker a following quotation continues."""
    if p < 0:
        return None
    start, end = paras.bounds(p)
    inside = [d for d in drafts if start <= _anchor(ctx, d) < end]
    if not inside:
        return None
    last = max(inside, key=lambda d: (d.spans[-1][1], _anchor(ctx, d)))
    if last.speaker is None or last.unattributed:
        return None
    after = max(last.spans[-1][1], _cue_char(ctx, last))
    for m in ctx.mentions:
        if after <= m.start_char < end and m.label in ("PERSON", "ORG", "NORP"):
            if not ctx.char_in_quote(m.start_char):
                return None
    return last


def _anchor(ctx: ArticleContext, d: Draft) -> int:
    """Where a claim sits: a follow-on claim at its quotation, others at their cue."""
    return d.spans[0][0] if d.finder == FINDER else _cue_char(ctx, d)


def _follow_on(ctx: ArticleContext, d: Draft, spans: list[tuple[int, int]]) -> Draft:
    """A cue-less claim by `d`'s speaker with the quotation `spans`."""
    first = ctx.token_at_char(spans[0][0])
    while first + 1 < len(ctx.doc) and ctx.doc[first].is_punct:
        first += 1  # the opening mark is its own token: the first word stands for the cue
    return Draft(
        cue_tokens=[first],
        lemma="",
        speaker=d.speaker,
        spans=list(spans),
        category="quote",
        unattributed=d.unattributed,
        cue_char=spans[0][0],
        finder=FINDER,
        frame=FINDER,
        confidence=d.confidence,
        cueless=True,
    )
