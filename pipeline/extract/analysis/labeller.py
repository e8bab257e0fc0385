"""The labels stage's learned layer: act and accused decided by the model over every claim.

`build_records` asks a labeller for each article (`for_article(ctx, drafts)`: the encoder runs
once, on the sentences that hold a claim), then for each claim (`label(view, act)`: the rules'
act in, the decided act with its confidence and the accused with theirs out). The rules'
labeller (`RULES`) returns the rules' act unchanged; `LearnedLabeller` needs both the model
file and the encoder, and without either the extractor falls back to the rules, said once::

    labeller = default_labeller()               # learned, or RULES
    article = labeller.for_article(ctx, drafts)
    act = article.label(view, rules_act)        # LabelledAct("accuse", [Ref], 0.93, {...})
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from pipeline import settings

from ..claims.context import ArticleContext
from ..claims.draft import Draft
from ..claims.passes.acts import Act
from ..claims.passes.claim_view import ClaimView
from ..encoder import Encoder, TokenStates, encode_sentences, load_encoder
from .features import ClaimFeatures, claim_features
from .lexicons import AnalysisLexicons, analysis_lexicons
from .model import AnalysisModel, AnalysisModelError

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "learned" / "analysis_model.npz"


@dataclass
class LabelledAct(Act):
    """An act with its calibrated confidence and each accused party's."""

    confidence: float | None = None
    accused_confidence: dict[str, float] = field(default_factory=dict)


class ArticleLabels(Protocol):
    def label(self, view: ClaimView, act: Act) -> Act: ...


class Labeller(Protocol):
    """Gives each article's claims their act and accused (see the module doc)."""

    def for_article(self, ctx: ArticleContext, drafts: list[Draft]) -> ArticleLabels: ...


class _Rules:
    """The rules' acts, unchanged."""

    fingerprint = "rules"

    def for_article(self, ctx: ArticleContext, drafts: list[Draft]) -> _Rules:
        return self

    def label(self, view: ClaimView, act: Act) -> Act:
        return act


RULES = _Rules()


def claim_sentences(ctx: ArticleContext, drafts: list[Draft]) -> set[int]:
    """Numbers of the sentences holding a claim's cue or content, and the one before the cue
    (its actors are candidates too; without their states politics edges F1 fell 0.373 ->
    0.342 out of fold, for 15 % fewer subwords)."""
    out: set[int] = set()
    for d in drafts:
        k = ctx.sent_index(d.cue_i)
        out.update((k - 1, k) if k else (k,))  # the sentence before names accused too
        for s, e in d.spans:
            out.update(range(ctx.sent_of_char(s), ctx.sent_of_char(max(e - 1, s)) + 1))
    return out


class FeatureArticle:
    """One article's encoder states; gives every claim its features."""

    def __init__(
        self, ctx: ArticleContext, drafts: list[Draft], encoder: Encoder | None, words
    ) -> None:
        self.words: AnalysisLexicons = words
        self.states: TokenStates | None = None
        if encoder is not None and drafts:
            self.states = encode_sentences(encoder, ctx.doc, ctx.text, claim_sentences(ctx, drafts))

    def features(self, view: ClaimView, act: Act) -> ClaimFeatures:
        return claim_features(view, act.act, act.accused, self.states, self.words)


class _LearnedArticle(FeatureArticle):
    def __init__(self, ctx, drafts, encoder, words, model: AnalysisModel) -> None:
        super().__init__(ctx, drafts, encoder, words)
        self.model = model

    def label(self, view: ClaimView, act: Act) -> Act:
        return decide(self.model, self.features(view, act))


def decide(model: AnalysisModel, feats: ClaimFeatures) -> LabelledAct:
    """The model's act and accused for one claim's features."""
    rules_act = next((k[6:] for k in feats.sparse if k.startswith("rules=")), None)
    if rules_act in model.kept:
        act, confidence = rules_act, model.kept[rules_act]
    else:
        probs = model.act_probs(feats.sparse, feats.dense)
        act = max(probs, key=probs.__getitem__)
        confidence = probs[act]
    if act not in ("accuse", "deny") or not feats.candidates:
        return LabelledAct(act, [], round(confidence, 4))
    p = model.accused_probs(feats.candidates, act)
    chosen = model.choose(p, act)
    if rules_act in model.kept and act in ("accuse", "deny"):  # the rules' accused, if any
        chosen = [k for k, c in enumerate(feats.candidates) if c.sparse["rules_accused"]] or chosen
    refs = [feats.candidates[k].ref for k in chosen]
    conf = {feats.candidates[k].ref.name: round(p[k], 4) for k in chosen}
    return LabelledAct(act, refs, round(confidence, 4), conf)


class LearnedLabeller:
    """Acts and accused from the analysis model over encoder and lexicon features."""

    def __init__(self, model: AnalysisModel, encoder: Encoder) -> None:
        self.model = model
        self.encoder = encoder
        self.words = analysis_lexicons()
        self.fingerprint = f"am-{model.fingerprint}"

    def for_article(self, ctx: ArticleContext, drafts: list[Draft]) -> _LearnedArticle:
        return _LearnedArticle(ctx, drafts, self.encoder, self.words, self.model)


@lru_cache(maxsize=8)
def say_rules_acts(why: str) -> None:
    """Log once per reason that acts and accused come from the rules alone."""
    log.warning("no analysis model (%s): acts and accused are the rules' alone", why)


@lru_cache(maxsize=4)
def _load_model(path: Path) -> AnalysisModel | None:
    if not path.is_file():
        say_rules_acts(f"{path} missing; `make train` writes it")
        return None
    try:
        return AnalysisModel.load(path)
    except AnalysisModelError as exc:
        say_rules_acts(str(exc))
        return None


def default_labeller() -> Labeller:
    """The learned labeller (NEWSCLAIMS_ANALYSIS_MODEL: shipped model, a path, or none) when
    its model and the encoder load, else the rules."""
    choice = settings.analysis_model()
    if choice.lower() == "none":
        say_rules_acts("NEWSCLAIMS_ANALYSIS_MODEL=none")
        return RULES
    model = _load_model(Path(choice).expanduser().resolve() if choice else MODEL_PATH)
    encoder = load_encoder() if model is not None else None
    if model is None or encoder is None:
        return RULES
    return LearnedLabeller(model, encoder)
