"""The attribution tagger's training data: encoder states and BIO tags per spaCy token.

Every sentence of every PolNeAR article of a split is run through the shipped int8 encoder
(exactly what the extractor runs), token states are aligned to spaCy's tokens
(`encoder.encode_sentences`), and each token gets three BIO tags from the gold (cue, source,
content; 0 = O, 1 = B, 2 = I; a token may be in several layers, as nested attributions are).
The result is cached as float16 under `.cache/tagger/` (git-ignored). Example::

    data = split_data("train")            # ~5 min for train on 2 cores the first time
    data.states.shape, data.tags.shape    # (tokens, 384) float16, (tokens, 3) int8
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from pipeline.common.settings import current
from pipeline.extract import Extractor
from pipeline.extract.claims.decision.rules import decide_by_rules
from pipeline.extract.encoder import Encoder, encode_sentences, load_encoder

from .corpus import load_split, parsed_docs

LAYERS = ("cue", "source", "content")
FORMAT = 1  # raise when what is cached changes
KEY_LENGTH = 12  # hex digits of a cached file's key


@dataclass
class SplitData:
    """Concatenated tokens of a split: `bounds[k]` = (first, end) token rows of article k;
    `sent_starts` = rows where a sentence starts."""

    names: list[str]
    states: np.ndarray  # (tokens, width) float16
    tags: np.ndarray  # (tokens, 3) int8
    bounds: np.ndarray  # (articles, 2) int64
    sent_starts: np.ndarray  # (sentences,) int64


def token_tags(doc: Doc, article: dict[str, Any]) -> np.ndarray:
    """(tokens, 3) BIO tags of one article's gold: a token is in a span when it starts inside
    one of the span's fragments; whitespace tokens stay O.

    "Police said talks failed." with source "Police", cue "said", content "talks failed"
    gives rows [0,1,0], [1,0,0], [0,0,1], [0,0,2], [0,0,0].
    """
    starts = np.array([t.idx for t in doc], dtype=np.int64)
    blank = np.array([t.is_space for t in doc], dtype=bool)
    out = np.zeros((len(doc), len(LAYERS)), dtype=np.int8)
    for g in article["attributions"]:
        for layer, key in enumerate(LAYERS):
            for frag in g.get(key) or []:
                s, e = int(frag[0]), int(frag[1])
                lo, hi = np.searchsorted(starts, s), np.searchsorted(starts, e)
                inside = [i for i in range(lo, hi) if not blank[i]]
                for k, i in enumerate(inside):
                    if out[i, layer] == 0:
                        out[i, layer] = 1 if k == 0 else 2
    return out


def article_arrays(encoder: Encoder, doc: Doc, text: str) -> tuple[np.ndarray, list[int]]:
    """(tokens, width) mean states of every token of every sentence, and sentence starts."""
    sents = list(doc.sents)
    states = encode_sentences(encoder, doc, text, range(len(sents)))
    counts = np.maximum(states.counts, 1)[:, None]
    return (states.sums / counts).astype(np.float16), [s.start for s in sents]


def _key(encoder: Encoder, articles: list[dict[str, Any]]) -> str:
    h = hashlib.sha1(f"{encoder.fingerprint}|{FORMAT}".encode())
    for a in articles:
        h.update(hashlib.sha1((a["name"] + a["text"]).encode()).digest())
        h.update(repr(a["attributions"]).encode())
    return h.hexdigest()[:KEY_LENGTH]


def split_data(split: str, encoder: Encoder | None = None) -> SplitData:
    """The tagger data of one PolNeAR split (cached)."""
    cfg = current()
    encoder = encoder or load_encoder(cfg.encoder, cfg.encoder_threads)
    if encoder is None:
        raise SystemExit("tagger data: the encoder does not load (see the log)")
    articles = load_split(split)
    path = cfg.cache_dir / "tagger" / f"{split}-{_key(encoder, articles)}.npz"
    if path.is_file():
        z = np.load(path)
        names = [str(n) for n in z["names"]]
        return SplitData(names, z["states"], z["tags"], z["bounds"], z["sent_starts"])
    start = time.perf_counter()
    docs = parsed_docs(split, articles, Extractor(decide=decide_by_rules))
    states, tags, bounds, sent_starts, row = [], [], [], [], 0
    for article, doc in zip(articles, docs, strict=True):
        s, starts = article_arrays(encoder, doc, article["text"])
        states.append(s)
        tags.append(token_tags(doc, article))
        bounds.append((row, row + len(doc)))
        sent_starts.extend(row + k for k in starts)
        row += len(doc)
    data = SplitData(
        [a["name"] for a in articles],
        np.concatenate(states),
        np.concatenate(tags),
        np.asarray(bounds, dtype=np.int64),
        np.asarray(sent_starts, dtype=np.int64),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        path,
        names=np.asarray(data.names),
        states=data.states,
        tags=data.tags,
        bounds=data.bounds,
        sent_starts=data.sent_starts,
    )
    print(f"tagger data {split}: {row} tokens in {time.perf_counter() - start:.0f} s -> {path}")
    return data


def link_latest(folder: Path, split: str) -> Path:
    """`<folder>/<split>.npz`: a link to the split's newest data (what `make train-tagger`
    hands the training environment). Only keyed files count: `train-oof.npz`, the out-of-fold
    tags `tagger_fit` writes beside them, is not data. `train-<key>.npz` -> `train.npz`."""
    keyed = folder.glob(f"{split}-{'[0-9a-f]' * KEY_LENGTH}.npz")
    newest = max(keyed, key=lambda p: p.stat().st_mtime)
    link = folder / f"{split}.npz"
    link.unlink(missing_ok=True)
    link.symlink_to(newest.name)
    return link


if __name__ == "__main__":
    for name in ("train", "dev"):
        d = split_data(name)
        print(name, d.states.shape, "share tagged:", (d.tags > 0).mean(axis=0).round(3))
        print(" ->", link_latest(current().cache_dir / "tagger", name))
