"""The attribution tagger: its tags become candidates the finders miss, the encoder runs once
per sentence for every consumer, and without its files the extractor is today's, said once."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

from pipeline.extract import Extractor
from pipeline.extract.claims.context import ArticleContext
from pipeline.extract.claims.decision import LearnedDecider
from pipeline.extract.claims.decision.tagged import TagView, runs, tagger_drafts
from pipeline.extract.encoder import (
    MODEL_DIR,
    encode_sentences,
    load_article_tagger,
    load_encoder,
    tagger,
)
from pipeline.extract.entities import collect_mentions

SHIPPED = (tagger.TAGGER_DIR / tagger.TAGGER_FILE).is_file()
needs_tagger = pytest.mark.skipif(not SHIPPED, reason="no shipped tagger files")


def test_runs_split_at_b_and_o() -> None:
    assert runs(np.array([1, 2, 2, 0, 1, 1, 2, 0, 2])) == [(0, 3), (4, 5), (5, 7), (8, 9)]


def _probs(n: int, marks: dict[int, tuple[int, int]]) -> np.ndarray:
    """(tokens, 3, 3) certain probabilities: token -> (layer, O/B/I label)."""
    p = np.zeros((n, 3, 3), dtype=np.float32)
    p[:, :, 0] = 1.0
    for i, (layer, label) in marks.items():
        p[i, layer] = 0.0
        p[i, layer, label] = 1.0
    return p


def test_a_tagged_cue_no_finder_proposed_becomes_a_candidate(extractor) -> None:
    """Decoding alone (tags given): the tagged source heads the speaker, the tagged content
    (quotation taken whole) is the content, and a cue a finder already proposed is not
    proposed twice."""
    text = "Democrats are calling the bill “a giveaway to the rich.” Nobody said more."
    doc = extractor.nlp(extractor.prepare(text))
    ctx = ArticleContext(doc, collect_mentions(doc, extractor.lexicon, text), extractor.lexicon)
    words = [t.text for t in doc]
    cue = words.index("calling")
    marks = {0: (1, 1), cue: (0, 1)}
    first = words.index("the")
    last = words.index("rich")
    marks.update({i: (2, 1 if i == first else 2) for i in range(first, last + 1)})
    view = TagView(ctx, _probs(len(doc), marks))
    [d] = tagger_drafts(ctx, view, [])
    assert d.speaker.text == "Democrats" and d.cue_tokens == [cue]
    content = " … ".join(text[s:e] for s, e in d.spans)
    assert content.startswith("the bill") and "rich" in content
    assert tagger_drafts(ctx, view, [d]) == []


def _tagged_view(extractor, text: str, cue: str, source: list[str], content: tuple[str, str]):
    """A TagView over `text` with the given words tagged cue, source and content (a run
    after the cue)."""
    doc = extractor.nlp(extractor.prepare(text))
    ctx = ArticleContext(doc, collect_mentions(doc, extractor.lexicon, text), extractor.lexicon)
    words = [t.text for t in doc]
    at = words.index(cue)
    marks = {at: (0, 1)}
    src = [words.index(w) for w in source]
    marks.update({i: (1, 1 if i == src[0] else 2) for i in range(src[0], src[-1] + 1)})
    first, last = words.index(content[0], at), words.index(content[1], at)
    marks.update({i: (2, 1 if i == first else 2) for i in range(first, last + 1)})
    return ctx, TagView(ctx, _probs(len(doc), marks))


def test_a_tagger_candidate_takes_the_speaker_the_parse_gives_its_cue(extractor) -> None:
    """The cue verb's subject speaks, as for the finders' cues, not the tagged source nearer
    the cue (here another clause's object)."""
    text = "Democrats, who met the mayor on Monday, are calling the bill a giveaway."
    ctx, view = _tagged_view(extractor, text, "calling", ["the", "mayor"], ("the", "giveaway"))
    [d] = tagger_drafts(ctx, view, [])
    assert d.speaker.text == "Democrats"


def test_the_tagged_source_is_headed_by_its_person(extractor) -> None:
    """Without a plausible speaker from the parse the tagged source speaks: the person in the
    run, not the document it wrote nor a word of its publication's name."""
    text = "An article by National Review's Ian Tuttle accuses Trump of exploiting voters."
    ctx, view = _tagged_view(extractor, text, "accuses", ["An", "Tuttle"], ("Trump", "voters"))
    assert view.source_head(view.cues[0]).text == "Tuttle"
    [d] = tagger_drafts(ctx, view, [])
    assert d.speaker.text == "Tuttle"


def test_the_encoder_runs_once_per_sentence_for_every_consumer(extractor) -> None:
    encoder = load_encoder(MODEL_DIR)
    text = "The minister said he did not lie. Critics disagreed. Nobody else spoke."
    doc = extractor.nlp(extractor.prepare(text))
    everything = encode_sentences(encoder, doc, text, range(3))
    before = encoder.subwords
    again = encode_sentences(encoder, doc, text, [1])
    assert encoder.subwords == before  # from the doc's memo, not encoded again
    s = list(doc.sents)[1]
    assert np.array_equal(again.sums[s.start : s.end], everything.sums[s.start : s.end])
    assert not again.has(0)  # only the sentences asked for, as before the memo


@needs_tagger
@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The governor's argument is that the state cannot afford the plan.",
            "the state cannot afford the plan",
        ),
        ("His aides are convinced the polls understate his support.", "the polls understate"),
    ],
)
def test_the_tagger_adds_a_claim_the_finders_miss(text: str, content: str) -> None:
    """Cues in frames no finder takes (a noun with a copula, a passive adjective): with the
    tagger the attribution is a claim, with its speaker; the finders and the plain model do
    not find it."""
    with_tagger = Extractor(n_process=1, tagger="on")
    assert isinstance(with_tagger.decide, LearnedDecider) and with_tagger.decide.tagger
    without = Extractor(n_process=1)
    assert "+tg-" in with_tagger.version and "+tg-" not in without.version
    found = [c for c in with_tagger.extract_text(text, "a").claims if content in c.content]
    assert found and found[0].confidence is not None
    assert found[0].speaker_text in ("The governor", "His aides")
    assert not [c for c in without.extract_text(text, "a").claims if content in c.content]


