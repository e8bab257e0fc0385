"""Parse and run the rules in forked worker processes, streaming results in input order.

`Extractor.extract` uses this when it has more than one batch per process: each worker parses
a batch and runs the rules on it, and sends back plain records. With spaCy's own worker
processes only the parse is parallel and the rules run afterwards in the calling process,
which on 2 cores holds back the workers that feed it (`make bench` times both ways).

Example::

    for result, seconds in extract_in_workers(extractor, pairs, n_process=2):
        ...
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

from .records import ArticleExtraction

if TYPE_CHECKING:
    from . import Extractor

Batch = list[tuple[str, str]]
Timed = list[tuple[ArticleExtraction, float]]

_worker_extractor: Extractor | None = None  # set before forking; each worker inherits it


def extract_in_workers(
    extractor: Extractor, articles: Iterable[tuple[str, str]], n_process: int
) -> Iterator[tuple[ArticleExtraction, float]]:
    """(result, seconds the rules took) per (article_id, text), in input order. At most two
    batches per worker are in flight, so a long input is never read ahead whole."""
    global _worker_extractor
    _worker_extractor = extractor
    _ = extractor.nlp  # loaded before forking: the workers share it copy-on-write
    pool = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork"))
    window: deque[Future[Timed]] = deque()
    it = iter(articles)
    try:
        while batch := list(islice(it, extractor.batch_size)):
            window.append(pool.submit(_work, batch))
            if len(window) >= 2 * n_process:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _work(batch: Batch) -> Timed:
    """In a worker: parse the batch (one process) and run the rules on each article."""
    assert _worker_extractor is not None
    return list(_worker_extractor.extract_in_process(batch))
