"""Runs of whole sentences of bounded length: how the attribution tagger reads an article.

The tagger (`extract/encoder/tagger.py`) and its training (`training/tagger_fit.py`) cut an
article the same way, so the head sees at run time the contexts it was trained on. Pure
Python (the training environment has no spaCy). Example::

    >>> sentence_chunks([0, 3, 5, 9], 12, max_tokens=6)
    [(0, 5), (5, 9), (9, 12)]
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_TOKENS = 160


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
