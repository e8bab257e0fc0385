"""The act model and the accused ranker as shipped: plain arrays in one `.npz` (no pickle).

- act: multinomial logistic regression over the claim's sparse features (named) and its dense
  encoder features; probabilities through a temperature fitted out of fold;
- acts the rules decide precisely (`kept`: "would neither confirm nor deny" is non-committal)
  stay the rules', with the rules' precision on the training claims as their confidence;
- accused: a logistic ranker over each candidate's features (plus the act it is ranked for),
  its score mapped through a Platt sigmoid fitted out of fold; a claim's accused are the
  candidates at or above `accept`, or for an accusation with none, the best one when it
  reaches `floor`;
- a cascade in front of the encoder: a second act model over the sparse features alone; a
  claim it calls `assert` with probability at or above `cascade[0]` is an assertion without
  encoding it (the threshold agrees with the full model on the training claims; its
  confidence `cascade[1]` is how often such training claims are assertions).

Example::

    model = AnalysisModel.load(path)
    probs = model.act_probs(feats.sparse, feats.dense)          # {"accuse": 0.81, ...}
    model.accused_probs(feats.candidates, "accuse")             # [0.92, 0.05]
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .features import WIDTH, Candidate, rules_act_of

FORMAT = "newsclaims-analysis-model/1"
# the fine-tuned act classifier's share (`training/act_finetune.py`, measured only): a log-linear
# pool of the two models' probabilities with fixed, equal weights, set before any measurement
# (a weight chosen on the out-of-fold table would be tuned on what it reports)
CLASSIFIER_WEIGHT = 0.5
# candidate features that mean something else for a denial than for an accusation
_BY_ACT = (
    "is_speaker",
    "dep=nsubj",
    "agent_of_wrong",
    "rules_accused",
    "in_content",
    "victim",
    "speaker_side",
)


# the ranker reads no encoder states (features.py): its dense block is empty
NO_STATES = np.zeros(0, dtype=np.float32)


class AnalysisModelError(ValueError):
    """A model file that cannot be used (the message names the file and the problem)."""


def ranker_features(cand: Candidate, act: str) -> dict[str, float]:
    """A candidate's sparse features with the act it is ranked for."""
    f = dict(cand.sparse)
    for key in _BY_ACT:
        if key in f:
            f[f"{act}&{key}"] = f[key]
    f[f"act={act}"] = 1.0
    return f


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max()
    return z - np.log(np.exp(z).sum())


def _vector(names: Mapping[str, int], features: Mapping[str, float]) -> np.ndarray:
    x = np.zeros(len(names), dtype=np.float64)
    for key, value in features.items():
        k = names.get(key)
        if k is not None:
            x[k] = value
    return x


@dataclass(frozen=True)
class Linear:
    """Weights over named sparse features and a dense block, and intercepts (one row per
    output)."""

    names: dict[str, int]
    w_sparse: np.ndarray  # (outputs, len(names))
    w_dense: np.ndarray  # (outputs, dense width)
    bias: np.ndarray  # (outputs,)

    def scores(self, sparse: Mapping[str, float], dense: np.ndarray) -> np.ndarray:
        return self.w_sparse @ _vector(self.names, sparse) + self.w_dense @ dense + self.bias


def assert_probability(act: Linear, acts: tuple[str, ...], sparse: Mapping[str, float]) -> float:
    """P(assert) of an act model over the sparse features alone (the cascade's model)."""
    z = act.scores(sparse, NO_STATES)
    p = np.exp(z - z.max())
    return float(p[acts.index("assert")] / p.sum())


