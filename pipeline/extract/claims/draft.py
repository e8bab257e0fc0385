"""`Draft`: a claim candidate under construction, as finders propose it and passes refine it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token


@dataclass
class Draft:
    """A claim candidate (token and character offsets into the doc).

    Finders fill the cue, the speaker token and the content tokens; the quote pass turns the
    content into character `spans`; the decision pass keeps or drops it. Example: in "Peskov
    said the talks failed." the verb finder proposes `Draft(cue_tokens=[1], lemma="say",
    speaker=<Peskov>, content={2, 3, 4}, category="clause", frame="clause")`.
    """

    cue_tokens: list[int]
    lemma: str
    speaker: Token | None
    content: set[int] = field(default_factory=set)  # token indices
    spans: list[tuple[int, int]] = field(default_factory=list)  # char fragments
    category: str = "speech"  # how the content was found ("clause", "quote", "colon", ...)
    unattributed: bool = False
    cue_span: tuple[int, int] | None = None  # explicit char span (":" and dash cues)
    needs_quote: bool = False  # a speech cue waiting for an adjacent quotation
    cue_char: int = -1  # set before the decision pass
    verb_i: int = -1  # the cue's head token (verbs, adjectives, headline verbs)
    frame: str = ""  # cue-table frame key ("clause", "passive-object", "p:about", ...)
    finder: str = ""  # the finder that proposed it ("verb", "noun", "colon", ...)
    gated: bool = False  # its frame is one the learned cue table blocks (model candidates only)
    confidence: float | None = None  # set by a learned decider: P(claim and speaker right)
    # no cue in the text (a follow-on quotation, `follow_on.py`): `cue_tokens` holds its first
    # word, for the sentence and the labellers' features
    cueless: bool = False

    @property
    def cue_i(self) -> int:
        return self.cue_tokens[0]
