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
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

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
# the model trained with the attribution tagger's candidates and features, beside MODEL_FILE
TAGGER_MODEL_FILE = "decision_model_tagger.json"
log = logging.getLogger("pipeline.extract")


def model_path(lexicon: Lexicon) -> Path | None:
    """The decision model among the lexicon's rule data files, if there is one."""
    for path in lexicon.sources:
        if path.as_posix().endswith("/" + MODEL_FILE):
            return path
    return None


def load_decider(
    lexicon: Lexicon, path: Path | None = None, tagger: Callable[[Any], Any] | None = None
) -> LearnedDecider | None:
    """The learned decider of the lexicon's model (or of `path`); None, logged once per
    model location, when there is none: the extractor then decides by the rules alone.

    With `tagger` (the attribution tagger, `encoder.load_article_tagger`) the model trained
    with it is used (`TAGGER_MODEL_FILE` beside the lexicon's model, or `path` when its meta
    says `tagger`); without that model the tagger is left out, said once."""
    explicit = path is not None
    path = path or model_path(lexicon)
    if tagger is not None and path is not None:
        own = getattr(tagger, "decision_model", None)  # a fine-tuned tagger's, in its folder
        where = path if explicit else (own or path.with_name(TAGGER_MODEL_FILE))
        tagged = _load(where) if where.is_file() else None
        if tagged is not None and tagged.meta.get("tagger"):
            return LearnedDecider(tagged, decide_by_rules, tagger)
        say_tagger_unused(str(where))
    model = _load(path) if path is not None else None
    if model is not None and model.meta.get("tagger"):
        say_rules_alone(f"{path} needs the attribution tagger, which did not load")
        return None
    if model is None:
        say_rules_alone(str(path) if path else f"none in the rule data, {MODEL_FILE}")
        return None
    return LearnedDecider(model, decide_by_rules)


@lru_cache(maxsize=8)
def say_tagger_unused(where: str) -> None:
    """Log once that the tagger loaded but no decision model was trained with it."""
    log.warning("no decision model trained with the attribution tagger (%s): not used", where)


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
