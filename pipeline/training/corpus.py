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
import inspect
import json
import os
import time
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, DocBin

from pipeline.extract import DEFAULT_BATCH_SIZE, DEFAULT_N_PROCESS
from pipeline.extract.nlp import DEFAULT_DISABLE, DEFAULT_MODEL, load_pipeline, model_version
from pipeline.extract.nlp import parse_text as _parse_text
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


def _cache_key(texts: list[str], model: str, disable: tuple[str, ...]) -> str:
    nlp = load_pipeline(model, disable)
    h = hashlib.sha1()
    h.update(f"{model}|{model_version(model)}|{','.join(nlp.pipe_names)}".encode())
    h.update(inspect.getsource(_parse_text).encode())
    for t in texts:
        h.update(hashlib.sha1(t.encode()).digest())
    return h.hexdigest()[:16]


def parsed_docs(
    split: str,
    articles: list[dict[str, Any]],
    model: str = DEFAULT_MODEL,
    disable: tuple[str, ...] = DEFAULT_DISABLE,
    n_process: int = DEFAULT_N_PROCESS,
) -> list[Doc]:
    """Parsed docs of the articles (parse_text of each text), from the cache when it fits."""
    texts = [a["text"] for a in articles]
    nlp = load_pipeline(model, disable)
    name = Path(split).stem if split.endswith(".jsonl") else split
    path = cache_dir() / "parses" / f"{name}-{_cache_key(texts, model, disable)}.spacy"
    vectors = path.with_suffix(".tensors.npy")
    if path.exists() and vectors.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        _attach_tensors(docs, np.load(vectors))
        return docs
    start = time.perf_counter()
    docs = list(
        nlp.pipe(
            (_parse_text(t) for t in texts),
            batch_size=DEFAULT_BATCH_SIZE,
            n_process=n_process if len(texts) > DEFAULT_BATCH_SIZE * n_process else 1,
        )
    )
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
