"""The article state that speaker resolution reads, and the caches it fills.

A low module: `speakers.py` (the resolver), `pronouns.py`, `antecedents.py` and
`speaker_phrases.py` all take a `SpeakerState` and none of them imports another's host class,
so the four stay free of import circles::

    state = SpeakerState(doc, mentions, in_quote, lexicon, text)
    start, end = state.phrase_span(doc[4])       # "a spokesman for Ted Cruz" -> (2, 7)
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from .lexicon import Lexicon
from .mention import Mention

# an interview transcript's turn: a paragraph opening with its speaker in double brackets
_TURN_RE = re.compile(r"(?:^|\n)[ \t]*\(\(([^()\n]{1,80})\)\)")
# Modifiers that belong to a speaker noun phrase (left of the head).
_NP_LEFT_DEPS = frozenset(
    {
        "det",
        "predet",
        "compound",
        "amod",
        "poss",
        "nummod",
        "nmod",
        "quantmod",
        "case",
        "advmod",
        "npadvmod",
        "prep",
    }
)
# prepositions whose phrase belongs to a common-noun speaker ("a spokesman for Ted Cruz")
_NP_RIGHT_PREPS = frozenset({"for", "of", "at", "with", "to", "from", "in"})


class SpeakerState:
    """One parsed article as speaker resolution sees it, with the caches its passes share:
    `roles` (name -> role seen with it, written by `SpeakerResolver.describe`), `described`
    (role noun -> the actor mentions described with it) and `definite` (role-noun head -> its
    antecedent), both written by `antecedents.definite_antecedent`."""

    def __init__(
        self,
        doc: Doc,
        mentions: list[Mention],
        in_quote: list[bool],
        lex: Lexicon,
        text: str | None = None,
    ) -> None:
        self.doc = doc
        self.lex = lex
        self.text = doc.text if text is None else text
        self.mentions = mentions
        self.in_quote = in_quote
        self.token_mention: list[Mention | None] = [None] * len(doc)
        for m in mentions:
            for i in range(m.start, m.end):
                self.token_mention[i] = m
        self.roles: dict[str, str] = {}
        # role noun -> the actor mentions the article describes with it (antecedents; lazy)
        self.described: dict[str, list[Mention]] | None = None
        self.definite: dict[int, Mention | None] = {}  # role-noun head -> its antecedent
        self._turns: tuple[list[int], list[str | None]] | None = None  # interview turns

    def turn_speaker(self, char: int) -> str | None:
        """The person whose interview turn holds character `char`: a transcript paragraph
        that opens with the speaker's name in double brackets ("((Zara Kay))  I was born in
        Tanzania.") and the unlabelled paragraphs after it; None outside a transcript or in
        the interviewer's turns ("((WN))", initials: no person the article names)."""
        if self._turns is None:
            found = list(_TURN_RE.finditer(self.text))
            self._turns = (
                [f.start() for f in found],
                [self._turn_person(f.start(1), f.end(1)) for f in found],
            )
        turn = bisect_right(self._turns[0], char) - 1
        return self._turns[1][turn] if turn >= 0 else None

    def _turn_person(self, start: int, end: int) -> str | None:
        for m in self.mentions:
            if start <= m.start_char and m.end_char <= end and m.label == "PERSON":
                return m.resolved
        return None

    def _orig(self, tok: Token) -> str:
        """Token text as written in the original article."""
        return self.text[tok.idx : tok.idx + len(tok.text)]

    def phrase_span(self, head: Token) -> tuple[int, int]:
        """Token span [start, end) of the speaker phrase headed by `head`.

        Includes determiners, titles, compounds and possessors on the left; on the right a
        prepositional modifier of a common noun ("a spokesman for Ted Cruz") and a name in
        apposition to a common noun ("Rubio's campaign manager, Rich Beeson"). Relative
        clauses and appositive descriptions of names are left out.
        """
        doc = self.doc
        start = head.i
        for child in head.lefts:
            if child.dep_ in _NP_LEFT_DEPS or child.dep_ == "":
                start = min(start, child.left_edge.i)
        end = head.i + 1
        m = self.token_mention[head.i]
        if m is not None:
            start = min(start, m.start)
            end = max(end, m.end)
        is_name = head.tag_ in ("NNP", "NNPS") or m is not None
        if not is_name and head.tag_ not in ("PRP", "WP", "WDT", "DT"):
            for child in head.rights:
                if child.dep_ == "prep" and child.lower_ in _NP_RIGHT_PREPS:
                    end = max(end, child.right_edge.i + 1)
                elif child.dep_ == "appos" and (
                    child.tag_ in ("NNP", "NNPS") or self.token_mention[child.i]
                ):
                    end = max(end, self._name_end(child))
                elif child.dep_ in ("compound", "flat"):
                    end = max(end, child.right_edge.i + 1)
        if not self.in_quote[head.i]:
            # never reach into a quotation
            for i in range(head.i - 1, start - 1, -1):
                if self.in_quote[i]:
                    start = i + 1
                    break
            for i in range(head.i + 1, end):
                if self.in_quote[i]:
                    end = i
                    break
        while end > start + 1 and doc[end - 1].is_punct:
            end -= 1
        while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
            start += 1  # a blanked dateline before the phrase is not part of it
        return start, end

    def _name_end(self, tok: Token) -> int:
        m = self.token_mention[tok.i]
        end = tok.i + 1
        if m is not None:
            end = max(end, m.end)
        return end
