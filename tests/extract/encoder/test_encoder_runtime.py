"""The shipped text encoder: loads from the repository's files with no network, aligns its
subwords to spaCy tokens by characters, batches by length without changing results, and is
absent cleanly (None, said once) when its files are missing."""

from __future__ import annotations

import logging
import shutil
import socket
from pathlib import Path

import numpy as np
import pytest

from pipeline.common.settings import Settings
from pipeline.extract import Extractor
from pipeline.extract.claims.labels import LABELLERS
from pipeline.extract.encoder import MODEL_DIR, Encoder, encode_sentences, load_encoder, runtime


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    enc = load_encoder(MODEL_DIR)
    assert enc is not None, "the shipped encoder files must load"
    return enc


def test_loads_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening any socket while loading fails the test: the model files are all local."""

    def refuse(*args, **kwargs):
        raise AssertionError("the encoder tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    enc = Encoder(MODEL_DIR)
    [out] = enc.encode(["Police said Emery shot his girlfriend."])
    assert out.hidden.shape[1] == 384 and out.tags is None


def test_a_text_s_states_do_not_depend_on_its_batch_mates(encoder: Encoder) -> None:
    """int8 activations are scaled per call: each sentence must get the same states whatever
    else the article holds (extraction stays reproducible)."""
    texts = ["She denied it.", "Prosecutors said the men defrauded investors of millions.", "No."]
    together = encoder.encode(texts)
    alone = [encoder.encode([t])[0] for t in texts]
    for a, b in zip(together, alone, strict=True):
        assert a.hidden.shape == b.hidden.shape
        assert np.array_equal(a.hidden, b.hidden)


def test_token_states_follow_spacy_tokens(encoder: Encoder, extractor) -> None:
    """ "didn't" is one word to WordPiece's pre-tokeniser and two tokens to spaCy: each spaCy
    token still gets the subwords that start inside it; only the asked-for sentence is
    encoded."""
    text = "The minister said he didn't lie. Critics disagreed."
    doc = extractor.nlp(extractor.prepare(text))
    states = encode_sentences(encoder, doc, text, [0])
    first = list(doc.sents)[0]
    assert all(states.has(t.i) for t in first if not t.is_space)
    assert not any(states.has(t.i) for t in list(doc.sents)[1])
    lie = next(t for t in doc if t.text == "lie")
    said = next(t for t in doc if t.text == "said")
    v_lie, v_said = states.mean([lie.i]), states.mean([said.i])
    assert v_lie.shape == (384,) and not np.allclose(v_lie, v_said)
    assert not states.mean([]).any()


def test_missing_files_mean_no_encoder_said_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "encoder"
    folder.mkdir()
    shutil.copy(MODEL_DIR / "tokenizer.json", folder / "tokenizer.json")
    runtime.say_no_encoder.cache_clear()
    with caplog.at_level(logging.WARNING):
        assert load_encoder(folder) is None
        assert load_encoder(folder) is None
    said = [r.getMessage() for r in caplog.records if "no text encoder" in r.getMessage()]
    assert len(said) == 1 and "encoder.onnx" in said[0] and "make encoder-export" in said[0]


def test_none_setting_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSCLAIMS_ENCODER", "none")
    cfg = Settings.from_env()  # the variable, read as a caller reads it
    assert load_encoder(cfg.encoder, cfg.encoder_threads) is None
    assert Extractor(**cfg.extractor_options()).labellers == LABELLERS  # the rules' acts


def test_a_bare_load_reads_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The caller passes the setting: a variable set after the settings were read changes
    nothing here (house rule: only `Settings` reads the environment)."""
    monkeypatch.setenv("NEWSCLAIMS_ENCODER", "none")
    assert load_encoder() is not None
