"""NLP core: entity mentions and claim (attribution) extraction with spaCy.

Usage::

    from pipeline.extract import Extractor
    ex = Extractor()                      # cheap: the model loads on first use
    result = ex.extract_text(text, "article-1")
    for res in ex.extract(pairs):         # (article_id, text) pairs, streamed
        ...
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import lexicon, names
from .claims import extract_claims
from .entities import MENTION_LABELS, collect_mentions, to_records
from .nlp import (
    DEFAULT_DISABLE,
    DEFAULT_MODEL,
    ENTITY_FIXES,
    load_pipeline,
    model_version,
    parse_text,
)
from .records import ArticleExtraction

CODE_VERSION = "0.1.0"

# Measured on the PolNeAR train split (pipeline/extract/bench.py, 2 cores): two processes with
# the lemmatizer/attribute_ruler disabled are the fastest correct setting (~0.55x the time of
# bare single-process parsing with all pipes). Batches of 16 keep peak memory near 0.5 GB per
# process at the same speed as 64 (which needs ~1 GB on long articles).
DEFAULT_N_PROCESS = min(2, os.cpu_count() or 1)
DEFAULT_BATCH_SIZE = 16

__all__ = ["Extractor", "ArticleExtraction", "CODE_VERSION"]


_RULE_MODULES = (
    "claims.py",
    "entities.py",
    "lexicon.py",
    "cue_table.py",
    "names.py",
    "nlp.py",
    "quotes.py",
    "speakers.py",
)


def rules_hash() -> str:
    """Short hash over every rule table (cue lexicon, name tables, entity fixes) and the
    source of the rule modules: it changes whenever a rule changes."""
    here = Path(__file__).resolve().parent
    sources = hashlib.sha1()
    for name in _RULE_MODULES:
        path = here / name
        if path.exists():
            sources.update(path.read_bytes())
    return lexicon.rules_fingerprint(
        sorted(names.TITLE_WORDS),
        sorted(names.DEMONYMS.items()),
        sorted(names.PLACE_ALIASES.items()),
        ENTITY_FIXES,
        sorted(MENTION_LABELS),
        sources.hexdigest(),
    )


class Extractor:
    """Entity-mention and claim extractor around one spaCy pipeline.

    Construction is cheap; the pipeline loads lazily on first use (and is cached per
    process). `n_process` > 1 parses with spaCy multiprocessing (used only when the input has
    more than one batch per process; results are identical); `disable` lists pipeline
    components to switch off (default: lemmatizer and attribute_ruler, which the rules do not
    read).
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        n_process: int = DEFAULT_N_PROCESS,
        batch_size: int = DEFAULT_BATCH_SIZE,
        disable: Iterable[str] = DEFAULT_DISABLE,
    ) -> None:
        self.model = model
        self.n_process = n_process
        self.batch_size = batch_size
        self.disable = tuple(disable)
        self.version = f"{CODE_VERSION}+{model}-{model_version(model)}+{rules_hash()}"

    @property
    def nlp(self) -> Language:
        """The loaded spaCy pipeline (loads on first access)."""
        return load_pipeline(self.model, self.disable)

    def extract(self, articles: Iterable[tuple[str, str]]) -> Iterator[ArticleExtraction]:
        """Extract from (article_id, text) pairs, streaming results in input order."""
        it = iter(articles)
        head = list(islice(it, self.batch_size * self.n_process))
        # worker processes only pay off beyond one batch per process
        n_process = self.n_process if len(head) >= self.batch_size * self.n_process else 1
        pairs = ((parse_text(text), (article_id, text)) for article_id, text in chain(head, it))
        for doc, (article_id, text) in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=self.batch_size, n_process=n_process
        ):
            yield self.extract_doc(doc, article_id, text)

    def extract_text(self, text: str, article_id: str = "doc") -> ArticleExtraction:
        """Extract from one text (single process)."""
        return self.extract_doc(self.nlp(parse_text(text)), article_id, text)

    def extract_doc(self, doc: Doc, article_id: str, text: str | None = None) -> ArticleExtraction:
        """Run the rules on an already parsed doc.

        `text` is the original article text when the doc was parsed from `parse_text(text)`
        (same length; all records quote the original).
        """
        text = doc.text if text is None else text
        mentions = collect_mentions(doc, text)
        claims, targets = extract_claims(doc, mentions, article_id, self.version, text)
        return ArticleExtraction(
            article_id=article_id,
            mentions=to_records(mentions, article_id),
            claims=claims,
            targets=targets,
        )
