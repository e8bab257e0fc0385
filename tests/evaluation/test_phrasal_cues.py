"""The phrasal-cue learner on tiny hand-made articles (no corpus needed)."""

from __future__ import annotations

import shutil

from pipeline.evaluation.phrasal_cues import learn, write
from pipeline.extract.lexicon import DATA_DIR, Lexicon, default_lexicon


def _article(name: str, text: str, cue: str) -> dict:
    at = text.index(cue)
    rest = at + len(cue) + 1
    end = text.index(".", rest)
    return {
        "name": name,
        "text": text,
        "attributions": [
            {
                "source": [],
                "cue": [[at, at + len(cue), cue]],
                "content": [[rest, end, text[rest:end]]],
            }
        ],
    }


def test_pairs_counted_from_gold_cues_and_gated_by_surface_counts(extractor, tmp_path):
    texts = [
        "The governor waved off the report on schools.",
        "The mayor waved off the complaints of the union.",
        "The senator waved off every question about the deal.",
    ]
    arts = [_article(f"a{i}", t, "waved off") for i, t in enumerate(texts)]
    # a fourth use of the pair that no annotator marked: four surface uses, three cues
    arts.append({"name": "a9", "text": "She waved off the flies.", "attributions": []})
    rows = learn(arts, default_lexicon(), extractor.nlp)
    assert ("wave", "p:off", 4, 3) in rows
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    write(data / "learned" / "phrasal_cues.tsv", rows, "test")
    lex = Lexicon.load(data)
    assert lex.cue_stats[("wave", "p:off")] == (4, 3)
    assert lex.frame_allowed("wave", "p:off")  # (3 + 0.8) / 6 >= MIN_PRECISION
