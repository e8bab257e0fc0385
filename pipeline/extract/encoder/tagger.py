"""The attribution tagger at run time: a small head over the encoder's token states.

The head (`data/learned/tagger/tagger.onnx`, trained by `make train-tagger` on the frozen
int8 encoder's states, README there) reads runs of whole sentences (`common/chunks.py`) and
gives every spaCy token three O/B/I distributions: is it part of a cue, a source, a content?
The encoder runs once per sentence for every consumer of the article: `encode_sentences` keeps
the states it made on the doc, so the analysis layer reuses the tagger's.

The fine-tuned tagger (`data/learned/tagger-finetuned/`, `make train-tagger-finetune`,
NEWSCLAIMS_TAGGER=finetuned) is a second encoder whose graph ends in the tagging head: it reads
the subwords of runs of whole sentences (`FT_MAX_TOKENS`), one pass per run, and each spaCy
token takes the tags of its first subword; its decision model lies in its folder. Example::

    tagger = load_tagger()                              # None, said once, without the files
    probs = tag_article(encoder, tagger, doc, text)     # (tokens, 3, 3): layer x O/B/I
    fine = load_article_tagger(tagger="finetuned")      # ctx -> (tokens, 3, 3)
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from pipeline.common.chunks import (
    FT_MAX_TOKENS,
    first_subwords,
    inherit_inside,
    sentence_chunks,
)

from ..lexicon import DATA_DIR
from .runtime import MODEL_FILE, Encoder, EncoderError
from .tokens import encode_sentences

log = logging.getLogger(__name__)

TAGGER_DIR = DATA_DIR / "learned" / "tagger"
TAGGER_FILE = "tagger.onnx"
FINETUNED_DIR = DATA_DIR / "learned" / "tagger-finetuned"
CHOOSER_FILE = "decision_model.json"  # the decision model fitted with a fine-tuned tagger
LAYERS = ("cue", "source", "content")


class Tagger:
    """An ONNX head with input `states` (1 x tokens x width) and output `tag_logits`
    (1 x tokens x 9)."""

    def __init__(self, model_dir: Path, threads: int = 1) -> None:
        import onnxruntime as ort

        path = model_dir / TAGGER_FILE
        if not path.is_file():
            raise EncoderError(f"{path}: missing; rebuild it with `make train-tagger`")
        manifest = model_dir / "manifest.json"
        meta = json.loads(manifest.read_text("utf-8")) if manifest.is_file() else {}
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        try:
            self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise EncoderError(f"{path}: not a usable ONNX model ({exc})") from exc
        self.fingerprint = str(meta.get("sha256", {}).get(TAGGER_FILE, ""))[:8]

    def probs(self, states: np.ndarray, sent_starts: list[int]) -> np.ndarray:
        """(tokens, 3, 3) probabilities of O/B/I per layer for an article's token states."""
        out = np.zeros((len(states), len(LAYERS), 3), dtype=np.float32)
        out[:, :, 0] = 1.0
        for s, e in sentence_chunks(sent_starts, len(states)):
            x = np.ascontiguousarray(states[None, s:e], dtype=np.float32)
            [logits] = self.session.run(["tag_logits"], {"states": x})
            z = logits[0].reshape(e - s, len(LAYERS), 3)
            z = np.exp(z - z.max(axis=-1, keepdims=True))
            out[s:e] = z / z.sum(axis=-1, keepdims=True)
        return out


def tag_article(encoder: Encoder, tagger: Tagger, doc: Doc, text: str) -> np.ndarray:
    """The tagger's (tokens, 3, 3) probabilities for every token of the doc."""
    sents = list(doc.sents)
    states = encode_sentences(encoder, doc, text, range(len(sents)))
    mean = states.sums / np.maximum(states.counts, 1)[:, None]
    return tagger.probs(mean, [s.start for s in sents])


@lru_cache(maxsize=4)
def _load(model_dir: Path, threads: int) -> Tagger | None:
    try:
        return Tagger(model_dir, threads)
    except EncoderError as exc:
        say_no_tagger(str(exc))
        return None


@lru_cache(maxsize=8)
def say_no_tagger(why: str) -> None:
    """Log once per reason that the extractor runs without the tagger."""
    log.warning("no attribution tagger (%s): claim candidates are the rules' alone", why)


