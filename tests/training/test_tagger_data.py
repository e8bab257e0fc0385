"""The tagger data's link: what `make train-tagger` hands the training environment."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.training.tagger_data import link_latest


def _touch(path: Path, mtime: float) -> None:
    path.write_bytes(b"")
    os.utime(path, (mtime, mtime))


def test_the_link_names_the_newest_keyed_data_not_the_out_of_fold_tags(tmp_path: Path):
    _touch(tmp_path / "train-0123456789ab.npz", 1_000)
    _touch(tmp_path / "train-abcdefabcdef.npz", 2_000)
    _touch(tmp_path / "train-oof.npz", 3_000)  # tagger_fit's output, written after the data
    _touch(tmp_path / "dev-fedcba987654.npz", 4_000)
    link = link_latest(tmp_path, "train")
    assert link == tmp_path / "train.npz"
    assert os.readlink(link) == "train-abcdefabcdef.npz"
    # a second call (the data cached, nothing new) replaces the link with the same target
    assert os.readlink(link_latest(tmp_path, "train")) == "train-abcdefabcdef.npz"
