"""The decision stage: which claim candidates become claims, by rules or by a learned model.

`rules.py` decides by rules alone (`decide_by_rules`: outermost attributions with content).

The rule finders propose candidates (also through frames the learned cue table blocks, and
nested ones); for each, `alternatives` gives other plausible content boundaries, `features`
describes candidate and alternatives, and `LearnedDecider` lets a trained `DecisionModel`
(`data/learned/decision_model.json`, written by `make train`) choose a boundary, decide which
candidates become claims, and give each a calibrated `confidence`::

    decider = load_decider(lexicon)       # None (rules alone) when the rule data has no model
    Extractor(decide=decider)
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from ...lexicon import Lexicon
from .decider import LearnedDecider
from .model import DecisionModel, ModelError
from .rules import Decider, decide_by_rules

__all__ = [
    "Decider",
    "DecisionModel",
    "LearnedDecider",
    "ModelError",
    "decide_by_rules",
    "load_decider",
    "model_path",
]

MODEL_FILE = "learned/decision_model.json"
log = logging.getLogger("pipeline.extract")


def model_path(lexicon: Lexicon) -> Path | None:
    """The decision model among the lexicon's rule data files, if there is one."""
    for path in lexicon.sources:
        if path.as_posix().endswith("/" + MODEL_FILE):
            return path
    return None


def load_decider(lexicon: Lexicon, path: Path | None = None) -> LearnedDecider | None:
    """The learned decider of the lexicon's model (or of `path`); None, logged once per
    model location, when there is none: the extractor then decides by the rules alone."""
    path = path or model_path(lexicon)
    model = _load(path) if path is not None else None
    if model is None:
        say_rules_alone(str(path) if path else f"none in the rule data, {MODEL_FILE}")
        return None
    return LearnedDecider(model, decide_by_rules)


@lru_cache(maxsize=8)
def _load(path: Path) -> DecisionModel | None:
    try:
        return DecisionModel.load(path)
    except ModelError as exc:
        log.warning("%s", exc)
        return None


@lru_cache(maxsize=8)
def say_rules_alone(where: str) -> None:
    """Log once per reason that the rules decide alone."""
    log.warning(
        "no decision model (%s): claims are decided by the rules alone, without confidence",
        where,
    )
