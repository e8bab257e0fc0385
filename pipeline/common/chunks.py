"""How the attribution tagger reads an article and what its tags mean, in one place.

The tagger (`extract/encoder/tagger.py`, `extract/claims/decision/tagged.py`) and its training
(`training/tagger_fit.py`) cut an article into runs of whole sentences of bounded length the
same way (`sentence_chunks`), so the head sees at run time the contexts it was trained on, and
read O/B/I labels into spans the same way (`bio_runs`). Pure Python (the training environment
has no spaCy). Example::

    >>> sentence_chunks([0, 3, 5, 9], 12, max_tokens=6)
    [(0, 5), (5, 9), (9, 12)]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MAX_TOKENS = 160
# the fine-tuned tagger reads a chunk's text: shorter chunks keep it within the encoder's
# 256 subwords and its training affordable (about 1.3 subwords a token in news text)
FT_MAX_TOKENS = 96


def sentence_chunks(
    sent_starts: Sequence[int], n_tokens: int, max_tokens: int = MAX_TOKENS
) -> list[tuple[int, int]]:
    """(start, end) token ranges covering [0, n_tokens): consecutive sentences grouped while
    the group stays within `max_tokens` (a longer sentence is a chunk of its own)."""
    bounds = [int(s) for s in sent_starts if 0 <= s < n_tokens]
    if not bounds or bounds[0] != 0:
        bounds = [0, *bounds]
    bounds.append(n_tokens)
    out: list[tuple[int, int]] = []
    lo = bounds[0]
    for k in range(1, len(bounds)):
        end, prev = bounds[k], bounds[k - 1]
        if end - lo > max_tokens and prev > lo:
            out.append((lo, prev))
            lo = prev
    if lo < n_tokens:
        out.append((lo, n_tokens))
    return out


def bio_runs(labels: Sequence[int]) -> list[tuple[int, int]]:
    """(start, end) runs of a column of O/B/I labels (0/1/2; an I after O starts one).

    >>> bio_runs([0, 1, 2, 0, 2, 1])
    [(1, 3), (4, 5), (5, 6)]
    """
    out, start = [], None
    for i, t in enumerate([*labels, 0]):
        if start is not None and t != 2:
            out.append((start, i))
            start = None
        if t == 1 or (t == 2 and start is None):
            start = i
    return out


def first_subwords(offsets: np.ndarray, starts: Sequence[int], ends: Sequence[int]) -> np.ndarray:
    """Index of the first subword of every token (-1 for a token with none: whitespace, or past
    the encoder's length limit). `offsets` are the subwords' (start, end) characters ((0, 0)
    for special tokens); a subword belongs to the token its first character is in, as
    `encoder.tokens.align` reads it.

    >>> first_subwords(np.array([[0, 0], [0, 6], [7, 11], [11, 12], [0, 0]]), [0, 7, 11],
    ...                [6, 11, 12]).tolist()
    [1, 2, 3]
    """
    st, en = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    out = np.full(len(st), -1, dtype=np.int64)
    for k in range(len(offsets) - 1, -1, -1):  # backwards: the first subword wins
        a, b = int(offsets[k][0]), int(offsets[k][1])
        if b <= a:
            continue
        owner = int(np.searchsorted(st, a, side="right")) - 1
        if owner >= 0 and a < en[owner]:
            out[owner] = k
    return out


def inherit_inside(probs: np.ndarray, orphans: np.ndarray) -> np.ndarray:
    """(tokens, layers, 3) O/B/I probabilities where each orphan token (a word piece with no
    subword of its own: spaCy's "not" of "cannot", which WordPiece keeps whole) continues the
    token before it: its probabilities, with B's mass moved to I. In place; returns `probs`.

    >>> p = np.array([[[0.1, 0.8, 0.1]], [[1.0, 0.0, 0.0]]])
    >>> inherit_inside(p, np.array([False, True]))[1].tolist()
    [[0.1, 0.0, 0.9]]
    """
    for i in np.flatnonzero(orphans):
        if i > 0:
            probs[i] = probs[i - 1]
            probs[i, :, 2] += probs[i, :, 1]
            probs[i, :, 1] = 0.0
    return probs