def test_without_tagger_files_the_extractor_is_today_s(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A tagger folder without its model: the plain decision model decides, said once."""
    empty = tmp_path / "tagger"
    empty.mkdir()
    if SHIPPED:
        shutil.copy(tagger.TAGGER_DIR / "manifest.json", empty / "manifest.json")
    with caplog.at_level(logging.WARNING):
        assert load_article_tagger("", str(empty)) is None
        assert load_article_tagger("", str(empty)) is None
    said = [r for r in caplog.records if "no attribution tagger" in r.getMessage()]
    assert len(said) == 1
    ex = Extractor(n_process=1, tagger=str(empty))
    assert isinstance(ex.decide, LearnedDecider) and ex.decide.tagger is None
    assert "+tg-" not in ex.version
    text = "Police said the man fled the scene."
    assert [c.cue for c in ex.extract_text(text, "a").claims] == ["said"]


def test_the_tagger_is_off_unless_asked(caplog: pytest.LogCaptureFixture) -> None:
    """Off by default (over the speed target with it, docs/model_card.md), and quietly:
    the plain decision model decides; NEWSCLAIMS_TAGGER=on (as the settings pass it) switches
    it on."""
    from pipeline.common.settings import Settings

    with caplog.at_level(logging.WARNING):
        ex = Extractor(n_process=1)
    assert isinstance(ex.decide, LearnedDecider) and ex.decide.tagger is None
    assert not [r for r in caplog.records if "tagger" in r.getMessage()]
    on = Extractor(**Settings.from_env({"NEWSCLAIMS_TAGGER": "on"}).extractor_options())
    assert on.decide.tagger is not None or not SHIPPED
