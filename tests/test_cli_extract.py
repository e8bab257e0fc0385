"""`newsclaims extract --jsonl` on a text file that cleaning changes: offsets index the file
as read, not the cleaned text (`records.claim_in_source`)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.cli.main import main

# runs of spaces and blank lines that cleaning collapses shift every later offset
TEXT = (
    "Bridge   to   reopen\n\n\n\n"
    "The   mayor said   that the bridge would reopen and traffic would return.\n\n\n"
    "“It is safe,”    she said.\n"
)


def test_extract_offsets_point_into_the_file_as_read(tmp_path: Path, capsys) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(path), "--jsonl", "--n-process", "1"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 2
    for row in rows:
        assert TEXT[row["cue_start"] : row["cue_end"]] == row["cue"] == "said"
        assert TEXT[row["content_start"] : row["content_end"]] == row["content"]
        assert [row["content_start"], row["content_end"]] == row["content_spans"][0]
    bridge = next(r for r in rows if "bridge" in r["content"])
    # the file's own spacing, which the cleaned text collapsed
    assert bridge["content"].startswith("that the bridge")
    assert TEXT[bridge["speaker_start"] : bridge["speaker_end"]] == "The   mayor"


def test_extract_of_a_missing_file_is_one_line_naming_it(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nowhere" / "file.txt"
    assert main(["extract", str(missing), "--jsonl"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == f"newsclaims: error: no such file or folder: {missing}"
