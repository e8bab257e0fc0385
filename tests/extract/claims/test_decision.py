"""The learned decision pass: candidates of blocked frames, boundary alternatives, the shipped
model, confidence on every claim, and the rules-alone fallback."""

from __future__ import annotations

import logging
import math
import shutil
from pathlib import Path

import pytest

from pipeline.common.settings import Settings
from pipeline.extract import Extractor, Lexicon
from pipeline.extract.claims import ArticleContext
from pipeline.extract.claims.decision import (
    MODEL_FILE,
    DecisionModel,
    LearnedDecider,
    ModelError,
    load_decider,
    model_path,
    say_rules_alone,
)
from pipeline.extract.claims.decision.alternatives import alternatives, fragments
from pipeline.extract.claims.decision.decider import Choice, select
from pipeline.extract.claims.decision.rules import decide_by_rules
from pipeline.extract.claims.finders import find_candidates
from pipeline.extract.entities import collect_mentions
from pipeline.extract.lexicon import DATA_DIR

SEEN_AS = "The governor saw the report as a political attack on his office."
BLOCKED = "Analysts see that the economy is slowing."


def _ctx(extractor: Extractor, text: str, propose_blocked: bool = False) -> ArticleContext:
    doc = extractor.nlp(extractor.prepare(text))
    mentions = collect_mentions(doc, extractor.lexicon, text)
    return ArticleContext(doc, mentions, extractor.lexicon, text, propose_blocked=propose_blocked)


def test_the_model_ships_and_decides_by_default(extractor):
    assert model_path(extractor.lexicon) is not None
    assert isinstance(extractor.decide, LearnedDecider)
    assert "+dm-" in extractor.version


def test_every_claim_has_a_confidence(claims_of):
    text = (
        "Kremlin spokesman Dmitry Peskov said the talks had failed. “We are not going back,” "
        "he told reporters. Critics fear that the sanctions will hurt farmers."
    )
    claims = claims_of(text)
    assert len(claims) >= 2
    for c in claims:
        assert c.confidence is not None and 0.0 <= c.confidence <= 1.0


def test_blocked_frames_are_candidates_only_for_the_model(extractor):
    rules_only = find_candidates(_ctx(extractor, BLOCKED))
    assert not any(d.gated for d in rules_only)
    with_blocked = find_candidates(_ctx(extractor, BLOCKED, propose_blocked=True))
    gated = [d for d in with_blocked if d.gated]
    assert [(d.lemma, d.frame) for d in gated] == [("see", "clause")]
    assert not extractor.lexicon.frame_allowed("see", "clause")


def test_blocked_candidates_leave_the_rules_decision_alone(extractor):
    text = BLOCKED + " " + SEEN_AS + " Officials told reporters the plan was dead."
    seen: list = []

    def recording(ctx, drafts):
        seen.extend(d for d in drafts if d.gated)
        return decide_by_rules(ctx, [d for d in drafts if not d.gated])

    recording.wants_blocked_frames = True
    plain = Extractor(decide=decide_by_rules).extract_text(text).claims
    recorded = Extractor(decide=recording).extract_text(text).claims
    assert seen  # the recorder did see blocked candidates ...
    assert [(c.cue, c.content) for c in recorded] == [(c.cue, c.content) for c in plain]


def test_a_signed_quotation_is_one_candidate_with_blocked_ones_about(extractor):
    text = BLOCKED + "\n\n“Money is the root of all evil, and they know it.” ― Krystal Correa\n"
    seen: list = []

    def recording(ctx, drafts):
        seen.extend(drafts)
        return decide_by_rules(ctx, [d for d in drafts if not d.gated])

    recording.wants_blocked_frames = True
    Extractor(decide=recording).extract_text(text)
    signed = [d for d in seen if d.category == "signature"]
    assert any(d.gated for d in seen)
    assert len(signed) == 1 and not signed[0].gated


def test_boundary_alternatives_on_a_real_sentence(extractor):
    ctx = _ctx(extractor, SEEN_AS)
    drafts = [d for d in find_candidates(ctx) if d.lemma == "see"]
    assert len(drafts) == 1
    d = drafts[0]
    d.spans = fragments(ctx, d.content)
    alts = {
        name: " … ".join(SEEN_AS[s:e] for s, e in spans)
        for name, spans in alternatives(ctx, d).items()
    }
    assert alts["rule"] == "a political attack on his office"
    assert alts["right_subtree"] == "the report as a political attack on his office"


def test_the_model_picks_the_wider_boundary_when_it_fits(claims_of):
    claims = claims_of(SEEN_AS)
    assert [c.content for c in claims] == ["the report as a political attack on his office"]


def test_select_keeps_rule_claims_by_threshold_and_new_ones_without_repeats():
    choices = [
        Choice(0.9, True, "the talks failed", "a"),
        Choice(0.1, True, "weather was fine", "b"),
        Choice(0.8, False, "the talks failed badly", "c"),  # repeats a
        Choice(0.7, False, "prices will rise", "d"),
        Choice(0.4, False, "the war will end", "e"),
    ]
    assert select(choices, threshold_rule=0.2, threshold_new=0.6) == ["a", "d"]


def test_model_file_round_trip_and_fingerprint(tmp_path):
    model = DecisionModel.load(DATA_DIR / MODEL_FILE)
    copy = tmp_path / "m.json"
    model.save(copy)
    again = DecisionModel.load(copy)
    assert again == model and again.fingerprint == model.fingerprint
    feats = {"lemma=say": 1.0, "frame=clause": 1.0, "rule": 1.0, "cue_prec": 0.9}
    p = model.confidence(feats)
    assert 0.0 < p < 1.0 and not math.isnan(p)


def test_a_broken_model_file_is_named(tmp_path):
    bad = tmp_path / "decision_model.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ModelError, match="decision_model.json"):
        DecisionModel.load(bad)


def _lexicon_without_model(tmp_path: Path) -> Lexicon:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / MODEL_FILE).unlink()
    return Lexicon.load(data)


def test_without_the_model_the_rules_decide_and_say_so_once(tmp_path, caplog):
    lex = _lexicon_without_model(tmp_path)
    with caplog.at_level(logging.WARNING, logger="pipeline.extract"):
        first = Extractor(lexicon=lex)
        second = Extractor(lexicon=lex)
    assert first.decide is decide_by_rules and second.decide is decide_by_rules
    messages = [r.getMessage() for r in caplog.records if "no decision model" in r.getMessage()]
    assert len(messages) == 1 and "rules alone" in messages[0]
    claims = first.extract_text("The mayor said that the bridge would reopen.").claims
    assert [c.cue for c in claims] == ["said"] and claims[0].confidence is None
    assert load_decider(lex) is None


def test_the_setting_turns_the_model_off_and_says_so_once(monkeypatch, caplog):
    monkeypatch.setenv("NEWSCLAIMS_DECISION_MODEL", "none")
    say_rules_alone.cache_clear()  # once per process: another test may have said it already
    with caplog.at_level(logging.WARNING, logger="pipeline.extract"):
        choice = Settings.from_env().decision_model  # the variable, read as a caller reads it
        ex = Extractor(decision_model=choice)
        Extractor(decision_model=choice)
    assert ex.decide is decide_by_rules and "rules" in ex.version.split("+")
    messages = [
        r.getMessage() for r in caplog.records if "NEWSCLAIMS_DECISION_MODEL" in r.getMessage()
    ]
    assert len(messages) == 1 and "rules alone" in messages[0]
