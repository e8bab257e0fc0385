"""The pretrained text encoder (all-MiniLM-L6-v2, int8 ONNX), shared by every learned layer.

- `runtime.py`: `Encoder` (ONNX Runtime + `tokenizers`, one unpadded sequence a call, thread count a
  setting) and `load_encoder()` (once per process; None, said once, without model files);
- `tokens.py`: states per spaCy token, aligned by character offsets, for the sentences a
  layer asks for (`encode_sentences`; each sentence encoded once per doc for every layer);
- `tagger.py`: the attribution tagger, a head over these states that tags cue, source and
  content tokens (`load_article_tagger`; files in `data/learned/tagger/`).

Model files: `data/learned/encoder/` (README there: provenance, licence, sha256, how to
rebuild with `make encoder-export`). Example::

    enc = load_encoder()
    states = encode_sentences(enc, doc, text, [0, 4])
"""

from __future__ import annotations

from .runtime import MODEL_DIR, Encoded, Encoder, EncoderError, load_encoder, say_no_encoder
from .tagger import ArticleTagger, Tagger, load_article_tagger, load_tagger, tag_article
from .tokens import TokenStates, align, encode_sentences, forget_states

__all__ = [
    "MODEL_DIR",
    "ArticleTagger",
    "Tagger",
    "forget_states",
    "load_article_tagger",
    "load_tagger",
    "tag_article",
    "Encoded",
    "Encoder",
    "EncoderError",
    "TokenStates",
    "align",
    "encode_sentences",
    "load_encoder",
    "say_no_encoder",
]
