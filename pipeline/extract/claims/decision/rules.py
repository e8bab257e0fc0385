"""The decision by rules: which candidates become claims (the learned half: `decider.py`).

`decide_by_rules` keeps candidates with content and only the outermost attribution of a
nested pair ("Trump said Clinton believes …" is one claim, Trump's), as PolNeAR annotates it.
A `Decider` with the same signature (for example a trained model scoring each candidate) can
replace it: `Extractor(decide=my_decider)`. Deciders see every candidate with its context
(`ctx.doc`, `draft.lemma`, `draft.frame`, `draft.finder`, spans), so a recording decider is also
the way to collect candidates for training::

    def recording(ctx, drafts):
        seen.extend(drafts)
        return decide_by_rules(ctx, drafts)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from spacy.tokens import Span

from ..context import ArticleContext
from ..draft import Draft

Decider = Callable[[ArticleContext, list[Draft]], list[Draft]]

# Cue lemmas through which an outlet reports what others said ("…, the Daily Mail reported").
REPORT_LEMMAS = frozenset({"report", "according to"})
# the most tokens of a question tag ("right", "is n't it", "do n't you think")
_TAG_TOKENS = 4


def set_cue_chars(ctx: ArticleContext, drafts: list[Draft]) -> None:
    """Each draft's cue start as a character offset (what nesting is decided on)."""
    for d in drafts:
        d.cue_char = d.cue_span[0] if d.cue_span else ctx.doc[d.cue_tokens[0]].idx


def decide_by_rules(ctx: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """Candidates with content, outermost attributions only (see `outermost`)."""
    return outermost(ctx, [d for d in drafts if d.spans])


def empty_refusal(ctx: ArticleContext, d: Draft) -> bool:
    """ "X declined to comment (on the report)": a refusal that says nothing. PolNeAR counts it
    as an attribution, so it stays a claim, with act `noncommittal` (see labels/acts.py)."""
    start = ctx.tok_starts[ctx.sent_starts[ctx.sent_of_char(d.spans[0][0])]]
    said = ctx.text[min(start, d.spans[0][0]) : d.spans[-1][1]]
    return bool(ctx.lex.empty_refusal_re.search(said))


def asked(ctx: ArticleContext, d: Draft) -> bool:
    """Is the cue part of a question the article asks ("What do you think of the DMCA
    notice?", "Could you explain how it works?" in an interview)? A question is no claim
    (the analysis guide), nor one of the person asked: the first sentence end after the cue,
    outside quotations and before a paragraph break, is a question mark (not a tag's:
    "We want to reach girls who have escaped, right?" says something)."""
    if d.cueless or d.cue_span is not None or ctx.in_quote[d.cue_tokens[0]]:
        return False
    doc = ctx.doc
    for t in doc[d.cue_tokens[-1] + 1 :]:
        if t.is_space and t.text.count("\n") > 1 or "\n\n" in t.whitespace_:
            return False
        if t.text in (".", "!", "?") and not ctx.in_quote[t.i]:
            return t.text == "?" and not _tag_question(doc[max(t.i - _TAG_TOKENS - 1, 0) : t.i])
    return False


def _tag_question(before: Span) -> bool:
    """ "…, right?", "…, isn't it?": a statement with a question tag (a comma, then at most
    `_TAG_TOKENS` tokens before the question mark) asks nothing."""
    return any(t.text == "," for t in before)


def outermost(ctx: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """Drop claims whose cue lies inside another claim's content ("Trump said Clinton
    believes …": one attribution, Trump's). PolNeAR annotates the outermost attribution
    only; on the training split nested claims matched gold 10-25% of the time.

    Kept: "according to" claims and quotations (their own constructions), claims inside
    an outlet's "reported"/"according to" (the outlet is recorded as `reported_by`), and
    mutually nested pairs.
    """

    host = [not (e.lemma in REPORT_LEMMAS and ctx.is_outlet(e.speaker)) for e in drafts]
    inside = _nesting(drafts)
    nested = {i for i, j in inside if i != j and host[j] and (j, i) not in inside}
    return [
        d for i, d in enumerate(drafts) if d.category in ("according", "quote") or i not in nested
    ]


def _nesting(drafts: list[Draft]) -> set[tuple[int, int]]:
    """(i, j) for each draft i whose cue lies inside draft j's content."""
    order = sorted(range(len(drafts)), key=lambda i: drafts[i].cue_char)
    chars = [drafts[i].cue_char for i in order]
    out: set[tuple[int, int]] = set()
    for j, e in enumerate(drafts):
        for s, t in e.spans:
            out.update((order[k], j) for k in range(bisect_left(chars, s), bisect_left(chars, t)))
    return out
