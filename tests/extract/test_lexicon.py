"""The rule tables: loading the data files, verb inflection, cue lookup, the learned gate."""

from __future__ import annotations

import shutil

import pytest

from pipeline.extract import Extractor, rules_hash
from pipeline.extract.lexicon import (
    DATA_DIR,
    MIN_PRECISION,
    Lexicon,
    LexiconError,
    default_lexicon,
    smoothed_precision,
)

LEX = default_lexicon()


def test_inflection_regular_and_irregular():
    assert {"say", "says", "said", "saying"} <= LEX.inflect("say")
    assert {"admitted", "admitting"} <= LEX.inflect("admit")
    assert {"denies", "denied", "denying"} <= LEX.inflect("deny")
    assert {"notes", "noted", "noting"} <= LEX.inflect("note")


def test_verb_lemma_lookup():
    assert LEX.verb_lemma("Told") == "tell"
    assert LEX.verb_lemma("accusing") == "accuse"
    assert LEX.verb_lemma("swimming") is None  # not a cue ("walked back" is, see phrasal_cues)


def test_frames_table_parsed():
    assert "quote" in LEX.cue_frames["say"]
    assert "accuse" in LEX.cue_frames["accuse"]
    assert "p:to" in LEX.cue_frames["refer"]
    assert "say" in LEX.speech_verbs
    assert LEX.act_of("deny") == "deny" and LEX.act_of("blame") == "accuse"
    assert LEX.act_of("say") is None
    assert "call" in LEX.naming_verbs and "rumor" in LEX.passive_report_verbs


def test_learned_cue_table_gates_frames():
    # pairs seen in training are kept or blocked by their smoothed precision
    for (lemma, key), (n, m) in LEX.cue_stats.items():
        ok = smoothed_precision(n, m) >= MIN_PRECISION
        assert LEX.frame_allowed(lemma, key) == ok
    # unseen pairs fall back to the curated frames
    assert LEX.frame_allowed("say", "clause") or ("say", "clause") in LEX.cue_stats
    assert not LEX.frame_allowed("nosuchverb", "object")
    assert LEX.curated_allows("refer", "p:to")
    assert LEX.curated_allows("consider", "passive-object")
    assert not LEX.curated_allows("consider", "object")
    # every lemma with an allowed learned frame has generated verb forms
    for lemma, _key in LEX.learned_allowed:
        assert LEX.verb_lemma(lemma) is not None


def test_candidate_mode_is_a_copy():
    cand = LEX.candidate_mode(["decide"])
    assert cand.frame_allowed("spoke", "p:nowhere")
    assert cand.verb_lemma("decided") == "decide"
    # the default lexicon is untouched
    assert not LEX.frame_allowed("nosuchverb", "object")
    assert default_lexicon() is LEX


def _copy_data(tmp_path, append: dict[str, str] | None = None):
    """A copy of the rule data with lines appended to some files ({relative path: text})."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    for name, text in (append or {}).items():
        with (data / name).open("a", encoding="utf-8") as fh:
            fh.write(text)
    return data


def test_rules_hash_changes_with_any_data_file(tmp_path):
    same = Lexicon.load(_copy_data(tmp_path / "a"))
    changed = Lexicon.load(_copy_data(tmp_path / "b", {"cues/hedge_adverbs.txt": "perhaps\n"}))
    assert "perhaps" in changed.hedge_adverbs
    assert rules_hash(changed) != rules_hash(same)
    assert Extractor(lexicon=changed).version != Extractor().version


def test_duplicate_rows_are_rejected(tmp_path):
    data = _copy_data(tmp_path, {"cues/cue_verbs.tsv": "lambaste\tobject\t\t\n"})
    with pytest.raises(LexiconError, match="cue_verbs.tsv:.*duplicate"):
        Lexicon.load(data)


def test_unknown_act_is_rejected(tmp_path):
    data = _copy_data(tmp_path, {"cues/cue_verbs.tsv": "grumble\tclause\tgrumble\t\n"})
    with pytest.raises(LexiconError, match="unknown act"):
        Lexicon.load(data)


def test_a_new_cue_verb_is_one_row(tmp_path):
    assert default_lexicon().verb_lemma("grumbled") is None
    lex = Lexicon.load(_copy_data(tmp_path, {"cues/cue_verbs.tsv": "grumble\tclause quote\t\t\n"}))
    assert lex.verb_lemma("grumbled") == "grumble"
    assert "grumble" in lex.speech_verbs and lex.frame_allowed("grumble", "clause")


def test_every_data_file_has_one_table_and_every_table_a_file():
    from pipeline.extract.lexicon_tables import SEEDS, TABLES

    files = [t.file for t in TABLES if not t.file.startswith(SEEDS)]
    assert len(files) == len(set(files)), "two tables read one file"
    on_disk = {p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*") if p.is_file()}
    # the models are read by their own loaders (claims/decision, claims/labels/learned and the
    # encoder runtime with its tagger), not by a table; a README says where files come from
    models = {
        "learned/decision_model.json",
        "learned/decision_model_tagger.json",
        "learned/analysis_model.npz",
    }
    models |= {
        f
        for f in on_disk
        if f.startswith(("learned/encoder/", "learned/tagger/", "learned/tagger-finetuned/"))
        or f.endswith("README.md")
    }
    assert set(files) == on_disk - models


def test_tables_are_asked_by_name():
    assert LEX.table("person_nouns") is LEX.person_nouns and "spokesman" in LEX.person_nouns
    assert LEX.table("naming_verbs") == LEX.naming_verbs
    with pytest.raises(LexiconError, match="no rule table 'person_noun'.*person_nouns"):
        LEX.table("person_noun")
    with pytest.raises(AttributeError):
        _ = LEX.no_such_table
    with pytest.raises(AttributeError, match="read-only"):
        LEX.person_nouns = frozenset()  # type: ignore[misc]


def test_a_malformed_row_names_file_and_line(tmp_path):
    data = _copy_data(tmp_path, {"names/first_names.tsv": "maria\tf\textra\n"})
    with pytest.raises(LexiconError, match=r"first_names.tsv:\d+: 3 cells, expected 2"):
        Lexicon.load(data)
