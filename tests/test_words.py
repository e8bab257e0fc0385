"""The word-token pattern has one home (`pipeline/common/words.py`): no module compiles it again."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.common.words import WORD_RE
from tests import one_home

PIPELINE = Path(__file__).resolve().parents[1] / "pipeline"
# re.compile(r"\w+") or re.compile("\\w+"), with or without flags
_COPY = re.compile(r"""re\.compile\(\s*r?(["'])\\{1,2}w\+\1""")


def copies(root: Path) -> list[str]:
    """`path:line` of every module under `root` that compiles the word pattern itself."""
    return one_home.copies(_COPY, root, home=PIPELINE / "common" / "words.py")


def test_no_module_defines_the_word_pattern_again():
    assert copies(PIPELINE) == []


def test_a_copy_is_found(tmp_path: Path):
    (tmp_path / "mod.py").write_text('import re\n_W = re.compile(r"\\w+", re.UNICODE)\n')
    assert copies(tmp_path) == [f"{tmp_path.name}/mod.py:2"]


def test_words_are_runs_of_word_characters():
    assert WORD_RE.findall("Peskov's “no comment” (2024)") == [
        "Peskov",
        "s",
        "no",
        "comment",
        "2024",
    ]
