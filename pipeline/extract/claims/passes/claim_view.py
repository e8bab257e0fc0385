"""One decided claim with what the act and about passes read: its tokens and top tokens.

Example::

    view = ClaimView(ctx, draft, speaker_ref, refs)
    [t.text for t in view.roots]     # the content's top tokens
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from ..context import ArticleContext
from ..draft import Draft
from ..refs import ActorRefs, Ref


class ClaimView:
    """One draft with what the act rules read."""

    def __init__(self, ctx: ArticleContext, d: Draft, speaker: Ref | None, refs: ActorRefs):
        self.ctx = ctx
        self.d = d
        self.speaker = speaker
        self.refs = refs
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
