"""Training labels of claim candidates, by the scoring rules of the PolNeAR README.

A candidate's *target* is the gold attribution it is about: the one whose cue overlaps the
candidate's cue, else the one its rule content overlaps most (token Dice >= 0.25). A boundary
alternative is *right* when its content tokens reach Dice >= 0.5 with the target (the scorer's
match threshold); the candidate's speaker is right when its span shares a word token with the
target's source (or both have none). The decision model learns "content and speaker right".

Example::

    gold = Gold(article)                     # one PolNeAR gold article
    t = gold.target(cue_span=(10, 14), content="that the talks failed")
    gold.content_right(t, "that the talks failed")      # True
"""

from __future__ import annotations

from typing import Any

from pipeline.evaluation.scorer import TokenIndex, dice, gold_span_ids, tokens

MATCH_DICE = 0.5
TARGET_DICE = 0.25


class Gold:
    """The gold attributions of one article, indexed for labelling."""

    def __init__(self, article: dict[str, Any]) -> None:
        self.text: str = article["text"]
        self.items: list[dict[str, Any]] = article["attributions"]
        self.index = TokenIndex(self.text)
        self.content_tokens = [tokens(" ".join(f[2] for f in g["content"])) for g in self.items]
        self.cue_chars = [[(int(s), int(e)) for s, e, *_ in g["cue"]] for g in self.items]
        self.source_ids = [gold_span_ids(self.index, g["source"]) for g in self.items]

    def target(self, cue_span: tuple[int, int], content: str) -> int | None:
        """Index of the gold attribution a candidate is about, or None."""
        s, e = cue_span
        for k, frags in enumerate(self.cue_chars):
            if any(a < e and s < b for a, b in frags):
                return k
        toks = tokens(content)
        best, best_d = None, TARGET_DICE
        for k, gt in enumerate(self.content_tokens):
            d = dice(toks, gt)
            if d >= best_d:
                best, best_d = k, d
        return best

    def content_dice(self, target: int | None, content: str) -> float:
        """Token Dice of a content with the target's content (0 without a target)."""
        if target is None:
            return 0.0
        return dice(tokens(content), self.content_tokens[target])

    def speaker_right(self, target: int | None, speaker: tuple[int, int] | None) -> bool:
        """Does the speaker span share a word token with the target's source (or both lack
        one)?"""
        if target is None:
            return False
        gold = self.source_ids[target]
        if not gold:
            return speaker is None
        if speaker is None:
            return False
        return bool(self.index.token_ids(*speaker) & gold)
