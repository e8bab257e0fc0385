"""PolNeAR splits and their spaCy parses, parsed once and cached as DocBins.

The cache lives under `.cache/parses/` in the checkout (git-ignored; NEWSCLAIMS_CACHE_DIR
overrides). Its key hashes the texts and everything that changes a parse: the pipeline's name,
version, enabled components and the `parse_text` normalisation. Example::

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

import numpy as np
from spacy.tokens import Doc, DocBin

from pipeline.extract import Extractor
from pipeline.extract.nlp import model_version
from pipeline.settings import PROJECT_ROOT

SPLITS = ("train", "dev")


def shared_dir() -> Path:
    """../shared next to the repository (or $NEWSCLAIMS_SHARED)."""
    shared = os.environ.get("NEWSCLAIMS_SHARED")
    return Path(shared).resolve() if shared else (PROJECT_ROOT / ".." / "shared").resolve()


def polnear_dir() -> Path:
    return shared_dir() / "corpora" / "polnear"


def cache_dir() -> Path:
    """Where parses are cached (NEWSCLAIMS_CACHE_DIR, default .cache/ in the checkout)."""
    value = os.environ.get("NEWSCLAIMS_CACHE_DIR")
    return Path(value).resolve() if value else PROJECT_ROOT / ".cache"


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
    path = cache_dir() / "parses" / f"{name}-{_cache_key(prepared, extractor)}.spacy"
    vectors = path.with_suffix(".tensors.npy")
    if path.exists() and vectors.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        _attach_tensors(docs, np.load(vectors))
        return docs
    start = time.perf_counter()
    n_process = extractor.n_process if len(prepared) > extractor.batch_size else 1
    docs = list(nlp.pipe(prepared, batch_size=extractor.batch_size, n_process=n_process))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    DocBin(docs=docs).to_disk(tmp)
    os.replace(tmp, path)
    # token vectors (tok2vec output) are not part of a DocBin: kept beside it, as float16
    tmp_vectors = path.with_suffix(".tmp.npy")
    np.save(tmp_vectors, np.concatenate([d.tensor for d in docs]).astype(np.float16))
    os.replace(tmp_vectors, vectors)
    print(f"parsed {len(docs)} {name} articles in {time.perf_counter() - start:.0f} s -> {path}")
    return docs


def _attach_tensors(docs: list[Doc], tensors: np.ndarray) -> None:
    """Give each doc its rows of the concatenated tok2vec output (float32)."""
    at = 0
    for doc in docs:
        doc.tensor = tensors[at : at + len(doc)].astype(np.float32)
        at += len(doc)
    if at != len(tensors):
        raise ValueError(f"token vectors do not fit the parses ({at} tokens, {len(tensors)} rows)")
