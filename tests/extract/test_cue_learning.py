"""The cue-table learner on a tiny hand-made article (no corpus needed)."""

from __future__ import annotations

import ast

from pipeline.extract import _RULE_MODULES
from pipeline.extract.cue_learning import frame_stats, write_table


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
    from pipeline.extract.nlp import parse_text

    doc = extractor.nlp(parse_text(text))
    stats = frame_stats([art], [doc], extractor)
    assert stats[("decide", "xcomp")] == [1, 1]
    assert all(m <= n for n, m in stats.values())
    out = tmp_path / "table.py"
    write_table(out, ["decide"], stats, "test")
    module = ast.parse(out.read_text(encoding="utf-8"))
    names = {t.target.id for t in module.body if isinstance(t, ast.AnnAssign)}
    assert names == {"CANDIDATE_LEMMAS", "CUE_STATS"}


def test_rules_hash_covers_the_cue_table():
    assert "cue_table.py" in _RULE_MODULES
