"""The learned act-and-accused layer on real sentences, for each way news carries an
accusation, and its files: the model and the derived lexicons load with no network, a bad model
file is refused with its name, and without the model the rules decide (said once)."""

from __future__ import annotations

import logging
import socket
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from pipeline.common.settings import Settings
from pipeline.extract import Extractor
from pipeline.extract.claims.labels import LABELLERS, label_act
from pipeline.extract.claims.labels.learned import labeller as labeller_module
from pipeline.extract.claims.labels.learned.labeller import (
    MODEL_PATH,
    LearnedActs,
    default_labellers,
)
from pipeline.extract.claims.labels.learned.model import AnalysisModel, AnalysisModelError
from pipeline.extract.claims.labels.learned.words import word_classes_of
from pipeline.extract.lexicon import default_lexicon


@pytest.fixture(scope="module")
def learned() -> Extractor:
    ex = Extractor(n_process=1, tagger="none")  # the tagger would encode every sentence
    assert isinstance(ex.labellers[0], LearnedActs), "the shipped model and encoder must load"
    assert label_act not in ex.labellers  # the learned labeller takes the rules' place
    return ex


def _claim(ex: Extractor, text: str, part: str):
    res = ex.extract_text(text, "t")
    for c in res.claims:
        if part in c.content:
            accused = {
                t.target_name: t.confidence
                for t in res.targets
                if t.claim_id == c.claim_id and t.role == "accused"
            }
            return c, accused
    raise AssertionError(f"no claim with {part!r} in {[c.content for c in res.claims]}")


def test_model_and_lexicons_load_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    model = AnalysisModel.load(MODEL_PATH)
    assert model.acts == ("accuse", "assert", "deny", "hedge", "noncommittal")
    words = word_classes_of(default_lexicon())
    assert "wrong" in words.classes("raped", "v") and words.valence("liar") < -1


def test_a_broken_model_file_is_refused_by_name(tmp_path: Path) -> None:
    bad = tmp_path / "analysis_model.npz"
    np.savez(bad, format=np.array("something-else/1"))
    with pytest.raises(AnalysisModelError, match="analysis_model.npz"):
        AnalysisModel.load(bad)


def test_without_the_model_the_rules_decide_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("NEWSCLAIMS_ANALYSIS_MODEL", str(tmp_path / "missing.npz"))
    options = Settings.from_env().extractor_options()  # the variable, as a caller reads it
    labeller_module.say_rules_acts.cache_clear()
    with caplog.at_level(logging.WARNING):
        assert default_labellers(options["analysis_model"]) == LABELLERS
        assert Extractor(**options).labellers == LABELLERS
    said = [r for r in caplog.records if "no analysis model" in r.getMessage()]
    assert len(said) == 1 and "missing.npz" in said[0].getMessage()


# One sentence for each way news carries an accusation that the rules' cue lists miss; the
# shipped model (trained on the shared gold, none of these sentences) must get act and accused.
ACCUSATIONS = [
    # content-borne wrongdoing: the cue is a plain "claimed"
    (
        "Summer Zervos claimed Trump had sexually assaulted her at a hotel in 2007.",
        "assaulted",
        "Trump",
    ),
    # a quoted insult
    (
        '"Donald Trump is a liar and a fraud," Senator Marco Rubio said on Sunday.',
        "liar",
        "Donald Trump",
    ),
    # a call to resign
    (
        "Democrats called on Attorney General Jeff Sessions to resign over his contacts with "
        "the Russian ambassador.",
        "resign",
        "Jeff Sessions",
    ),
    # a court finding
    (
        "The federal judge ruled that the Trump administration had violated the law by ending "
        "the program.",
        "violated",
        "Trump",
    ),
]


@pytest.mark.parametrize(("text", "part", "accused"), ACCUSATIONS)
def test_accusations_carried_by_content(
    learned: Extractor, text: str, part: str, accused: str
) -> None:
    claim, found = _claim(learned, text, part)
    assert claim.act == "accuse", claim
    assert accused in found, found
    assert 0.0 < claim.act_confidence <= 1.0 and 0.0 < found[accused] <= 1.0


def test_a_denial_accuses_the_party_whose_wrongdoing_is_denied(learned: Extractor) -> None:
    claim, found = _claim(
        learned,
        "Kremlin spokesman Dmitry Peskov denied that Russia had interfered in the election.",
        "interfered",
    )
    assert claim.act == "deny" and set(found) == {"Russia"}


def test_a_plain_statement_stays_an_assertion(learned: Extractor) -> None:
    claim, found = _claim(learned, "The mayor said the new bridge will open in March.", "bridge")
    assert claim.act == "assert" and found == {} and claim.act_confidence > 0.5


