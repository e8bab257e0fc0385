"""The claim-analysis scorer (pipeline.evaluation.analysis) on the seed article, and against
the reference scorer of ../shared/gold/analysis (those tests skip when it is absent)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.evaluation.analysis import (
    GoldArticle,
    Resolver,
    format_report,
    load_gold,
    read_predictions,
    score,
)
from tests.conftest import SEED_FILE, shared_path

TEXT = SEED_FILE.read_text(encoding="utf-8")
ACTORS = [
    {"name": "Kremlin", "type": "organisation", "mentions": ["Kremlin"], "roles": []},
    {"name": "Ukraine", "type": "place", "mentions": ["Ukraine", "Ukrainian"], "roles": []},
    {"name": "Russia", "type": "place", "mentions": ["Russia", "Russian"], "roles": []},
    {
        "name": "Vyacheslav Gladkov",
        "type": "person",
        "mentions": ["Vyacheslav Gladkov", "Gladkov"],
        "roles": ["Regional Governor"],
    },
    {"name": "Daily Mail", "type": "organisation", "mentions": ["Daily Mail"], "roles": []},
]
HEADLINE = {
    "content": "Ukraine of attacking oil facility inside Russia",
    "speaker": "Kremlin",
    "act": "accuse",
    "form": "indirect",
    "accused": ["Ukraine"],
    "about": ["Ukraine"],
    "reported_by": None,
}
GLADKOV = {
    "content": "the air strike, which would be the first on Russian soil since WW-II, injured "
    "two workers and parts of the city have been evacuated",
    "speaker": "Vyacheslav Gladkov",
    "act": "assert",
    "form": "indirect",
    "accused": [],
    "about": [],
    "reported_by": "Daily Mail",
}


def _gold() -> list[GoldArticle]:
    return [GoldArticle("seed", TEXT, [HEADLINE, GLADKOV], ACTORS)]


def _pred(claims: list[dict], actors: list[dict] | None = None) -> dict:
    return {"seed": {"article": "seed", "claims": claims, "actors": actors or ACTORS}}


def test_resolver_is_lenient_on_names() -> None:
    res = Resolver(ACTORS)
    assert res("the Kremlin") == "Kremlin"
    assert res("Ukrainian") == "Ukraine"  # a listed mention
    assert res("Mr Gladkov") == "Vyacheslav Gladkov"  # a person's surname
    assert res("Kremlin spokesman") == "Kremlin"  # the gold name inside the predicted one
    assert res("Belgorod") is None and res("") is None


def test_gold_against_itself_is_perfect() -> None:
    report = score(_gold(), _pred([HEADLINE, GLADKOV]))
    assert report["claim_F1"] == 1.0 and report["speaker_acc"] == 1.0
    assert report["act_acc"] == 1.0 and report["reported_by_acc"] == 1.0
    assert report["accusation_edges_P_R_F1"] == (1.0, 1.0, 1.0)
    assert report["actors_P_R_F1"] == (1.0, 1.0, 1.0) and report["merge_bcubed_F1"] == 1.0


def test_an_accused_setting_is_a_wrong_edge() -> None:
    """Kremlin -> Russia (where the depot is) is not an accusation: edge precision halves."""
    wrong = {**HEADLINE, "accused": ["Ukraine", "Russia"], "about": ["Ukraine", "Russia"]}
    report = score(_gold(), _pred([wrong, GLADKOV]))
    assert report["accusation_edges_P_R_F1"] == (0.5, 1.0, 0.667)
    assert report["accused_P_R_F1"] == (0.5, 1.0, 0.667)
    assert report["about_P_R_F1"] == (0.5, 1.0, 0.667)


def test_content_is_found_by_spans_or_by_text() -> None:
    start = TEXT.index("the air strike")
    end = TEXT.index("have been evacuated") + len("have been evacuated")
    by_spans = {**GLADKOV, "content": None, "content_spans": [[start, end]]}
    assert score(_gold(), _pred([by_spans]))["claim_F1"] == pytest.approx(0.667, abs=0.001)
    half = {**GLADKOV, "content": "the air strike, which would be the first"}
    report = score(_gold(), _pred([half]))
    assert report["pred_claims"] == 1 and report["claim_F1"] == 0.0  # Dice below 0.5


def test_wrong_act_speaker_and_outlet_are_counted() -> None:
    hedged = {**GLADKOV, "act": "hedge", "speaker": "Daily Mail", "reported_by": None}
    report = score(_gold(), _pred([HEADLINE, hedged]))
    assert report["act_acc"] == 0.5 and report["speaker_acc"] == 0.5
    assert report["reported_by_acc"] == 0.0
    assert report["act_recall_by_gold"] == {"accuse": "1/1", "assert": "0/1"}


def test_junk_actors_and_unlisted_places() -> None:
    actors = [
        *ACTORS,
        {"name": "BRUSSELS", "type": "organisation", "mentions": ["BRUSSELS"], "roles": []},
        {"name": "Belgorod", "type": "place", "mentions": ["Belgorod"], "roles": []},
    ]
    report = score(_gold(), _pred([HEADLINE], actors))
    assert report["junk_actor_rate"] == round(1 / 6, 3)  # BRUSSELS; Belgorod is left out
    assert report["actors_P_R_F1"][:2] == (round(5 / 6, 3), 1.0)


def test_split_mentions_lower_the_merge_score() -> None:
    split = [a for a in ACTORS if a["name"] != "Vyacheslav Gladkov"] + [
        {"name": "Vyacheslav Gladkov", "type": "person", "mentions": ["Vyacheslav Gladkov"]},
        {"name": "Gladkov", "type": "person", "mentions": ["Gladkov"]},
    ]
    report = score(_gold(), _pred([], split))
    assert 0.8 < report["merge_bcubed_F1"] < 1.0


def test_report_formats_and_predictions_read() -> None:
    preds = read_predictions([json.dumps({"article": "seed", "claims": [], "actors": []}), ""])
    report = score(_gold(), preds)
    assert report["claim_F1"] == 0.0 and report["gold_claims"] == 2
    text = format_report(report)
    assert "accusation_edges_P_R_F1  0.000 / 0.000 / 0.000" in text


# --- against the shared gold and its reference scorer -------------------------------------------
def _perturbed(gold_dir: Path) -> list[dict]:
    """The gold with typical system errors: claims dropped, acts and speakers changed, accused
    widened, actors split and junk added."""
    rows = []
    for i, path in enumerate(sorted(gold_dir.glob("*.json"))):
        g = json.loads(path.read_text(encoding="utf-8"))
        p = copy.deepcopy({"article": g["article"], "claims": g["claims"], "actors": g["actors"]})
        p["claims"] = [c for k, c in enumerate(p["claims"]) if k % 4 != 1]
        for k, c in enumerate(p["claims"]):
            if k % 3 == 0:
                c["act"] = "assert"
            if k % 5 == 2 and c["speaker"]:
                c["speaker"] = c["speaker"].split()[-1]
            if c["act"] == "accuse" and c["about"]:
                c["accused"] = sorted(set(c["accused"]) | set(c["about"]))
        p["actors"].append({"name": f"Junk {i}", "type": "organisation", "mentions": []})
        if p["actors"][0]["mentions"][1:]:
            first = p["actors"][0]
            p["actors"].append({"name": first["mentions"][-1], "type": first["type"],
                                "mentions": [first["mentions"][-1]]})  # fmt: skip
            first["mentions"] = first["mentions"][:-1]
        rows.append(p)
    return rows


def test_shared_gold_scores_perfectly_against_itself() -> None:
    gold_dir = shared_path("gold", "analysis")
    golds = load_gold(gold_dir)
    report = score(golds, {g.article: {"claims": g.claims, "actors": g.actors} for g in golds})
    assert report["articles"] == len(golds) >= 20
    for key in ("claim_F1", "act_acc", "form_acc", "merge_bcubed_F1"):
        assert report[key] == 1.0, key
    assert report["speaker_acc"] >= 0.95  # a few gold speakers are missing from the actor list
    assert report["accusation_edges_P_R_F1"] == (1.0, 1.0, 1.0)
    assert report["junk_actor_rate"] == 0.0


def test_port_agrees_with_the_reference_scorer(tmp_path: Path) -> None:
    gold_dir = shared_path("gold", "analysis")
    reference = shared_path("gold", "analysis", "score_analysis.py")
    pred_file = tmp_path / "pred.jsonl"
    rows = _perturbed(gold_dir)
    pred_file.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(reference), str(gold_dir), str(gold_dir / "articles"), str(pred_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(out.stdout)
    ours = json.loads(json.dumps(score(load_gold(gold_dir), {r["article"]: r for r in rows})))
    assert ours == expected
    assert 0 < expected["act_acc"] < 1 and expected["junk_actor_rate"] > 0
