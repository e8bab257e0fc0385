"""A long article is parsed in pieces: the parser's memory stays bounded, and the rules still see
one Doc of the whole text, with every record quoting it at its offsets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.extract import Extractor
from pipeline.extract.nlp import PARSE_PIECE_CHARS, parser_pieces

ROOT = Path(__file__).resolve().parents[2]
SEED_FILE = ROOT / "seeds" / "000_a81c1ecdc2e2b03d.txt"
# Extracts endless(200_000) in a process of its own and prints its peak memory in MB.
MEASURED = """
import sys
sys.path.insert(0, "tests/extract")
from test_long_articles import endless
from pipeline.extract import Extractor
result = Extractor(n_process=1).extract_text(endless(int(sys.argv[1])), "long")
assert result.claims and not result.error
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(int(peak.split()[1]) // 1024)  # not ru_maxrss: it keeps the forked test process's peak
"""


def endless(chars: int) -> str:
    """The seed article's body with its full stops turned into commas, repeated to about
    `chars` characters: one report that never ends a sentence."""
    body = SEED_FILE.read_text("utf-8").split("\n", 1)[1].replace(". ", ", ")
    return "An endless report\n\n" + body * (chars // len(body))


def test_pieces_join_back_and_cut_after_a_line_break_or_a_sentence():
    text = endless(3 * PARSE_PIECE_CHARS)
    pieces = parser_pieces(text)
    assert "".join(pieces) == text
    assert all(len(p) <= PARSE_PIECE_CHARS for p in pieces) and len(pieces) >= 3
    assert all(
        p[-1].isspace() and not p[-2].isalnum() for p in pieces[:-1]
    )  # after a break or punctuation
    assert parser_pieces("Words, more words" * 4, limit=40)[0] == "Words, more wordsWords, more "
    assert parser_pieces("x" * 100, limit=40) == ["x" * 40, "x" * 40, "x" * 20]


def test_a_long_article_is_one_doc_whose_records_quote_the_text():
    extractor = Extractor(n_process=1)
    text = endless(PARSE_PIECE_CHARS * 2 + 5_000)
    doc = extractor.parse(text)
    assert doc.text == extractor.prepare(text)
    starts = {t.idx for t in doc if t.is_sent_start}
    assert {len("".join(parser_pieces(doc.text)[:k])) for k in range(1, 3)} <= starts
    result = extractor.extract_text(text, "long")
    assert len(result.claims) > 50
    for claim in result.claims:
        assert text[claim.content_start : claim.content_end] == claim.content
    for mention in result.mentions:
        assert text[mention.start_char : mention.end_char] == mention.text


@pytest.mark.slow
def test_a_200k_character_article_is_extracted_in_bounded_memory():
    """Parsed whole, this article took 774 MB; in pieces 336 MB (the model alone ~230 MB)."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, "200000"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) < 550