def test_rules_alone_miss_them(learned: Extractor) -> None:
    """The same sentences under the rules' acts: what the learned layer adds (if the rules
    caught them all, the tests above would not show the model at work)."""
    rules = Extractor(n_process=1, labellers=LABELLERS)
    missed = 0
    for text, part, accused in ACCUSATIONS:
        claim, found = _claim(rules, text, part)
        missed += claim.act != "accuse" or accused not in found
        assert claim.act_confidence is None
    assert missed >= 2


def test_an_accusation_never_accuses_its_own_speaker(learned: Extractor) -> None:
    """The pronoun resolves to the speaker (an actor the claim is about), who is never its
    accused: none of the 287 gold accusations accuses its own speaker."""
    res = learned.extract_text("Senator John Smith said he had lied to the committee.", "t")
    (claim,) = res.claims
    roles = {t.role for t in res.targets if t.target_name == "John Smith"}
    assert claim.speaker_name == "John Smith" and "about" in roles, res.targets
    assert "accused" not in roles and "accused_if_accuse" not in roles


@pytest.mark.parametrize(
    ("text", "part", "accused"),
    [
        # the claimant is not accused: a rejected claim is nobody's wrongdoing
        ("Mayor Muriel Bowser rejected Donald Trump's accusations as baseless.", "baseless", set()),
        # the party whose alleged wrongdoing is denied is, whoever alleged it
        (
            "Kremlin spokesman Dmitry Peskov dismissed the allegation by Ukraine that Russia "
            "had shelled the plant.",
            "shelled",
            {"Russia"},
        ),
    ],
)
def test_a_dismissed_claim_is_a_denial(
    learned: Extractor, text: str, part: str, accused: set[str]
) -> None:
    claim, found = _claim(learned, text, part)
    assert claim.act == "deny" and set(found) == accused, (claim.act, found)


def test_whom_a_claim_would_accuse_is_kept_for_an_act_correction(learned: Extractor) -> None:
    """An assertion stores whom the ranker would accuse were it an accusation (dbt takes them
    when a reviewed correction makes it one); nothing else shows them."""
    text = "Senator Marco Rubio said Donald Trump had met the Russian ambassador twice."
    res = learned.extract_text(text, "t")
    (claim,) = res.claims
    roles = {(t.target_name, t.role) for t in res.targets}
    assert claim.act == "assert" and ("Donald Trump", "accused_if_accuse") in roles
    assert not any(role == "accused" for _, role in roles)


def test_plain_assertions_skip_the_encoder(
    learned: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cascade: a claim the sparse features settle as an assertion is decided without
    encoding its sentence; an accusation the content carries is encoded and decided by the
    full model. The cascade survives a save and load."""
    model = AnalysisModel.load(MODEL_PATH)
    assert model.cascade is not None and 0.5 <= model.cascade[0] < 1
    model.save(tmp_path / "m.npz")
    assert AnalysisModel.load(tmp_path / "m.npz").cascade == model.cascade
    encoded: list[str] = []
    encoder = learned.labellers[0].encoder
    real = type(encoder).encode
    monkeypatch.setattr(
        type(encoder), "encode", lambda self, texts: encoded.extend(texts) or real(self, texts)
    )
    plain = "The mayor said the new bridge will open in March."
    claim, _ = _claim(learned, plain, "bridge")
    assert claim.act == "assert" and encoded == []
    assert claim.act_confidence == pytest.approx(model.cascade[1], abs=1e-4)
    accusing = "The senator said the governor lied to voters and stole money from the schools."
    _claim(learned, accusing, "governor")
    assert encoded == [accusing]
    encoded.clear()  # an act the rules keep is theirs: nothing to encode either
    kept = "Minister Dmytro Kuleba said: “I can neither confirm nor reject the claim.”"
    claim, _ = _claim(learned, kept, "neither confirm")
    assert claim.act == "noncommittal" and encoded == []


def test_a_model_fitted_for_other_encoder_features_is_refused(tmp_path: Path) -> None:
    """A model of before Dec 8 (its ranker read candidate states) would crash at the first
    claim: it is refused by name at load, and the rules decide instead."""
    model = AnalysisModel.load(MODEL_PATH)
    old = replace(model, ranker=replace(model.ranker, w_dense=np.zeros((1, 384))))
    old.save(tmp_path / "old.npz")
    with pytest.raises(AnalysisModelError, match="old.npz.*make train"):
        AnalysisModel.load(tmp_path / "old.npz")
