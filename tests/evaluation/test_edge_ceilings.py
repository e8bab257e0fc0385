"""Where edges are lost, on a small fold (skipped without ../shared): the `model` row is the
out-of-fold figure itself, and each decision taken from the gold can only add the edges it
decides."""

from __future__ import annotations

import pytest

from pipeline.training.analysis_data import SETS, load_examples
from pipeline.training.analysis_oof import evaluate_examples
from pipeline.training.edge_ceilings import VARIANTS, ceilings, format_ceilings

from ..conftest import shared_path

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def sets():
    return load_examples(shared_path("gold"), limit=4)


def test_model_row_is_the_out_of_fold_figure(sets) -> None:
    table = ceilings(sets, folds=2, seed=0)
    report = evaluate_examples(sets, folds=2, seed=0, spread=1)
    for name in SETS:
        assert list(table[name]) == list(VARIANTS)
        oof = report["sets"][name]["oof"]["accusation_edges_P_R_F1"]
        assert table[name]["model"] == pytest.approx(tuple(oof))


def test_gold_decisions_only_add_the_edges_they_decide(sets) -> None:
    table = ceilings(sets, folds=2, seed=0)
    for by in table.values():
        recall = {k: v[1] for k, v in by.items()}
        # the gold accused by name include every candidate the oracle picks
        assert recall["gold act and accused"] >= recall["gold act, oracle choice"]
        assert recall["gold speaker, act and accused"] >= recall["gold act and accused"] - 1e-9
        # with every decision of the matched claims from the gold, the wrong edges left come
        # from claims no gold claim matches: fewer than the model makes
        assert by["gold speaker, act and accused"][0] >= by["model"][0]


def test_the_table_names_every_set_and_row(sets) -> None:
    text = format_ceilings(ceilings(sets, folds=2, seed=0))
    for name in SETS:
        assert f"\n{name}\n" in text
    assert text.count("oracle choice") == 2 * len(SETS)
