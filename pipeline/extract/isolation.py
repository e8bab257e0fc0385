"""Extraction that one article cannot break: failures are isolated and returned as records.

`Extractor.extract` already reports articles over the parser's limit and errors in the rules
per article. What is left is a failure of the parse itself (a worker process dying, an error
raised inside spaCy): then the chunk is re-run one article at a time in this process, so only
the articles that fail again are recorded as failed.

Example::

    results = extract_isolated(extractor, [("a1", text1), ("a2", text2)])
    failed = [r for r in results if r.error]
"""

from __future__ import annotations

import gc
import multiprocessing.queues
from collections.abc import Sequence

from . import Extractor
from .records import ArticleExtraction


def extract_isolated(
    extractor: Extractor, articles: Sequence[tuple[str, str]]
) -> list[ArticleExtraction]:
    """One result per article, in input order; failed ones carry `error`."""
    try:
        by_id = {r.article_id: r for r in extractor.extract(articles)}
    except Exception:
        _release_dead_workers_queues()
        by_id = {article_id: _one(extractor, article_id, text) for article_id, text in articles}
    return [by_id[article_id] for article_id, _ in articles]


def _one(extractor: Extractor, article_id: str, text: str) -> ArticleExtraction:
    try:
        return extractor.extract_text(text, article_id)
    except Exception as exc:
        return ArticleExtraction(article_id, error=f"{type(exc).__name__}: {exc}"[:500])


def _release_dead_workers_queues() -> None:
    """Let the process exit after spaCy's worker processes died mid-stream.

    spaCy feeds its workers through multiprocessing queues; when the workers are gone, the
    queues' feeder threads block on a full pipe, and at exit the interpreter waits for them
    for ever. Their data is of no use any more, so they are told not to be waited for.
    """
    for obj in gc.get_objects():
        if isinstance(obj, multiprocessing.queues.Queue):
            obj.cancel_join_thread()