def load_tagger(choice: str | Path = "", threads: int = 1) -> Tagger | None:
    """The tagger `choice` names (NEWSCLAIMS_TAGGER, passed by the caller): empty or "on" for
    the shipped one, a folder, or "none" (the default); None, said once in the log when one was
    asked for and is missing.

    >>> load_tagger("none") is None
    True
    """
    if str(choice).strip().lower() == "none":
        return None  # the default: nothing to say (only a tagger asked for and missing is)
    named = str(choice).strip() and str(choice).strip().lower() != "on"
    folder = Path(choice).expanduser().resolve() if named else TAGGER_DIR
    return _load(folder, max(1, threads))


class ArticleTagger:
    """The tagger as the decision stage calls it: article context -> (tokens, 3, 3)."""

    def __init__(self, encoder: Encoder, tagger: Tagger) -> None:
        self.encoder = encoder
        self.tagger = tagger
        self.fingerprint = f"{encoder.fingerprint}-{tagger.fingerprint}"

    def __call__(self, ctx) -> np.ndarray:
        return tag_article(self.encoder, self.tagger, ctx.doc, ctx.text)


def softmax3(logits: np.ndarray) -> np.ndarray:
    """(..., 9) logits -> (..., 3, 3) O/B/I probabilities per layer."""
    z = logits.reshape(*logits.shape[:-1], len(LAYERS), 3)
    z = np.exp(z - z.max(axis=-1, keepdims=True))
    return z / z.sum(axis=-1, keepdims=True)


def tag_chunks(encoder: Encoder, doc: Doc) -> np.ndarray:
    """A fine-tuned tagger's (tokens, 3, 3) probabilities: one encoder pass per run of whole
    sentences, each token read at its first subword (tokens without one: O)."""
    out = np.zeros((len(doc), len(LAYERS), 3), dtype=np.float32)
    out[:, :, 0] = 1.0
    chunks = sentence_chunks([s.start for s in doc.sents], len(doc), FT_MAX_TOKENS)
    texts, offsets = [], []
    for s, e in chunks:
        c0 = doc[s].idx
        texts.append(doc.text[c0 : doc[e - 1].idx + len(doc[e - 1].text)])
        offsets.append([(t.idx - c0, t.idx - c0 + len(t.text)) for t in doc[s:e]])
    for (s, _), spans, enc in zip(chunks, offsets, encoder.encode(texts), strict=True):
        if enc.tags is None:
            raise EncoderError("the fine-tuned tagger's graph has no output tag_logits")
        first = first_subwords(enc.offsets, [a for a, _ in spans], [b for _, b in spans])
        has = np.flatnonzero(first >= 0)
        out[s + has] = softmax3(enc.tags[first[has]])
        blank = np.array([t.is_space for t in doc[s : s + len(spans)]], dtype=bool)
        inherit_inside(out[s : s + len(spans)], (first < 0) & ~blank)
    return out


class FineTunedTagger:
    """The fine-tuned tagger as the decision stage calls it: article context -> (tokens, 3, 3).
    `decision_model`: the chooser fitted with it (in its folder), None when absent."""

    def __init__(self, encoder: Encoder, folder: Path) -> None:
        self.encoder = encoder
        self.folder = folder
        self.fingerprint = f"ft-{encoder.fingerprint}"
        chooser = folder / CHOOSER_FILE
        self.decision_model = chooser if chooser.is_file() else None

    def __call__(self, ctx) -> np.ndarray:
        return tag_chunks(self.encoder, ctx.doc)


def _load_finetuned(folder: Path, threads: int) -> FineTunedTagger | None:
    from .runtime import _load as load_encoder_folder

    enc = load_encoder_folder(folder, max(1, threads))
    if enc is None or "tag_logits" not in enc.outputs:
        say_no_tagger(f"{folder}: no fine-tuned tagger (no tag_logits)")
        return None
    return FineTunedTagger(enc, folder)


def load_article_tagger(
    encoder: str | Path = "", tagger: str | Path = "", threads: int = 1
) -> ArticleTagger | FineTunedTagger | None:
    """Encoder and tagger as `load_encoder` and `load_tagger` name them; None (said once)
    when either is missing. "finetuned", or a folder holding an encoder graph, names a
    fine-tuned tagger (which needs no other encoder)."""
    from .runtime import load_encoder

    name = str(tagger).strip()
    if name.lower() == "finetuned":
        return _load_finetuned(FINETUNED_DIR, threads)
    if name and name.lower() not in ("on", "none") and (Path(name) / MODEL_FILE).is_file():
        return _load_finetuned(Path(name).expanduser().resolve(), threads)
    head = load_tagger(tagger, threads)
    if head is None:
        return None
    enc = load_encoder(encoder, threads)
    if enc is None:
        say_no_tagger("no text encoder")
        return None
    return ArticleTagger(enc, head)
