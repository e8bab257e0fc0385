"""The learned act labeller: act and accused decided by the model over every claim.

`LearnedActs` is a labeller of the labels stage (`(claim, labels) -> None`) that takes the
place of the rules' `label_act`: it runs the rules' act first (a feature, and kept where the
rules are precise), then sets `labels.act` / `.accused` with their calibrated confidences.
The encoder runs on the sentences of each claim whose act the model decides with them (not an
act the rules keep, not a plain assertion the sparse features settle:
`AnalysisModel.needs_states`), each sentence once per article (the states are kept on the
doc). `default_labellers()` is the extractor's default: the learned labeller when its model
file and the encoder load, else the rules' `LABELLERS`, said once::

    labellers = default_labellers()                      # (LearnedActs, label_outlet, ...)
    Extractor(labellers=LABELLERS)                       # the rules' acts, explicitly
    Extractor(analysis_model="none")                     # the same (NEWSCLAIMS_ANALYSIS_MODEL)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ....encoder import Encoder, encode_sentences, load_encoder
from ....lexicon import DATA_DIR
from ...context import ArticleContext
from ...draft import Draft
from ...refs import Ref
from .. import LABELLERS, ClaimView, Labeller, Labels, label_act, replace_labeller
from ..acts import Act
from .features import ClaimFeatures, claim_dense, claim_features, rules_act_of
from .model import AnalysisModel, AnalysisModelError
from .words import word_classes_of

log = logging.getLogger(__name__)

MODEL_PATH = DATA_DIR / "learned" / "analysis_model.npz"


# what `decide` does beyond the model file (a change here must re-extract, as a new model does)
DECIDE_REVISION = 5
ACCUSING_ACTS = ("accuse", "deny")


@dataclass
class LabelledAct(Act):
    """An act with its calibrated confidence and each accused party's; `alternatives`: for
    each accusing act the model did not choose, the parties the ranker would accuse under it
    with their probabilities (a reviewed act correction takes them: docs/analyst.md)."""

    confidence: float | None = None
    accused_confidence: dict[str, float] = field(default_factory=dict)
    alternatives: dict[str, dict[Ref, float]] = field(default_factory=dict)


def claim_sentences(ctx: ArticleContext, d: Draft) -> set[int]:
    """Numbers of the sentences holding the claim's cue or content: the act reads their states
    (the ranker reads none, so the sentence before the cue, where accused are named too, is
    not encoded)."""
    out = {ctx.sent_index(d.cue_i)}
    for s, e in d.spans:
        out.update(range(ctx.sent_of_char(s), ctx.sent_of_char(max(e - 1, s)) + 1))
    return out


class ActFeatures:
    """A labeller's base: the rules' act and accused, then the claim's features. The encoder
    runs on the claim's own sentences when a claim asks, each sentence once per article (the
    states are kept on the doc and shared by every labeller that reads the same encoder)."""

    def __init__(self, encoder: Encoder | None) -> None:
        self.encoder = encoder

    def features(
        self,
        claim: ClaimView,
        labels: Labels,
        needs_states: Callable[[dict[str, float]], bool] | None = None,
    ) -> ClaimFeatures:
        """The claim's features; the encoder runs only when `needs_states(sparse features)`
        (None: always) says they are read."""
        label_act(claim, labels)
        words = word_classes_of(claim.ctx.lex)
        feats = claim_features(claim, labels.act, labels.accused, words)
        if self.encoder is not None and (needs_states is None or needs_states(feats.sparse)):
            ctx = claim.ctx
            # the doc's store, not a copy: the features read the claim's own tokens only
            sents = claim_sentences(ctx, claim.d)
            states = encode_sentences(self.encoder, ctx.doc, ctx.text, sents, shared_store=True)
            feats.dense = claim_dense(claim, states)
        return feats


def decide(model: AnalysisModel, feats: ClaimFeatures) -> LabelledAct:
    """The model's act and accused for one claim's features."""
    rules_act = rules_act_of(feats.sparse)
    if rules_act in model.kept:
        act, confidence = rules_act, model.kept[rules_act]
    elif feats.act_logits is None and model.plain_assertion(feats.sparse):
        # (the fine-tuned classifier's logits, when pooled, decide every claim)
        act, confidence = "assert", model.cascade[1]  # type: ignore[index]
    else:
        probs = model.act_probs(feats.sparse, feats.dense, feats.act_logits)
        act = max(probs, key=probs.__getitem__)
        confidence = probs[act]
    others = {a: ranked(model, feats, a) for a in ACCUSING_ACTS if a != act and feats.candidates}
    if act not in ACCUSING_ACTS or not feats.candidates:
        return LabelledAct(act, [], round(confidence, 4), alternatives=others)
    chosen = ranked(model, feats, act)
    if rules_act in model.kept:  # the rules' accused, if any
        cands = feats.candidates
        p = model.accused_probs(cands, act)
        rules = {c.ref: round(p[k], 4) for k, c in enumerate(cands) if c.sparse["rules_accused"]}
        if act == "accuse" and any(c.sparse.get("speaker_side") for c in cands if c.ref in rules):
            rules = {}  # "Fields's lawyers argued": whom the speaker speaks for: the ranker decides
        # a denial accuses whom the rules found or nobody: "dismissed the claim" rejects a claim,
        # not its claimant's wrongdoing (the ranker would take the claimant; same figures out
        # of fold on the gold, where that never happens)
        chosen = rules if act == "deny" else rules or chosen
    conf = {r.name: p for r, p in chosen.items()}
    return LabelledAct(act, list(chosen), round(confidence, 4), conf, others)


def ranked(model: AnalysisModel, feats: ClaimFeatures, act: str) -> dict[Ref, float]:
    """The parties the ranker accuses for `act`, with their probabilities; never the speaker
    of an accusation (none of the 287 gold accusations accuses its own speaker)."""
    cands = feats.candidates
    if act == "accuse":
        cands = [c for c in cands if not c.sparse.get("is_speaker")]
    p = model.accused_probs(cands, act)
    return {cands[k].ref: round(p[k], 4) for k in model.choose(p, act)}


class LearnedActs(ActFeatures):
    """The labeller: acts and accused from the analysis model over encoder and word-class
    features (see the module doc)."""

    def __init__(self, model: AnalysisModel, encoder: Encoder) -> None:
        super().__init__(encoder)
        self.model = model
        # names the model and the encoder in the extractor's version
        self.fingerprint = f"am-{model.fingerprint}-{encoder.fingerprint}-d{DECIDE_REVISION}"

    def __call__(self, claim: ClaimView, labels: Labels) -> None:
        decided = decide(self.model, self.features(claim, labels, self.model.needs_states))
        labels.act, labels.accused = decided.act, decided.accused
        labels.act_confidence = decided.confidence
        labels.accused_confidence = decided.accused_confidence
        labels.alternatives = decided.alternatives


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


def learned_acts(choice: str = "", encoder: str = "", threads: int = 1) -> LearnedActs | None:
    """The learned act labeller: the model `choice` names (NEWSCLAIMS_ANALYSIS_MODEL: empty
    for the shipped one, a path, or "none") over the encoder `encoder` names (NEWSCLAIMS_ENCODER,
    run with `threads`) when both load, else None (said once). The caller passes the settings;
    nothing here reads the environment."""
    if choice.strip().lower() == "none":
        say_rules_acts("NEWSCLAIMS_ANALYSIS_MODEL=none")
        return None
    model = _load_model(Path(choice).expanduser().resolve() if choice.strip() else MODEL_PATH)
    loaded = load_encoder(encoder, threads) if model is not None else None
    if model is None or loaded is None:
        return None
    return LearnedActs(model, loaded)


def default_labellers(
    analysis_model: str = "", encoder: str = "", encoder_threads: int = 1
) -> tuple[Labeller, ...]:
    """The extractor's labellers: `LABELLERS` with `label_act` replaced by the learned act
    labeller when it loads (`learned_acts`' arguments), else `LABELLERS` as they are."""
    learned = learned_acts(analysis_model, encoder, encoder_threads)
    return LABELLERS if learned is None else replace_labeller(label_act, learned)
