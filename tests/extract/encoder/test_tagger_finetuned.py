"""The fine-tuned attribution tagger (issue 27): one encoder graph that ends in the tagging
head, read per run of whole sentences; each spaCy token takes its first subword's tags."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from pipeline.common.chunks import bio_runs, first_subwords
from pipeline.extract import Extractor
from pipeline.extract.claims.decision import LearnedDecider
from pipeline.extract.encoder import load_article_tagger
from pipeline.extract.encoder.tagger import FINETUNED_DIR, FineTunedTagger

SHIPPED = (FINETUNED_DIR / "encoder.onnx").is_file()
needs_model = pytest.mark.skipif(not SHIPPED, reason="no shipped fine-tuned tagger files")


def test_a_token_takes_its_first_subword_and_blank_tokens_none() -> None:
    """Offsets as the tokenizer gives them for "[CLS] unbelievable ! [SEP]" split in three
    pieces: the word's first piece, the mark's own, nothing for a token no subword starts in."""
    offsets = np.array([[0, 0], [0, 2], [2, 6], [6, 12], [13, 14], [0, 0]])
    assert first_subwords(offsets, [0, 12, 13], [12, 13, 14]).tolist() == [1, -1, 4]


def _spans(doc, probs: np.ndarray, layer: int) -> list[str]:
    labels = probs.argmax(-1)[:, layer]
    return [doc[s:e].text for s, e in bio_runs(labels.tolist())]


@needs_model
def test_the_shipped_model_tags_a_written_sentence(extractor) -> None:
    tagger = load_article_tagger(tagger="finetuned")
    assert isinstance(tagger, FineTunedTagger)
    doc = extractor.nlp(extractor.prepare("The mayor said the budget was balanced."))
    probs = tagger(SimpleNamespace(doc=doc, text=doc.text))
    assert probs.shape == (len(doc), 3, 3)
    assert np.allclose(probs.sum(-1), 1.0, atol=1e-4)
    assert _spans(doc, probs, 0) == ["said"]
    assert _spans(doc, probs, 1) == ["The mayor"]
    assert _spans(doc, probs, 2) == ["the budget was balanced"]


@needs_model
def test_the_extractor_decides_with_the_fine_tuned_tagger_and_its_own_chooser() -> None:
    """NEWSCLAIMS_TAGGER=finetuned: the chooser fitted with this tagger (in its folder) decides,
    and a cue in a frame no finder takes becomes a claim with its speaker."""
    ex = Extractor(n_process=1, tagger="finetuned")
    assert isinstance(ex.decide, LearnedDecider) and ex.decide.tagger is not None
    assert ex.decide.tagger.decision_model == FINETUNED_DIR / "decision_model.json"
    assert "+tg-ft-" in ex.version
    text = "His aides are convinced the polls understate his support."
    found = [c for c in ex.extract_text(text, "a").claims if "polls understate" in c.content]
    assert found and found[0].speaker_text == "His aides" and found[0].confidence is not None
    without = Extractor(n_process=1)
    assert not [c for c in without.extract_text(text, "a").claims if "understate" in c.content]


@needs_model
def test_a_word_piece_without_its_own_subword_continues_the_span(extractor) -> None:
    """spaCy cuts "cannot" in two, WordPiece keeps it whole: "not" has no subword of its own
    and takes the tags of "can" as a continuation, so the content is one run."""
    tagger = load_article_tagger(tagger="finetuned")
    doc = extractor.nlp(extractor.prepare("Officials said the city cannot pay its debts."))
    probs = tagger(SimpleNamespace(doc=doc, text=doc.text))
    words = [t.text for t in doc]
    can, nt = words.index("can"), words.index("not")
    assert probs[nt, 2, 1] == 0.0 and np.isclose(probs[nt, 2, 2], probs[can, 2, 1:].sum())
    runs = bio_runs(probs.argmax(-1)[:, 2].tolist())
    assert any(s <= can and nt < e for s, e in runs)
