"""One decided claim as the labellers read it: its draft, speaker, words and top tokens.

Example::

    article = ArticleClaims(ctx, infos)           # once per article: shared references, credits
    view = article.view(draft, info, "said", "the talks had failed")
    [t.text for t in view.roots]                  # the content's top tokens
    view.article.memo("speakers", count_speakers)  # made on the first claim that asks, then kept
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from spacy.tokens import Token

from ...speakers import SpeakerInfo
from ..context import ArticleContext
from ..draft import Draft
from ..refs import ActorRefs, Ref
from .credits import CreditCarry

T = TypeVar("T")


class ArticleClaims:
    """What the labellers share across one article's decided claims: the actor references,
    every claim with its speaker (`infos`, in text order) and the outlet credit carried from
    claim to claim."""

    def __init__(self, ctx: ArticleContext, infos: list[tuple[Draft, SpeakerInfo | None]]):
        self.ctx = ctx
        self.infos = infos
        self.refs = ActorRefs(ctx)
        self.credits = CreditCarry(ctx, self.refs)
        self._memo: dict[Hashable, Any] = {}

    def memo(self, key: Hashable, make: Callable[[ArticleClaims], T]) -> T:
        """The labels stage's per-article hook: `make(self)`, computed on the first ask for
        `key` in this article and kept for its other claims (a public hook for labellers of
        your own; the learned act labeller keeps its encoder states on the doc instead,
        `encoder.encode_sentences`, where the attribution tagger shares them)."""
        if key not in self._memo:
            self._memo[key] = make(self)
        return self._memo[key]

    def view(self, d: Draft, info: SpeakerInfo | None, cue_text: str, content: str) -> ClaimView:
        """The view of claim `d` (spoken by `info`) that the labellers read."""
        return ClaimView(self.ctx, d, speaker_ref(info), self.refs, info, cue_text, content, self)


class ClaimView:
    """One draft with what the label rules read (`article`: the article's `ArticleClaims`)."""

    def __init__(
        self,
        ctx: ArticleContext,
        d: Draft,
        speaker: Ref | None,
        refs: ActorRefs,
        info: SpeakerInfo | None = None,
        cue_text: str = "",
        content: str = "",
        article: ArticleClaims | None = None,
    ):
        self.ctx = ctx
        self.d = d
        self.speaker = speaker
        self.refs = refs
        self.info = info
        self.cue_text = cue_text
        self.content = content
        self.article = article
        starts = ctx.tok_starts
        doc = ctx.doc
        # token starts are sorted: bisect each span rather than test every token of the doc
        ids = {i for s, e in d.spans for i in range(bisect_left(starts, s), bisect_left(starts, e))}
        self.tokens = [doc[i] for i in sorted(ids)]
        self.ids = {t.i for t in self.tokens}
        heads = ctx.heads
        # the content's top tokens: their heads lie outside it (or they are the root)
        self.roots = [t for t in self.tokens if heads[t.i] not in self.ids or heads[t.i] == t.i]

    def phrase_refs(self, tok: Token) -> list[Ref]:
        return self.refs.of_phrase(tok, self.speaker)

    def others(self, refs: list[Ref]) -> list[Ref]:
        """The refs that are not the speaker."""
        name = self.speaker.name if self.speaker else None
        return [r for r in refs if r.name != name]


def speaker_ref(info: SpeakerInfo | None) -> Ref | None:
    """The speaker as an actor reference (None when unnamed)."""
    if info is None or not info.name:
        return None
    label = info.type if info.type in ("PERSON", "ORG", "GPE") else "NORP"
    return Ref(info.name, label, info.start_char, info.end_char)
