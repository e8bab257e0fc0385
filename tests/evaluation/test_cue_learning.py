"""The cue-table learner on a tiny hand-made article (no corpus needed)."""

from __future__ import annotations

import shutil

from pipeline.evaluation.cue_learning import frame_stats, write_table
from pipeline.extract import Extractor
from pipeline.extract.lexicon import DATA_DIR, Lexicon, default_lexicon


def test_frame_stats_and_table(extractor, tmp_path):
    text = (
        "Budget fight\n\n"
        "The senator decided to run for governor. "
        "The mayor spoke to reporters about the budget."
    )
    start = text.index("to run")
    end = text.index(".", start)
    cue = text.index("decided")
    art = {
        "name": "a1",
        "text": text,
        "attributions": [
            {
                "source": [[text.index("The senator"), text.index("The senator") + 11, "x"]],
                "cue": [[cue, cue + 7, "decided"]],
                "content": [[start, end, text[start:end]]],
            }
        ],
    }
    candidates = Extractor(lexicon=default_lexicon().candidate_mode(["decide"]))
    doc = extractor.nlp(extractor.prepare(text))
    stats = frame_stats([art], [doc], candidates)
    assert stats[("decide", "xcomp")] == [1, 1]
    assert all(m <= n for n, m in stats.values())
    # the written table is what the lexicon reads
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    write_table(data / "learned", ["decide"], stats, "test")
    lex = Lexicon.load(data)
    assert lex.cue_stats[("decide", "xcomp")] == (1, 1)
    assert lex.candidate_lemmas == ("decide",)


def test_the_learned_table_is_hashed_into_the_version():
    assert DATA_DIR / "learned" / "cue_table.tsv" in default_lexicon().sources
