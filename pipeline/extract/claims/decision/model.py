"""The decision model as shipped: two linear scorers and a calibration, read from JSON.

No pickle: the file holds plain numbers (feature name -> weight), so loading it runs no code
and a diff shows what changed. Scoring is a dictionary lookup per feature, which keeps the
model's share of extraction time small. Example::

    model = DecisionModel.load(path)
    model.ranker.score({"alt=rule": 1.0, "a_qfrac": 1.0})   # boundary score
    model.confidence({"lemma=say": 1.0, "rule": 1.0})       # calibrated probability in [0, 1]
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "newsclaims-decision-model/1"


class ModelError(ValueError):
    """A model file that cannot be used (the message names the file and the problem)."""


@dataclass(frozen=True)
class LinearScorer:
    """intercept + sum of weight * value over the features present."""

    intercept: float
    weights: Mapping[str, float]

    def score(self, features: Mapping[str, float]) -> float:
        w = self.weights
        total = self.intercept
        for name, value in features.items():
            weight = w.get(name)
            if weight is not None:
                total += weight * value
        return total

    def to_json(self) -> dict[str, Any]:
        return {"intercept": self.intercept, "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LinearScorer:
        return cls(float(data["intercept"]), {str(k): float(v) for k, v in data["weights"].items()})


@dataclass(frozen=True)
class DecisionModel:
    """Boundary ranker, keep scorer, Platt calibration and the two keep thresholds.

    - `ranker` scores a candidate's boundary alternatives; the highest wins;
    - `keep` scores the candidate with its chosen alternative; `confidence` maps that score
      through the calibration sigmoid(a * score + b) to the probability that the claim is
      right (content matches an attribution and the speaker is right);
    - a candidate the rules would keep becomes a claim at confidence >= `threshold_rule`, one
      they would not (a blocked frame, a nested cue) at >= `threshold_new`.
    """

    ranker: LinearScorer
    keep: LinearScorer
    calibration: tuple[float, float]
    threshold_rule: float
    threshold_new: float
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """Short hash of the model's numbers (part of the extractor version)."""
        blob = json.dumps(self.to_json(), sort_keys=True).encode("utf-8")
        return hashlib.sha1(blob).hexdigest()[:8]

    def confidence(self, features: Mapping[str, float]) -> float:
        a, b = self.calibration
        z = a * self.keep.score(features) + b
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "meta": dict(self.meta),
            "calibration": {"a": self.calibration[0], "b": self.calibration[1]},
            "thresholds": {"rule": self.threshold_rule, "new": self.threshold_new},
            "ranker": self.ranker.to_json(),
            "keep": self.keep.to_json(),
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=1, sort_keys=False) + "\n", "utf-8")

    @classmethod
    def load(cls, path: Path) -> DecisionModel:
        """Read a model file; `ModelError` when it is not one."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"{path}: cannot read the decision model: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelError(f"{path}: not a decision model (expected format {FORMAT!r})")
        try:
            return cls(
                ranker=LinearScorer.from_json(data["ranker"]),
                keep=LinearScorer.from_json(data["keep"]),
                calibration=(float(data["calibration"]["a"]), float(data["calibration"]["b"])),
                threshold_rule=float(data["thresholds"]["rule"]),
                threshold_new=float(data["thresholds"]["new"]),
                meta=data.get("meta", {}),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"{path}: malformed decision model: {exc!r}") from exc
