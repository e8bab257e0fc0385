"""The analysis gold as training examples: every extracted claim with its features and labels.

Each gold article of `../shared/gold/analysis*/` is extracted once with the rules' acts and a
recording labeller (`Recorder`): each claim keeps its scorer row (speaker, form, reported_by,
the rules' act and accused), its features and accused candidates (`extract/claims/labels/
learned/features.py`), and, when it matches a gold claim, the gold act and which candidates are
accused there. Cached under `.cache/analysis/` (keyed by the extractor's version, the
encoder and the gold files), so folds and reruns do not parse again::

    sets = load_examples(gold_root)           # {"analysis": [ArticleExamples, ...], ...}
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.common.settings import current
from pipeline.evaluation.analysis import (
    GoldArticle,
    Resolver,
    extraction_row,
    load_gold,
    match_claims,
)
from pipeline.extract import PACKAGE_DIR, Extractor
from pipeline.extract.claims.labels import LABELLERS, ClaimView, Labels, label_act, replace_labeller
from pipeline.extract.claims.labels.learned.features import ClaimFeatures
from pipeline.extract.claims.labels.learned.labeller import MODEL_PATH, ActFeatures
from pipeline.extract.encoder import Encoder, load_encoder
from pipeline.ingest import Article, read_path

SETS = ("analysis", "analysis-politics")


@dataclass
class ClaimExample:
    """One extracted claim: the rules' row, features, and the gold it matches (if any)."""

    row: dict[str, Any]
    feats: ClaimFeatures
    gold_act: str | None
    accused_labels: list[int]  # per candidate: 1 when the gold claim accuses it


@dataclass
class ArticleExamples:
    set_name: str
    gold: GoldArticle
    claims: list[ClaimExample]

    @property
    def article(self) -> str:
        return self.gold.article


class Recorder(ActFeatures):
    """An act labeller that keeps every claim's features and leaves the rules' act and
    accused in place."""

    fingerprint = "recorder"

    def __init__(self, encoder: Encoder | None) -> None:
        super().__init__(encoder)
        self.seen: list[ClaimFeatures] = []

    def __call__(self, claim: ClaimView, labels: Labels) -> None:
        self.seen.append(self.features(claim, labels))


def _stored_text(path: Path) -> str:
    """The text as the pipeline stores it (title, blank line, body)."""
    return next(r for r in read_path(path) if isinstance(r, Article)).text


def article_examples(
    set_name: str, gold: GoldArticle, extractor: Extractor, recorder: Recorder, articles: Path
) -> ArticleExamples:
    recorder.seen.clear()
    text = _stored_text(articles / f"{gold.article}.txt")
    res = extractor.extract_text(text, gold.article)
    rows = [extraction_row(c, res.targets) for c in res.claims]
    if len(rows) != len(recorder.seen):
        raise RuntimeError(f"{gold.article}: {len(rows)} claims but {len(recorder.seen)} labelled")
    matched, _ = match_claims(gold, rows)
    resolve = Resolver(gold.actors)
    out = []
    for row, feats, g in zip(rows, recorder.seen, matched, strict=True):
        accused = set(g["accused"]) if g is not None else set()
        labels = [int(resolve(c.ref.name) in accused) for c in feats.candidates]
        out.append(ClaimExample(row, feats, g["act"] if g is not None else None, labels))
    return ArticleExamples(set_name, gold, out)


def _cache_key(encoder: Encoder | None, gold_root: Path, tagger: str = "") -> str:
    """Changes with any extraction code or data file (but the analysis model, which the
    recorded features do not depend on), the encoder, the tagger choice and the gold."""
    digest = hashlib.sha1((encoder.fingerprint if encoder else "no-encoder").encode())
    digest.update(f"tagger={tagger}".encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path != MODEL_PATH:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + path.read_bytes())
    for name in SETS:
        for path in sorted((gold_root / name).glob("*.json")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_examples(
    gold_root: Path, limit: int | None = None, cache: bool = True
) -> dict[str, list[ArticleExamples]]:
    """Examples of every gold set under `gold_root` (`limit`: the first N articles of each)."""
    cfg = current()  # a training tool: nobody passes it settings
    encoder = load_encoder(cfg.encoder, cfg.encoder_threads)
    recorder = Recorder(encoder)
    extractor = Extractor(
        n_process=1,
        labellers=replace_labeller(label_act, recorder, LABELLERS),
        tagger=cfg.tagger,  # NEWSCLAIMS_TAGGER=none: the claims of the finders alone
    )
    key = _cache_key(encoder, gold_root, cfg.tagger)
    path = cfg.cache_dir / "analysis" / f"examples-{key}-{limit or 'all'}.pkl"
    if cache and path.is_file():
        with path.open("rb") as fh:
            return pickle.load(fh)  # noqa: S301 - our own git-ignored cache
    out: dict[str, list[ArticleExamples]] = {}
    for name in SETS:
        golds = load_gold(gold_root / name)[:limit]
        arts = gold_root / name / "articles"
        out[name] = [article_examples(name, g, extractor, recorder, arts) for g in golds]
    if cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            pickle.dump(out, fh)
    return out
