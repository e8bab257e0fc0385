"""Extraction that one article cannot break or hang: failures come back as records.

`Extractor.extract` reports articles over the parser's limit and errors in the rules per
article. What is left is the parse itself: an error raised while parsing, a worker that dies
(a crash, the OOM killer) or one that never answers. `Extractor.extract` (`workers.py`) stops
the whole stream on the first two and waits for ever on the third, so the pipeline's chunks
run here instead, in a pool of forked workers that each parse and run the rules on a batch and
send back plain records. A batch that fails or times out is re-run one article at a time in a
fresh worker, so only the article that fails again is recorded, with its error.

Example::

    results = extract_isolated(extractor, [("a1", text1), ("a2", text2)])
    failed = [r for r in results if r.error]
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from . import Extractor
from .records import ArticleExtraction

Batch = Sequence[tuple[str, str]]
# A batch of 16 news articles parses in seconds; even a 1M-character article in about 80 s.
BATCH_TIMEOUT_S = 600.0

_worker_extractor: Extractor | None = None  # set before forking; each worker inherits it


def extract_isolated(
    extractor: Extractor, articles: Batch, timeout_s: float = BATCH_TIMEOUT_S
) -> list[ArticleExtraction]:
    """One result per article, in input order; failed ones carry `error`."""
    articles = list(articles)
    n_process = getattr(extractor, "n_process", 1)  # a wrapped extractor runs in process
    if n_process <= 1 or len(articles) < extractor.batch_size * n_process:
        return _in_process(extractor, articles)
    global _worker_extractor
    _worker_extractor = Extractor(
        extractor.model,
        n_process=1,
        batch_size=extractor.batch_size,
        disable=extractor.disable,
        lexicon=extractor.lexicon,
        decide=extractor.decide,
        labellers=extractor.labellers,
    )
    assert _worker_extractor.nlp is not None  # loaded here once, shared copy-on-write
    size = extractor.batch_size
    batches = [articles[i : i + size] for i in range(0, len(articles), size)]
    done, failed = _run_batches(batches, n_process, timeout_s)
    for batch, _why in failed:  # alone in a fresh worker, each article succeeds or is named
        for article in batch:
            got, again = _run_batches([[article]], 1, timeout_s)
            done.extend(got or [ArticleExtraction(article[0], error=again[0][1])])
    by_id = {r.article_id: r for r in done}
    return [by_id[article_id] for article_id, _ in articles]


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


def _work(batch: Batch) -> list[ArticleExtraction]:
    """In a worker: extract one batch (single process)."""
    assert _worker_extractor is not None
    return _in_process(_worker_extractor, batch)


def _run_batches(
    batches: list[Batch], n_process: int, timeout_s: float
) -> tuple[list[ArticleExtraction], list[tuple[Batch, str]]]:
    """Run batches in a pool of forked workers: (results, [(failed batch, why)])."""
    results: list[ArticleExtraction] = []
    failed: list[tuple[Batch, str]] = []
    pool = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork"))
    futures: dict[Future, Batch] = {pool.submit(_work, batch): batch for batch in batches}
    pending = set(futures)
    try:
        while pending:
            finished, pending = wait(pending, timeout=timeout_s, return_when=FIRST_COMPLETED)
            if not finished:  # nothing finished for timeout_s: a worker hangs
                failed.extend((futures[f], f"timed out after {timeout_s:.0f} s") for f in pending)
                break
            for future in finished:
                try:
                    results.extend(future.result())
                except BrokenProcessPool:
                    failed.append((futures[future], "the worker process died (crash or killed)"))
                except Exception as exc:
                    failed.append((futures[future], _describe(exc)))
    finally:
        _shut(pool)
    return results, failed


def _shut(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once, killing workers that still run (a hung or dying one included)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=True, cancel_futures=True)