@dataclass(frozen=True)
class AnalysisModel:
    """Act classifier, accused ranker, their calibrations and the accused thresholds."""

    acts: tuple[str, ...]
    act: Linear
    temperature: float
    ranker: Linear
    platt: tuple[float, float]
    accept: float
    floor: float
    meta: dict[str, Any]
    # acts the rules keep where they decide them (precise where they fire: "would neither
    # confirm nor deny"), with the rules' precision on the training claims as confidence
    kept: dict[str, float] = field(default_factory=dict)
    # the act over the sparse features alone and (threshold, confidence) of the cascade
    act_sparse: Linear | None = None
    cascade: tuple[float, float] | None = None

    def plain_assertion(self, sparse: Mapping[str, float]) -> bool:
        """The cascade: the sparse act model is sure enough the claim asserts (no encoder)."""
        if self.act_sparse is None or self.cascade is None:
            return False
        return assert_probability(self.act_sparse, self.acts, sparse) >= self.cascade[0]

    def needs_states(self, sparse: Mapping[str, float]) -> bool:
        """Whether deciding the claim reads its encoder states: not for an act the rules
        keep, not for a plain assertion."""
        return rules_act_of(sparse) not in self.kept and not self.plain_assertion(sparse)

    def act_probs(
        self,
        sparse: Mapping[str, float],
        dense: np.ndarray,
        classifier: np.ndarray | None = None,
    ) -> dict[str, float]:
        """The acts' probabilities; with the fine-tuned classifier's logits (over `acts`),
        the normalised geometric mean of both models' probabilities (`CLASSIFIER_WEIGHT`)."""
        z = self.act.scores(sparse, dense) / self.temperature
        if classifier is not None:
            z = (1 - CLASSIFIER_WEIGHT) * _log_softmax(z) + CLASSIFIER_WEIGHT * _log_softmax(
                np.asarray(classifier, dtype=np.float64)
            )
        p = np.exp(z - z.max())
        p /= p.sum()
        return {a: float(v) for a, v in zip(self.acts, p, strict=True)}

    def accused_probs(self, candidates: list[Candidate], act: str) -> list[float]:
        a, b = self.platt
        out = []
        for cand in candidates:
            s = float(self.ranker.scores(ranker_features(cand, act), NO_STATES)[0])
            out.append(float(1.0 / (1.0 + np.exp(-(a * s + b)))))
        return out

    def choose(self, probs: list[float], act: str) -> list[int]:
        """Indices of the accused among candidates with these probabilities."""
        chosen = [k for k, p in enumerate(probs) if p >= self.accept]
        if not chosen and act == "accuse" and probs:
            best = int(np.argmax(probs))
            if probs[best] >= self.floor:
                chosen = [best]
        return chosen

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha1()
        for arr in (self.act.w_sparse, self.act.w_dense, self.ranker.w_sparse):
            digest.update(np.ascontiguousarray(arr).tobytes())
        if self.act_sparse is not None:
            digest.update(np.ascontiguousarray(self.act_sparse.w_sparse).tobytes())
        digest.update(repr(self.cascade).encode())
        return digest.hexdigest()[:8]

    def save(self, path: Path) -> None:
        def names(lin: Linear) -> np.ndarray:
            return np.array(sorted(lin.names, key=lin.names.get), dtype=str)

        np.savez_compressed(
            path,
            format=np.array(FORMAT),
            acts=np.array(self.acts, dtype=str),
            act_names=names(self.act),
            act_w_sparse=self.act.w_sparse,
            act_w_dense=self.act.w_dense,
            act_bias=self.act.bias,
            rank_names=names(self.ranker),
            rank_w_sparse=self.ranker.w_sparse,
            rank_w_dense=self.ranker.w_dense,
            rank_bias=self.ranker.bias,
            calibration=np.array([self.temperature, *self.platt, self.accept, self.floor]),
            kept_acts=np.array(sorted(self.kept), dtype=str),
            kept_confidence=np.array([self.kept[a] for a in sorted(self.kept)]),
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
            **self._cascade_arrays(names),
        )

    def _cascade_arrays(self, names) -> dict[str, np.ndarray]:
        if self.act_sparse is None or self.cascade is None:
            return {}
        return {
            "sparse_names": names(self.act_sparse),
            "sparse_w_sparse": self.act_sparse.w_sparse,
            "sparse_w_dense": self.act_sparse.w_dense,
            "sparse_bias": self.act_sparse.bias,
            "cascade": np.array(self.cascade),
        }

    @classmethod
    def load(cls, path: Path) -> AnalysisModel:
        try:
            with np.load(path, allow_pickle=False) as z:
                if str(z["format"]) != FORMAT:
                    raise AnalysisModelError(f"{path}: not a {FORMAT} file; rerun `make train`")

                def linear(prefix: str) -> Linear:
                    names = {str(n): k for k, n in enumerate(z[f"{prefix}_names"])}
                    return Linear(
                        names, z[f"{prefix}_w_sparse"], z[f"{prefix}_w_dense"], z[f"{prefix}_bias"]
                    )

                # a fit of before Dec 8 ranked with candidate states and read 768 act columns
                if z["rank_w_dense"].shape[1] != 0 or z["act_w_dense"].shape[1] != 2 * WIDTH:
                    raise AnalysisModelError(
                        f"{path}: fitted for other encoder features; rerun `make train`"
                    )
                t, a, b, accept, floor = (float(v) for v in z["calibration"])
                cascade = tuple(float(v) for v in z["cascade"]) if "cascade" in z.files else None
                return cls(
                    tuple(str(x) for x in z["acts"]),
                    linear("act"),
                    t,
                    linear("rank"),
                    (a, b),
                    accept,
                    floor,
                    json.loads(str(z["meta"])),
                    {
                        str(a): float(c)
                        for a, c in zip(z["kept_acts"], z["kept_confidence"], strict=True)
                    },
                    linear("sparse") if cascade is not None else None,
                    cascade,  # type: ignore[arg-type]
                )
        except (OSError, KeyError, ValueError) as exc:
            if isinstance(exc, AnalysisModelError):
                raise
            raise AnalysisModelError(f"{path}: unreadable analysis model ({exc})") from exc
