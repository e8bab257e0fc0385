"""A cue verb under analysis (`VerbCue`) and what a frame finds in it (`FrameMatch`).

Every frame function (`verb_frames.FRAMES`) reads a `VerbCue` and returns a `FrameMatch`, None
(does not apply) or `STOP` (applies but gives no claim)::

    v = VerbCue(ctx, verb, "say", passive=False, speaker=subject)
    v.ok("clause")      # does the lexicon allow the frame for "say"?
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..context import ArticleContext
from ..syntax import subtree


@dataclass(frozen=True)
class FrameMatch:
    """Content found through one frame: category, content tokens, extra cue tokens (an
    adjacent preposition: "referred to"), and the learned-table key ("passive-p:about")."""

    category: str
    tokens: set[int]
    extra_cue: list[int] = field(default_factory=list)
    key: str = ""


STOP = FrameMatch("stop", set())


@dataclass
class VerbCue:
    """A cue verb being analysed: what every frame function reads."""

    ctx: ArticleContext
    verb: Token
    lemma: str
    passive: bool
    speaker: Token | None
    frames: tuple[str, ...] = ()
    children: list[Token] = field(default_factory=list)
    ungated: bool = False  # try every frame, also those the learned table blocks

    def __post_init__(self) -> None:
        self.frames = self.ctx.lex.cue_frames.get(self.lemma, ())
        self.children = list(self.verb.children)

    def ok(self, frame: str) -> bool:
        """Does the lexicon allow this frame (in this voice) for the lemma?"""
        voice = "passive-" if self.passive else ""
        if self.ungated or self.ctx.lex.frame_allowed(self.lemma, voice + frame):
            return True
        self.ctx.refused_verbs.add(self.verb.i)
        return False

    def subtree(self, root: Token) -> set[int]:
        return subtree(self.ctx, root, self.verb)
