"""Extraction that one article cannot break or hang: failures come back as records.

`Extractor.extract` reports articles over the parser's limit and errors in the rules per
article. What is left is the parse itself: an error raised while parsing, a worker that dies
(a crash, the OOM killer) or one that takes too long. So the pipeline's chunks run here, in
every mode, in forked worker processes that each parse and run the rules on a batch and send
back plain records. Every batch has a deadline from the moment its worker starts it
(NEWSCLAIMS_ARTICLE_TIMEOUT_S); a worker past it is killed. An article longer than the parser
takes at once is a batch of its own. A batch of several that fails or times out is re-run one
article at a time in a fresh worker, so only the article that fails again is recorded, with
its error; one that runs out of time again is `too_slow` (and quarantined by the writer).

Example::

    results = extract_isolated(extractor, [("a1", text1), ("a2", text2)])
    failed = [r for r in results if r.error]
"""

from __future__ import annotations

import copy
import multiprocessing
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from pipeline.common.settings import default

from . import Extractor
from .nlp import PARSE_PIECE_CHARS
from .records import ArticleExtraction

Batch = Sequence[tuple[str, str]]
TOO_SLOW = "too_slow"
DIED = "the worker process died (crash or killed)"

_worker_extractor: Extractor | None = None  # set before forking; each worker inherits it


def too_slow(timeout_s: float) -> str:
    """The error recorded for an article stopped at its deadline."""
    return (
        f"{TOO_SLOW}: not extracted within {timeout_s:.0f} s (NEWSCLAIMS_ARTICLE_TIMEOUT_S); "
        "the worker was stopped"
    )


def extract_isolated(
    extractor: Extractor, articles: Batch, timeout_s: float | None = None
) -> list[ArticleExtraction]:
    """One result per article, in input order; failed ones carry `error`."""
    articles = list(articles)
    if not articles:
        return []
    timeout_s = default("article_timeout_s") if timeout_s is None else timeout_s
    global _worker_extractor
    _worker_extractor = _single_process(extractor)
    batches = _batches(articles, getattr(extractor, "batch_size", 16))
    n_process = max(1, min(getattr(extractor, "n_process", 1), len(batches)))
    done, failed = _run_batches(batches, n_process, timeout_s)
    for batch, why in failed:
        if len(batch) == 1:
            done.append(ArticleExtraction(batch[0][0], error=why))
            continue
        # alone in a fresh worker, each article succeeds or is named
        got, again = _run_batches([[article] for article in batch], 1, timeout_s)
        done.extend(got)
        done.extend(ArticleExtraction(b[0][0], error=why_again) for b, why_again in again)
    by_id = {r.article_id: r for r in done}
    return [by_id[article_id] for article_id, _ in articles]


def _single_process(extractor: Extractor) -> Extractor:
    """What a worker runs: the extractor itself, or a copy that does not fork workers of its
    own; its pipeline is loaded here once, before forking, and shared copy-on-write."""
    if isinstance(extractor, Extractor) and extractor.n_process > 1:
        extractor = copy.copy(extractor)
        extractor.n_process = 1
    if isinstance(extractor, Extractor):
        _ = extractor.nlp
    return extractor


def _batches(articles: list[tuple[str, str]], size: int) -> list[Batch]:
    """Batches of `size` articles in input order; one the parser takes in pieces is alone, so
    its deadline is its own."""
    batches: list[list[tuple[str, str]]] = [[]]
    for article in articles:
        if len(article[1]) > PARSE_PIECE_CHARS:
            batches.append([article])
            batches.append([])
        elif len(batches[-1]) < size:
            batches[-1].append(article)
        else:
            batches.append([article])
    return [b for b in batches if b]


def _in_process(extractor: Extractor, articles: Batch) -> list[ArticleExtraction]:
    try:
        by_id = {r.article_id: r for r in extractor.extract(articles)}
    except Exception:  # a parser error: find the article that causes it
        by_id = {article_id: _one(extractor, article_id, text) for article_id, text in articles}
    return [by_id[article_id] for article_id, _ in articles]


def _one(extractor: Extractor, article_id: str, text: str) -> ArticleExtraction:
    try:
        return extractor.extract_text(text, article_id)
    except Exception as exc:
        return ArticleExtraction(article_id, error=_describe(exc))


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def _serve(conn: Connection) -> None:
    """A worker's loop: extract each batch it is sent (single process) until it gets None."""
    assert _worker_extractor is not None
    while (batch := conn.recv()) is not None:
        try:
            conn.send((True, _in_process(_worker_extractor, batch)))
        except Exception as exc:
            conn.send((False, _describe(exc)))


@dataclass
class _Worker:
    """A forked worker, the batch it runs and when it started it."""

    process: multiprocessing.Process
    conn: Connection
    batch: Batch | None = None
    started: float = 0.0

    @classmethod
    def start(cls) -> _Worker:
        parent, child = multiprocessing.Pipe()
        process = multiprocessing.get_context("fork").Process(
            target=_serve, args=(child,), daemon=True
        )
        process.start()
        child.close()  # so the parent sees EOF when the worker dies
        return cls(process, parent)

    def give(self, batch: Batch) -> None:
        self.conn.send(batch)
        self.batch, self.started = batch, time.monotonic()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _outcome(
    worker: _Worker, answered: bool, timeout_s: float, results: list[ArticleExtraction]
) -> str | None:
    """Why the worker's batch failed, or None: its results are added (answered), or it still
    has time. A worker whose batch failed is stopped by the caller."""
    if not answered:
        return too_slow(timeout_s) if time.monotonic() >= worker.started + timeout_s else None
    try:
        ok, payload = worker.conn.recv()
    except (EOFError, OSError):
        return DIED
    if not ok:
        return payload
    results.extend(payload)
    return None


def _run_batches(
    batches: list[Batch], n_process: int, timeout_s: float
) -> tuple[list[ArticleExtraction], list[tuple[Batch, str]]]:
    """Run batches on `n_process` forked workers: (results, [(failed batch, why)])."""
    results: list[ArticleExtraction] = []
    failed: list[tuple[Batch, str]] = []
    todo = deque(batches)
    workers: list[_Worker] = []
    try:
        while todo or any(w.batch is not None for w in workers):
            while todo and len(workers) < n_process:
                workers.append(_Worker.start())
            for worker in workers:
                if worker.batch is None and todo:
                    worker.give(todo.popleft())
            busy = [w for w in workers if w.batch is not None]
            first_deadline = min(w.started for w in busy) + timeout_s
            ready = wait([w.conn for w in busy], max(0.0, first_deadline - time.monotonic()))
            for worker in busy:
                why = _outcome(worker, worker.conn in ready, timeout_s, results)
                if why is not None:  # dead, failed or past its deadline: a fresh one follows
                    failed.append((worker.batch, why))
                    worker.stop()
                    workers.remove(worker)
                elif worker.conn in ready:
                    worker.batch = None
    finally:
        for worker in workers:
            worker.stop()
    return results, failed
