"""The act classifier's fine-tuning helpers (the torch part runs in .venv-train, `make
evaluate-act-classifier`): what a claim looks like to the classifier, and the AUC it is
judged by."""

from __future__ import annotations

import numpy as np

from pipeline.training.act_finetune import ACTS, auc, pair
from pipeline.training.analysis_fit import ACTS as MODEL_ACTS


def test_a_claim_is_its_cue_and_content() -> None:
    rec = {
        "cue": "said",
        "content": "Emery shot his girlfriend",
        "actors": ["Emery"],
        "speaker": "police",
    }
    assert pair(rec) == ("said", "Emery shot his girlfriend")  # the speaker is left out
    assert pair(rec, "masked") == ("said", "someone shot his girlfriend")
    # the rules' act, as words, ahead of the cue
    assert pair({**rec, "rules_act": "assert"}, "rules") == ("assert: said", rec["content"])


def test_masking_replaces_the_longest_name_first() -> None:
    rec = {
        "cue": "accused",
        "content": "Donald Trump and Trump Jr of lying",
        "actors": ["Trump", "Donald Trump"],
    }
    assert pair(rec, "masked")[1] == "someone and someone Jr of lying"


def test_auc_counts_ties_as_half_and_needs_both_classes() -> None:
    assert auc(np.array([0.9, 0.2, 0.4]), np.array([1, 0, 0])) == 1.0
    assert auc(np.array([0.5, 0.5]), np.array([1, 0])) == 0.5
    assert auc(np.array([0.1, 0.9]), np.array([1, 0])) == 0.0
    assert np.isnan(auc(np.array([0.3]), np.array([1])))


def test_the_classifier_s_acts_are_the_act_model_s() -> None:
    assert ACTS == MODEL_ACTS
