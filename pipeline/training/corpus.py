"""PolNeAR splits and their spaCy parses, parsed once and cached as DocBins.

The cache lives under `.cache/parses/` in the checkout (git-ignored; `settings.cache_dir`,
NEWSCLAIMS_CACHE_DIR). Its key hashes the texts as the extractor prepares them and everything
that changes a parse: the pipeline's name, version, components and entity fixes. Example::

    from pipeline.training.corpus import load_split, parsed_docs
    articles = load_split("dev")
    docs = parsed_docs("dev", articles)   # parses on first use (~2 min for train), then ~5 s
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin

from pipeline.common.settings import current
from pipeline.extract import Extractor
from pipeline.extract.nlp import model_version

SPLITS = ("train", "dev")


def polnear_dir() -> Path:
    """The PolNeAR corpus under the shared folder (NEWSCLAIMS_SHARED)."""
    return current().shared_dir / "corpora" / "polnear"


def load_split(split: str) -> list[dict[str, Any]]:
    """Gold articles of one PolNeAR split (`train`, `dev`, or a path to a gold.jsonl)."""
    path = Path(split) if split.endswith(".jsonl") else polnear_dir() / split / "gold.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _cache_key(prepared: list[str], extractor: Extractor) -> str:
    h = hashlib.sha1()
    h.update(f"{extractor.model}|{model_version(extractor.model)}".encode())
    h.update(("|".join(extractor.nlp.pipe_names)).encode())
    h.update(repr(extractor.lexicon.entity_fixes).encode())
    for t in prepared:
        h.update(hashlib.sha1(t.encode()).digest())
    return h.hexdigest()[:16]


def parsed_docs(
    split: str, articles: list[dict[str, Any]], extractor: Extractor | None = None
) -> list[Doc]:
    """The articles parsed as `extractor` parses them (`prepare`, then its pipeline), from the
    cache when the texts, the pipeline and its settings are the same."""
    extractor = extractor or Extractor()
    nlp = extractor.nlp
    prepared = [extractor.prepare(a["text"]) for a in articles]
    name = Path(split).stem if split.endswith(".jsonl") else split
    path = current().cache_dir / "parses" / f"{name}-{_cache_key(prepared, extractor)}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    start = time.perf_counter()
    n_process = extractor.n_process if len(prepared) > extractor.batch_size else 1
    docs = list(nlp.pipe(prepared, batch_size=extractor.batch_size, n_process=n_process))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    DocBin(docs=docs).to_disk(tmp)
    os.replace(tmp, path)
    print(f"parsed {len(docs)} {name} articles in {time.perf_counter() - start:.0f} s -> {path}")
    return docs
