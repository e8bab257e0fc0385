"""The ids corrections are keyed by (docs/analyst.md, "What a correction is keyed by"):
`article_id` is a hash of the article's cleaned text and `claim_id` a hash of that id, the
claim's content span and its cue, so neither depends on the file's name or folder, the batch
the article was extracted in, its place in it, or the number of worker processes."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.extract import Extractor
from pipeline.ingest import Article, read_path
from tests.conftest import SEED_FILE

OTHER = ("other", "The mayor said that the bridge would reopen. “It is safe,” she said.")


def _article(path: Path) -> Article:
    (record,) = list(read_path(path))
    assert isinstance(record, Article)
    return record


def test_ids_depend_on_the_text_and_spans_only(extractor: Extractor, tmp_path: Path):
    renamed = tmp_path / "elsewhere" / "renamed.txt"
    renamed.parent.mkdir()
    shutil.copy(SEED_FILE, renamed)
    first, second = _article(SEED_FILE), _article(renamed)
    assert first.article_id == second.article_id and len(first.article_id) == 16

    alone = extractor.extract_text(first.text, first.article_id)
    _, batched = extractor.extract([OTHER, (second.article_id, second.text)])
    forked = Extractor(n_process=2, batch_size=1)
    *_, in_workers = forked.extract([OTHER, OTHER, (second.article_id, second.text)])
    ids = [c.claim_id for c in alone.claims]
    assert len(ids) >= 5 and len(set(ids)) == len(ids)
    assert [c.claim_id for c in batched.claims] == ids
    assert [c.claim_id for c in in_workers.claims] == ids


def test_an_edited_text_is_another_article(tmp_path: Path):
    edited = tmp_path / "edited.txt"
    edited.write_text(SEED_FILE.read_text(encoding="utf-8") + "\nA late correction.\n")
    assert _article(edited).article_id != _article(SEED_FILE).article_id
