"""Quotation attachment: turn content tokens into character spans and attach quotations.

1. A quotation overlapping a claim's content is included whole.
2. A quotation signed with a dash and a name becomes a claim of its own.
3. A quotation next to a speech cue becomes (part of) its content ("X said: “…”",
   "“…,” said X", "“…,” X said, “…”").
4. A quotation with no cue of its own continues the claim just before it (same or next
   sentence, no other quotation in between).
"""

from __future__ import annotations

from pipeline.common.words import WORD_RE

from ...quotes import Quote
from ..context import ArticleContext
from ..draft import Draft
from ..finders.colons_dashes import dash_signature
from ..syntax import fragments, merge_spans


def attach_quotes(ctx: ArticleContext, drafts: list[Draft]) -> None:
    """Give every draft its character spans and attach the quotations (in place)."""
    for d in drafts:
        if d.content:
            d.spans = fragments(ctx, d.content)
    groups: dict[int, list[Quote]] = {}
    for q in ctx.quotes:
        groups.setdefault(q.group, []).append(q)
    covered = _take_overlapping(ctx, drafts, groups)
    for g, qs in sorted(groups.items(), key=lambda kv: kv[1][0].start):
        if g not in covered and _attach_group(ctx, drafts, qs):
            covered.add(g)


def _take(d: Draft, qs: list[Quote], resolves_cue: bool = True) -> bool:
    """Add a quotation group to a draft's content; a waiting speech cue is then satisfied."""
    d.spans = merge_spans(d.spans + [(q.start, q.end) for q in qs])
    if resolves_cue:
        d.needs_quote = False
    return True


def _take_overlapping(
    ctx: ArticleContext, drafts: list[Draft], groups: dict[int, list[Quote]]
) -> set[int]:
    """Quotations overlapping a content are taken whole; returns the covered groups."""
    covered: set[int] = set()
    for d in drafts:
        if not d.spans:
            continue
        add: list[Quote] = []
        cue_char = ctx.doc[d.cue_i].idx
        hit = {q.group for s, e in d.spans for q in ctx.quotes_overlapping(s, e)}
        for g in sorted(hit):  # groups are numbered in text order
            qs = groups[g]
            if any(q.start <= cue_char < q.end for q in qs):
                continue
            add.extend(qs)
            covered.add(g)
        if add:
            d.spans = merge_spans(d.spans + [(q.start, q.end) for q in add])
    return covered


def _attach_group(ctx: ArticleContext, drafts: list[Draft], qs: list[Quote]) -> bool:
    """Attach one uncovered quotation group; True when some draft took it."""
    first, last = qs[0], qs[-1]
    d = dash_signature(ctx, last)
    if d is not None:
        d.spans = [(q.start, q.end) for q in qs]
        drafts.append(d)
        return True
    d = _cue_after_in_sentence(ctx, drafts, last)
    if d is not None:
        return _take(d, qs)
    if len(WORD_RE.findall(ctx.text[first.start : last.end])) < 3:
        # short quotes are scare quotes unless they follow a bare speech cue
        # ('The senator said "yes."') or finish a split quotation
        d = _pending_cue_for(ctx, drafts, first, last)
        if d is not None and 0 <= first.start - ctx.doc[d.cue_tokens[-1]].idx <= 24:
            return _take(d, qs)
        d = _continued(ctx, drafts, first)
        if d is not None and ctx.sent_index(d.cue_tokens[-1]) == ctx.sent_of_char(first.start):
            return _take(d, qs, resolves_cue=False)
        return False
    d = _pending_cue_for(ctx, drafts, first, last)
    if d is not None:
        return _take(d, qs)
    d = _continued(ctx, drafts, first)
    if d is not None:
        return _take(d, qs, resolves_cue=False)
    return False


def _cue_after_in_sentence(ctx: ArticleContext, drafts: list[Draft], q: Quote) -> Draft | None:
    """A speech claim whose cue follows the quote closely in the same sentence
    ("“…,” said X, “…”" / "“…,” X said"), when the parse did not link them."""
    q_end_tok = ctx.token_at_char(q.end - 1)
    sent = ctx.sent_index(q_end_tok)
    for d in drafts:
        if d.speaker is None or d.lemma not in ctx.lex.speech_verbs:
            continue
        c = d.cue_tokens[0]
        if c <= q_end_tok or c - q_end_tok > 12 or ctx.sent_index(c) != sent:
            continue
        if any(ctx.in_quote[i] for i in range(q_end_tok + 1, c)):
            continue
        if not ctx.text[q.start : q.end].rstrip("“”‘’\"' ").endswith((",", "?", "!", "—", "-")):
            return None
        return d
    return None


def _pending_cue_for(
    ctx: ArticleContext, drafts: list[Draft], first: Quote, last: Quote
) -> Draft | None:
    """A content-less speech cue in the quote's sentence (or just before, ending in ':')."""
    doc = ctx.doc
    q_sents = {ctx.sent_of_char(first.start), ctx.sent_of_char(max(last.end - 1, first.start))}
    best: Draft | None = None
    best_dist = 10**9
    for d in drafts:
        if not d.needs_quote or d.spans:
            continue
        s = ctx.sent_index(d.cue_i)
        cue_char = doc[d.cue_i].idx
        near = s in q_sents
        if not near and cue_char < first.start:
            # "X said:" closing the previous sentence/paragraph
            gap = ctx.text[doc[d.cue_i].idx : first.start]
            near = s + 1 in q_sents and gap.rstrip().endswith(":")
        elif not near and cue_char >= last.end:
            # "“… .” Trump said." as a sentence of its own right after the quote
            sent = doc[ctx.sent_starts[s]]
            near = s - 1 in q_sents and not ctx.text[last.end : sent.idx].strip()
            near = near and doc[d.cue_i].sent.end - doc[d.cue_i].sent.start <= 12
        if not near:
            continue
        dist = min(abs(cue_char - first.start), abs(cue_char - last.end))
        if dist < best_dist:
            best, best_dist = d, dist
    return best


def _continued(ctx: ArticleContext, drafts: list[Draft], q: Quote) -> Draft | None:
    """The claim a cue-less quote continues: the closest preceding claim with a speaker,
    ending in the previous sentence (or paragraph) with no other quote in between."""
    q_sent = ctx.sent_of_char(q.start)
    best: Draft | None = None
    best_end = -1
    ends: list[tuple[Draft, int]] = []
    for d in drafts:
        if not d.spans or d.speaker is None:
            continue
        cue_last = ctx.doc[d.cue_tokens[-1]]
        end = max(d.spans[-1][1], cue_last.idx + len(cue_last.text))
        if end > q.start:
            continue
        ends.append((d, end))
        if end > best_end:
            best, best_end = d, end
    if best is None:
        return None
    last_sent = ctx.sent_of_char(best_end - 1)
    speech = ctx.lex.speech_verbs
    if best.lemma not in speech:
        # '"…," said X, speaking on condition of anonymity to offer an assessment. "…"':
        # the quotation goes on from the quoted speech claim, not from the description
        for d, end in ends:
            if (
                d.lemma in speech
                and ctx.sent_index(d.cue_i) == last_sent
                and any(ctx.char_in_quote(s) for s, _ in d.spans)
            ):
                best, best_end = d, end
                break
    if q_sent - last_sent > 1:
        return None
    between = ctx.text[best_end : q.start]
    if any(ch in between for ch in '“”"') or "''" in between:
        return None
    return best
