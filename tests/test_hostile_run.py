"""A whole run (`newsclaims run`: ingest, extract, dbt build with its tests, GX checks, publish,
report) on a folder holding every hostile class of `tests/fuzz_corpus.py`, plus a reader that
fails on one file and files that vanish while the run reads the folder. It must end SUCCESS,
exit 0 and account for every input as an article or a quarantine row in the published warehouse.
Ingest-only tests stopped before dbt, which is how a reason dbt refused failed whole runs."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipeline.cli.main import main
from pipeline.ingest import folder
from pipeline.ingest.records import printable

from .fuzz_corpus import MAX_BYTES, MAX_CHARS, PROSE, Expect, build_corpus, unlock

pytestmark = pytest.mark.slow


def _reader_with_a_bug(seeds: Path, real=folder.read_path):
    """The real reader, except that it raises on `reader_bug.txt` (a reader bug stands for any
    unknown one) and, while it reads `good.txt`, deletes `vanishes.txt` (listed, then gone)."""

    def read_path(path: Path, **kwargs):
        if path.name == "reader_bug.txt":
            raise RuntimeError("a reader bug")
        if path.name == "good.txt":
            (seeds / "vanishes.txt").unlink()
        return real(path, **kwargs)

    return read_path


@contextlib.contextmanager
def _flickering(path: Path) -> Iterator[None]:
    """A file created and deleted over and over (an editor's or a sync tool's temporary file)
    for as long as the block runs."""
    stop = threading.Event()

    def flicker() -> None:
        while not stop.is_set():
            path.write_text(f"Flicker\n\n{PROSE} It comes and goes.", encoding="utf-8")
            stop.wait(0.003)
            path.unlink(missing_ok=True)
            stop.wait(0.003)

    thread = threading.Thread(target=flicker, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def test_a_run_on_every_hostile_class_ends_success_with_every_input_accounted_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
):
    seeds = tmp_path / "seeds"
    expected = [e for case in build_corpus(seeds, tmp_path / "elsewhere") for e in case.expect]
    (seeds / "reader_bug.txt").write_text(f"Bug\n\n{PROSE} A bug.", encoding="utf-8")
    (seeds / "vanishes.txt").write_text(f"Gone\n\n{PROSE} It went.", encoding="utf-8")
    expected += [
        Expect("reader_bug.txt", "quarantine", "reader_error"),
        Expect("vanishes.txt", "quarantine", "unreadable"),
    ]
    published = tmp_path / "w" / "newsclaims.duckdb"
    for name, value in {
        "NEWSCLAIMS_SEEDS": seeds,  # `run --seeds` sets them for the process: restored after
        "NEWSCLAIMS_WAREHOUSE": published,
        "NEWSCLAIMS_MAX_FILE_BYTES": MAX_BYTES,
        "NEWSCLAIMS_MAX_ARTICLE_CHARS": MAX_CHARS,
        "DAGSTER_HOME": "",  # an ephemeral instance
    }.items():
        monkeypatch.setenv(name, str(value))
    monkeypatch.delenv("NEWSCLAIMS_WORK_DB", raising=False)
    monkeypatch.setattr(folder, "read_path", _reader_with_a_bug(seeds))
    try:
        with _flickering(seeds / "flicker.txt"):
            status = main(["run", "--seeds", str(seeds), "--warehouse", str(published)])
    finally:
        unlock(seeds)
    out = capsys.readouterr().out
    assert status == 0, out
    assert "newsclaims run: SUCCESS" in out and "FAILED (blocking)" not in out, out

    with duckdb.connect(str(published), read_only=True) as con:
        articles = con.execute("SELECT source_path FROM raw.articles").fetchall()
        quarantine = con.execute("SELECT path, line_number, reason FROM raw.quarantine").fetchall()
        n_marts = con.execute("SELECT count(*) FROM marts.dim_articles").fetchone()[0]
    flicker = {"flicker.txt"}  # there or not, read or not when the run looked: any is right
    articles = sorted(a[0] for a in articles if a[0] not in flicker)
    quarantine = sorted((q for q in quarantine if q[0] not in flicker), key=str)
    assert articles == sorted(printable(e.path) for e in expected if e.outcome == "article")
    want = [(printable(e.path), e.line, e.reason) for e in expected if e.outcome == "quarantine"]
    assert quarantine == sorted(want, key=str)
    assert n_marts >= len(articles)  # the marts were built and published with them
