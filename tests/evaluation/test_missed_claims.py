"""The gold accusations without a claim (`missed_claims`): the same misses `accusation_errors`
counts as "no claim", each with the form the finders saw (skipped without ../shared)."""

from __future__ import annotations

import pytest

from pipeline.training.accusation_errors import error_classes
from pipeline.training.analysis_data import SETS, load_examples
from pipeline.training.missed_claims import _cue_kind, _sentence, known_cue_words, missed_rows

from ..conftest import shared_path


def test_cue_kinds_sort_the_gold_cue_by_what_the_finders_know() -> None:
    known = frozenset({"accused", "said"})
    assert _cue_kind(None, known) == "no cue"
    assert _cue_kind("according to", known) == "according to"
    assert _cue_kind(":", known) == "colon"
    assert _cue_kind("has accused", known) == "cue known"
    assert _cue_kind("went after", known) == "cue unknown"


def test_the_sentence_around_a_content_span() -> None:
    text = "First one. The mayor said the bridge is unsafe. Then more."
    start = text.index("the bridge")
    assert _sentence(text, start, start + 10) == "The mayor said the bridge is unsafe."


def test_the_derived_cue_words_are_known() -> None:
    words = known_cue_words()
    assert {"accused", "allegations", "said"} <= words


@pytest.mark.corpus
def test_missed_rows_are_the_no_claim_class() -> None:
    gold = shared_path("gold")
    sets = load_examples(gold, limit=3)
    classes = error_classes(gold, folds=2, limit=3)
    known = known_cue_words()
    for name in SETS:
        rows = [r for a in sets[name] for r in missed_rows(a, known)]
        assert sum(r["n_accused"] for r in rows) == classes[name]["gold"]["no claim"], name
        for r in rows:
            assert r["kind"] in {
                "other boundaries",
                "no cue",
                "according to",
                "colon",
                "cue known",
                "cue unknown",
            }
            assert (r["kind"] == "other boundaries") == (r["extracted"] is not None)
