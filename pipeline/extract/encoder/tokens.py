"""Encoder states per spaCy token: the sentences that need them, encoded in one batched call.

A token's state is the mean of the subwords that start inside it (aligned by character
offsets, so the encoder's WordPiece splits and spaCy's tokens need not agree). Only the
sentences asked for are encoded: the analysis layer asks, claim by claim, for the sentences
of the claims whose act it decides with the encoder; the tagger for every sentence.
Example::

    states = encode_sentences(encoder, doc, text, [3, 7])
    states.mean(range(12, 18))        # (384,) mean state of tokens 12..17 (zeros if none)
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from spacy.tokens import Doc

from .runtime import Encoded, Encoder


def align(encoded: Encoded, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sums, counts) of subword states per token; token k spans [starts[k], ends[k]) in the
    encoded text's characters. A subword belongs to the token its first character is in."""
    offsets = encoded.offsets
    real = offsets[:, 1] > offsets[:, 0]  # special tokens have empty offsets
    first = offsets[real, 0]
    owner = np.searchsorted(starts, first, side="right") - 1
    inside = (owner >= 0) & (first < ends[np.clip(owner, 0, None)])
    sums = np.zeros((len(starts), encoded.hidden.shape[1]), dtype=np.float32)
    counts = np.zeros(len(starts), dtype=np.int32)
    np.add.at(sums, owner[inside], encoded.hidden[real][inside])
    np.add.at(counts, owner[inside], 1)
    return sums, counts


class TokenStates:
    """Per-token states of the encoded sentences of one doc (tokens of other sentences, and
    tokens past the encoder's length limit, have none)."""

    def __init__(self, n_tokens: int, width: int) -> None:
        self.width = width
        self.sums = np.zeros((n_tokens, width), dtype=np.float32)
        self.counts = np.zeros(n_tokens, dtype=np.int32)

    def mean(self, token_ids: Iterable[int]) -> np.ndarray:
        """Mean state of the given tokens that have one (zeros when none has)."""
        ids = np.fromiter(token_ids, dtype=np.int64)
        if not len(ids):
            return np.zeros(self.width, dtype=np.float32)
        n = self.counts[ids].sum()
        if not n:
            return np.zeros(self.width, dtype=np.float32)
        return self.sums[ids].sum(axis=0) / n

    def has(self, i: int) -> bool:
        return bool(self.counts[i])


_MEMO = "newsclaims.encoder_states"


def encode_sentences(
    encoder: Encoder, doc: Doc, text: str, sentence_ids: Iterable[int], shared_store: bool = False
) -> TokenStates:
    """The states of every token of the given sentences (numbers as `doc.sents` counts them).

    A sentence is encoded once per doc and encoder: the states are kept on the doc
    (`doc.user_data`, never serialised) and later calls (the tagger first, the analysis layer
    after it) take them from there. The result holds the asked sentences only; with
    `shared_store=True` it is the doc's own store, which may hold other sentences too (no copy,
    for a caller that reads only the asked sentences' tokens, once per claim; never write to
    it)."""
    wanted = set(sentence_ids)
    key = (_MEMO, id(encoder), len(text))
    memo = doc.user_data.get(key)
    if memo is None:  # the sentences are listed once per doc too (one call per claim)
        memo = doc.user_data[key] = (TokenStates(len(doc), encoder.width), set(), list(doc.sents))
    done_states, done, sents = memo
    todo = [k for k in sorted(wanted) if 0 <= k < len(sents) and k not in done]
    _encode_into(encoder, done_states, [sents[k] for k in todo], text)
    done.update(todo)
    if shared_store:
        return done_states
    states = TokenStates(len(doc), encoder.width)
    for k in wanted:
        if 0 <= k < len(sents):
            t0, t1 = sents[k].start, sents[k].end
            states.sums[t0:t1] = done_states.sums[t0:t1]
            states.counts[t0:t1] = done_states.counts[t0:t1]
    return states


def _encode_into(encoder: Encoder, states: TokenStates, sents: list, text: str) -> None:
    texts, spans = [], []
    for sent in sents:
        start, end = sent.start_char, sent.end_char
        texts.append(text[start:end])
        spans.append((sent.start, sent.end, start))
    for enc, (t0, t1, c0) in zip(encoder.encode(texts), spans, strict=True):
        toks = sents[0].doc[t0:t1]
        starts = np.array([t.idx - c0 for t in toks], dtype=np.int64)
        ends = starts + np.array([len(t.text) for t in toks], dtype=np.int64)
        sums, counts = align(enc, starts, ends)
        states.sums[t0:t1] = sums
        states.counts[t0:t1] = counts


def forget_states(doc: Doc) -> None:
    """Drop the states `encode_sentences` kept on the doc (at the end of its extraction)."""
    for key in [k for k in doc.user_data if isinstance(k, tuple) and k and k[0] == _MEMO]:
        del doc.user_data[key]
