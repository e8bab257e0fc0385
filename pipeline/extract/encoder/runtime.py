"""The text encoder at run time: an ONNX graph and its tokenizer, on CPU, no torch.

One `Encoder` per process (`load_encoder`, cached): texts are tokenised in one batched call,
then run one sequence per call, unpadded. The int8 graph quantises its activations with one
scale per call, so padding and batch-mates would change a sentence's states (up to 0.5 here):
one sequence a call keeps every sentence's states independent of what else the article holds,
and measured faster than padded batches on 2 cores (no padding work). Each text comes back as
an `Encoded`: its subword character offsets and hidden states (and tag logits when the graph
has a tagging head). Example::

    enc = load_encoder()                                 # the shipped one; None without files
    [out] = enc.encode(["Police said Emery shot his girlfriend."])
    out.hidden.shape                                     # (subwords, 384)
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..lexicon import DATA_DIR

log = logging.getLogger(__name__)

MODEL_DIR = DATA_DIR / "learned" / "encoder"
MODEL_FILE = "encoder.onnx"
TOKENIZER_FILE = "tokenizer.json"
MANIFEST_FILE = "manifest.json"


class EncoderError(ValueError):
    """Model files that cannot be used (the message names the folder and the fix)."""


@dataclass(frozen=True)
class Encoded:
    """One encoded text: `offsets[k]` = (start, end) characters of subword k in the text
    ((0, 0) for the special tokens), `hidden[k]` its state; `tags[k]` its tag logits when the
    graph has a tagging head, else None."""

    offsets: np.ndarray  # (subwords, 2) int
    hidden: np.ndarray  # (subwords, width) float32
    tags: np.ndarray | None = None


class Encoder:
    """An ONNX encoder with inputs input_ids / attention_mask (/ token_type_ids) and outputs
    last_hidden_state (and optionally tag_logits)."""

    def __init__(self, model_dir: Path, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model, vocab = model_dir / MODEL_FILE, model_dir / TOKENIZER_FILE
        for path in (model, vocab):
            if not path.is_file():
                raise EncoderError(f"{path}: missing; rebuild it with `make encoder-export`")
        manifest = model_dir / MANIFEST_FILE
        meta = json.loads(manifest.read_text("utf-8")) if manifest.is_file() else {}
        self.max_length = int(meta.get("max_length", 256))
        self.tokenizer = Tokenizer.from_file(str(vocab))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=self.max_length)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        try:
            self.session = ort.InferenceSession(
                str(model), opts, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own exception types
            raise EncoderError(f"{model}: not a usable ONNX model ({exc})") from exc
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.outputs = [o.name for o in self.session.get_outputs()]
        if "last_hidden_state" not in self.outputs:
            raise EncoderError(f"{model}: has no output last_hidden_state")
        self.width = int(
            self.session.get_outputs()[self.outputs.index("last_hidden_state")].shape[-1]
        )
        self.fingerprint = str(meta.get("sha256", {}).get(MODEL_FILE, ""))[:8]
        self.subwords = 0  # subwords encoded by this process (for the benchmark)

    def encode(self, texts: list[str]) -> list[Encoded]:
        """Every text encoded, in input order."""
        if len(texts) == 1:  # one claim's sentence: the batch call's thread pool costs more
            return [self._run(self.tokenizer.encode(texts[0]))]
        encodings = self.tokenizer.encode_batch(texts) if texts else []
        return [self._run(e) for e in encodings]

    def _run(self, encoding) -> Encoded:
        ids = np.asarray([encoding.ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        results = dict(zip(self.outputs, self.session.run(self.outputs, feed), strict=True))
        tags = results.get("tag_logits")
        self.subwords += ids.shape[1]
        offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
        return Encoded(offsets, results["last_hidden_state"][0], None if tags is None else tags[0])


@lru_cache(maxsize=4)
def _load(model_dir: Path, threads: int) -> Encoder | None:
    try:
        return Encoder(model_dir, threads)
    except EncoderError as exc:
        say_no_encoder(str(exc))
        return None


@lru_cache(maxsize=8)
def say_no_encoder(why: str) -> None:
    """Log once per reason that the extractor runs without the encoder."""
    log.warning("no text encoder (%s): acts and accused are decided by the rules alone", why)


def load_encoder(choice: str | Path = "", threads: int = 1) -> Encoder | None:
    """The process's encoder `choice` names (NEWSCLAIMS_ENCODER, passed by the caller): empty
    for the shipped one, a folder, or "none"; None, said once in the log, when there is none.

    >>> load_encoder("none") is None
    True
    """
    if str(choice).strip().lower() == "none":
        say_no_encoder("NEWSCLAIMS_ENCODER=none")
        return None
    folder = Path(choice).expanduser().resolve() if str(choice).strip() else MODEL_DIR
    return _load(folder, max(1, threads))
