"""The learned decision pass: which candidates become claims, with which boundary, and how sure.

For every candidate the boundary ranker picks one of its alternatives (`alternatives.py`), the
keep model scores the candidate with that boundary, and the calibrated score becomes the
claim's `confidence`. Candidates the rules would keep stay at confidence >= the model's
`threshold_rule`; others (a frame the learned cue table blocks, a nested cue) join at
>= `threshold_new` unless their content repeats a chosen claim's. Example::

    decider = LearnedDecider(DecisionModel.load(path))
    claims = decider(ctx, drafts)           # drafts with .spans and .confidence set
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.common.words import WORD_RE

from .alternatives import Spans, alternatives
from .features import (
    Features,
    RuleContent,
    alternative_features,
    group_features,
    keep_features,
    ranker_group_features,
)
from .model import DecisionModel, LinearScorer
from .tagged import (
    TagView,
    tag_alt_features,
    tag_group_features,
    tagger_alternative,
    tagger_drafts,
)

# a candidate outside the rules' choice repeats a chosen claim at this content-token Dice
DUPLICATE_DICE = 0.5


def _words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD_RE.findall(text))


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2.0 * sum((a & b).values()) / total if total else 0.0


@dataclass
class Candidate:
    """One candidate with its features: `alts` are (name, fragments, features), rule first."""

    draft: Any
    group: Features
    alts: list[tuple[str, Spans, Features]]
    rule_kept: bool


def build_candidates(
    ctx: Any, drafts: list[Any], rule_kept: set[int], view: TagView | None = None
) -> list[Candidate]:
    """Features of every candidate and of each of its boundary alternatives (with the
    tagger's features and its ``tagger`` alternative when `view` is given)."""
    groups = group_features(ctx, drafts, rule_kept)
    out: list[Candidate] = []
    for d, g in zip(drafts, groups, strict=True):
        rule = RuleContent(ctx, d.spans)
        named = alternatives(ctx, d)
        if view is not None:
            g.update(tag_group_features(ctx, view, d))
            tagged = tagger_alternative(ctx, view, d)
            if tagged and all(tagged != spans for spans in named.values()):
                named["tagger"] = tagged
        alts = []
        for name, spans in named.items():
            feats = alternative_features(ctx, d, name, spans, rule)
            if view is not None:
                feats.update(tag_alt_features(ctx, view, d, spans))
            alts.append((name, spans, feats))
        out.append(Candidate(d, g, alts, id(d) in rule_kept))
    return out


def rank(ranker: LinearScorer, group: Features, alts: list[Features]) -> tuple[int, float, float]:
    """(index of the best alternative, its ranker score, margin over the runner-up).

    The ranker is linear, so the candidate's own features add the same to every alternative:
    they are scored once."""
    level = ranker.score(ranker_group_features(group)) - ranker.intercept
    scores = [ranker.score(af) for af in alts]
    best = max(range(len(scores)), key=scores.__getitem__)
    runner_up = max((s for k, s in enumerate(scores) if k != best), default=scores[best])
    return best, scores[best] + level, scores[best] - runner_up


@dataclass
class Choice:
    """A scored candidate ready for selection."""

    confidence: float
    rule_kept: bool
    content: str
    payload: Any


def select(choices: Iterable[Choice], threshold_rule: float, threshold_new: float) -> list[Any]:
    """Payloads of the claims kept: the rules' candidates at >= `threshold_rule`, then the
    others by decreasing confidence at >= `threshold_new` unless they repeat a kept claim."""
    choices = list(choices)
    kept = [c for c in choices if c.rule_kept and c.confidence >= threshold_rule]
    seen: list[Counter[str]] = [_words(c.content) for c in kept]
    extra = sorted(
        (c for c in choices if not c.rule_kept and c.confidence >= threshold_new),
        key=lambda c: -c.confidence,
    )
    for c in extra:
        toks = _words(c.content)
        if any(_dice(toks, other) >= DUPLICATE_DICE for other in seen):
            continue
        kept.append(c)
        seen.append(toks)
    return [c.payload for c in kept]


class LearnedDecider:
    """A `Decider` (ctx, drafts) -> drafts that uses a trained `DecisionModel`.

    `rule_decision` is the rules' own decider (which candidates they would keep). It asks the
    finders for the candidates of blocked frames too (`wants_blocked_frames`). `tagger`, when
    given, maps an article's context to the attribution tagger's (tokens, 3, 3) probabilities:
    its cues add candidates and its spans add features (`tagged.py`); the model must then be
    one trained with them."""

    wants_blocked_frames = True

    def __init__(
        self,
        model: DecisionModel,
        rule_decision: Callable[[Any, list[Any]], list[Any]],
        tagger: Callable[[Any], Any] | None = None,
    ) -> None:
        self.model = model
        self.rule_decision = rule_decision
        self.tagger = tagger

    def candidates(self, ctx: Any, drafts: list[Any]) -> tuple[list[Any], set[int], Any]:
        """(drafts with the tagger's, ids the rules keep, the tag view or None)."""
        drafts = [d for d in drafts if d.spans]
        rule_kept = {id(d) for d in self.rule_decision(ctx, [d for d in drafts if not d.gated])}
        view = None
        if self.tagger is not None:
            view = TagView(ctx, self.tagger(ctx))
            drafts = drafts + tagger_drafts(ctx, view, drafts)
        return drafts, rule_kept, view

    def __call__(self, ctx: Any, drafts: list[Any]) -> list[Any]:
        drafts, rule_kept, view = self.candidates(ctx, drafts)
        choices: list[Choice] = []
        for cand in build_candidates(ctx, drafts, rule_kept, view):
            best, score, margin = rank(self.model.ranker, cand.group, [a for _, _, a in cand.alts])
            _, spans, alt = cand.alts[best]
            p = self.model.confidence(keep_features(cand.group, alt, score, margin))
            content = " … ".join(ctx.text[s:e] for s, e in spans)
            choices.append(Choice(p, cand.rule_kept, content, (cand.draft, spans, p)))
        out = []
        for draft, spans, p in select(choices, self.model.threshold_rule, self.model.threshold_new):
            draft.spans = spans
            draft.confidence = p
            out.append(draft)
        return out
