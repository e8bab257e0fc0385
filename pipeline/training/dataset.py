"""Training examples: every claim candidate of a split, with features and labels.

A *candidate source* runs the extractor's finders and passes on one parsed article and returns
its context, the candidate drafts, which of them the rules alone would keep, and a function
giving a draft's speaker span. Each candidate becomes a `GroupRow`: its features, its boundary
alternatives (each with features and its content Dice against the gold target) and whether its
speaker is right. Example::

    rows = build_rows(articles, docs, source)      # list[GroupRow]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from pipeline.extract import Extractor, Lexicon
from pipeline.extract.claims.decision.alternatives import Spans
from pipeline.extract.claims.decision.decider import build_candidates
from pipeline.extract.claims.decision.features import Features
from pipeline.extract.claims.decision.rules import decide_by_rules
from pipeline.extract.claims.decision.tagged import TagView, tagger_drafts
from pipeline.extract.claims.labels import LABELLERS

from .labels import MATCH_DICE, Gold

# (ctx, drafts with spans, ids of the drafts the rules keep, draft -> speaker span or None,
# the tagger's view or None)
SourceResult = tuple[
    Any, list[Any], set[int], Callable[[Any], tuple[int, int] | None], TagView | None
]
CandidateSource = Callable[[Doc, dict[str, Any]], SourceResult]


@dataclass
class AltRow:
    """One boundary alternative of a candidate."""

    name: str
    content: str
    spans: Spans
    features: Features
    dice: float

    @property
    def right(self) -> bool:
        return self.dice >= MATCH_DICE


@dataclass
class GroupRow:
    """One candidate: features, alternatives (rule first), labels and what the scorer needs."""

    article: str
    group: Features
    alts: list[AltRow]
    rule_kept: bool
    speaker_right: bool
    pred: dict[str, Any]

    def prediction(self, alt: AltRow, confidence: float | None = None) -> dict[str, Any]:
        """The scorer's prediction dict for this candidate with boundary `alt`."""
        out = dict(self.pred)
        out.update(
            content=alt.content,
            content_start=alt.spans[0][0],
            content_end=alt.spans[-1][1],
            content_spans=[list(s) for s in alt.spans],
        )
        if confidence is not None:
            out["confidence"] = confidence
        return out


class _Recorder:
    """A decider that records every candidate (blocked frames included; the tagger's too when
    `tagger` is given: ctx -> tag probabilities) and decides by the rules: the extractor's
    public hook for collecting training candidates."""

    wants_blocked_frames = True

    def __init__(self, tagger: Callable[[Any], Any] | None = None) -> None:
        self.tagger = tagger
        self.ctx: Any = None
        self.drafts: list[Any] = []
        self.kept: set[int] = set()
        self.view: TagView | None = None

    def __call__(self, ctx: Any, drafts: list[Any]) -> list[Any]:
        drafts = [d for d in drafts if d.spans]
        kept = decide_by_rules(ctx, [d for d in drafts if not d.gated])
        self.view = None if self.tagger is None else TagView(ctx, self.tagger(ctx))
        if self.view is not None:
            drafts = drafts + tagger_drafts(ctx, self.view, drafts)
        self.ctx, self.drafts, self.kept = ctx, drafts, {id(d) for d in kept}
        return kept


def extractor_source(
    lexicon: Lexicon | None = None, tagger: Callable[[Any], Any] | None = None
) -> CandidateSource:
    """The candidates of the extractor's finders and passes (with `lexicon`'s rule tables),
    and the tagger's when `tagger` (ctx -> tag probabilities) is given."""
    recorder = _Recorder(tagger)
    extractor = Extractor(lexicon=lexicon, decide=recorder, labellers=LABELLERS)

    def source(doc: Doc, article: dict[str, Any]) -> SourceResult:
        extractor.extract_doc(doc, article["name"], article["text"])
        ctx = recorder.ctx

        def speaker_span(d: Any) -> tuple[int, int] | None:
            if d.speaker is None:
                return None
            info = ctx.speakers.describe(d.speaker)
            return info.start_char, info.end_char

        return ctx, recorder.drafts, recorder.kept, speaker_span, recorder.view

    return source


def _cue_span(ctx: Any, d: Any) -> tuple[int, int]:
    if d.cue_span is not None:
        return d.cue_span
    toks = [ctx.doc[i] for i in d.cue_tokens]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def article_rows(doc: Doc, article: dict[str, Any], source: CandidateSource) -> list[GroupRow]:
    """The candidates of one article as training rows."""
    ctx, drafts, rule_kept, speaker_span, view = source(doc, article)
    gold = Gold(article)
    text = article["text"]
    rows: list[GroupRow] = []
    for cand in build_candidates(ctx, drafts, rule_kept, view):
        d = cand.draft
        cue = _cue_span(ctx, d)
        contents = [" … ".join(text[s:e] for s, e in spans) for _, spans, _ in cand.alts]
        target = gold.target(cue, contents[0])
        spk = speaker_span(d)
        alts = [
            AltRow(name, content, spans, feats, gold.content_dice(target, content))
            for (name, spans, feats), content in zip(cand.alts, contents, strict=True)
        ]
        pred = {
            "article": article["name"],
            "cue": text[cue[0] : cue[1]],
            "cue_start": cue[0],
            "cue_end": cue[1],
            "speaker": text[spk[0] : spk[1]] if spk else None,
            "speaker_start": spk[0] if spk else None,
            "speaker_end": spk[1] if spk else None,
        }
        rows.append(
            GroupRow(
                article["name"],
                cand.group,
                alts,
                cand.rule_kept,
                gold.speaker_right(target, spk),
                pred,
            )
        )
    return rows


def build_rows(
    articles: Iterable[dict[str, Any]], docs: Iterable[Doc], source: CandidateSource
) -> list[GroupRow]:
    """Training rows of every article (docs parsed from the articles' texts, in order)."""
    rows: list[GroupRow] = []
    for article, doc in zip(articles, docs, strict=True):
        rows.extend(article_rows(doc, article, source))
    return rows
