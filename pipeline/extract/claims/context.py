"""`ArticleContext`: one parsed article and what every finder and pass reads from it."""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
from spacy.attrs import HEAD, IDX, SENT_START, TAG
from spacy.tokens import Doc, Token

from ..lexicon import Lexicon
from ..mention import Mention
from ..quotes import Quote, find_quotes
from ..speakers import SpeakerResolver


class ArticleContext:
    """The doc, its original text, the lexicon, quotations and position lookups.

    Built once per article by `extract_claims`; finders and passes only read it. Example::

        ctx = ArticleContext(doc, mentions, lexicon, text)
        ctx.in_quote[i]        # is token i inside a quotation?
        ctx.sent_index(i)      # sentence number of token i
    """

    def __init__(
        self,
        doc: Doc,
        mentions: list[Mention],
        lex: Lexicon,
        text: str | None = None,
        propose_blocked: bool = False,
    ) -> None:
        self.doc = doc
        self.lex = lex
        self.text = doc.text if text is None else text
        self.mentions = mentions
        self.quotes: list[Quote] = find_quotes(self.text)
        self._quote_ends = [q.end for q in self.quotes]  # quotes are in order, never nested
        # token attributes read as arrays: creating a Token object per token costs more than
        # the rules that read them
        cols = doc.to_array([SENT_START, IDX, HEAD, TAG]).astype(np.uint64).reshape(-1, 4)
        strings = doc.vocab.strings
        self.tags: list[str] = [strings[h] for h in cols[:, 3].tolist()]
        cols = cols[:, :3].astype(np.int64)
        self.tok_starts: list[int] = cols[:, 1].tolist()
        later = [i for i in np.flatnonzero(cols[:, 0] == 1).tolist() if i]
        self.sent_starts = ([0] if len(doc) else []) + later
        self.heads: list[int] = (np.arange(len(doc)) + cols[:, 2]).tolist()  # head index
        self.in_quote = [q >= 0 for q in self._token_quotes()]
        self.in_marker = self._marker_tokens()  # "That said, …": no cue inside
        self.speakers = SpeakerResolver(doc, mentions, self.in_quote, lex, self.text)
        # finders also propose candidates through frames the learned table blocks (`Draft.gated`)
        self.propose_blocked = propose_blocked
        self.refused_verbs: set[int] = set()  # cue verbs whose frame the lexicon refused

    def _token_quotes(self) -> list[int]:
        """Index of the quote containing each token (-1 outside quotes)."""
        out = [-1] * len(self.doc)
        qi = 0
        quotes = self.quotes
        for i, idx in enumerate(self.tok_starts):
            while qi < len(quotes) and quotes[qi].end <= idx:
                qi += 1
            if qi < len(quotes) and quotes[qi].start <= idx < quotes[qi].end:
                out[i] = qi
        return out

    def _marker_tokens(self) -> frozenset[int]:
        """Tokens inside a discourse marker of `cues/discourse_markers.txt`."""
        out: set[int] = set()
        for m in self.lex.discourse_marker_re.finditer(self.text):
            out.update(range(self.token_at_char(m.start()), self.token_at_char(m.end() - 1) + 1))
        return frozenset(out)

    def sent_index(self, i: int) -> int:
        """Sentence number of token i."""
        return bisect_right(self.sent_starts, i) - 1

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """Token range [start, end) of the sentence of token i."""
        k = self.sent_index(i)
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.doc)
        return self.sent_starts[k], end

    def sent_of_char(self, char: int) -> int:
        """Sentence number of the token at (or just before) a character offset."""
        return self.sent_index(max(bisect_right(self.tok_starts, char) - 1, 0))

    def token_at_char(self, char: int) -> int:
        """Index of the token at (or just before) a character offset."""
        return bisect_right(self.tok_starts, char) - 1

    def quotes_overlapping(self, start: int, end: int) -> list[Quote]:
        """The quotations that overlap the character range [start, end), in order."""
        quotes = self.quotes
        k = bisect_right(self._quote_ends, start)
        out: list[Quote] = []
        while k < len(quotes) and quotes[k].start < end:
            out.append(quotes[k])
            k += 1
        return out

    def char_in_quote(self, char: int) -> bool:
        return bool(self.quotes_overlapping(char, char + 1))

    def quote_in_sentence(self, tok: Token) -> bool:
        """Does the sentence of `tok` contain quoted text?"""
        sent = tok.sent
        return any(self.in_quote[i] for i in range(sent.start, sent.end))

    def is_outlet(self, tok: Token | None) -> bool:
        """Is the phrase headed by this speaker token a news outlet ("The Daily Mail", "CNN")?"""
        if tok is None:
            return False
        lo, hi = tok.left_edge.i, tok.right_edge.i
        if hi - lo > 8:
            lo, hi = tok.i, tok.i
        words = {t.lower_ for t in self.doc[lo : hi + 1]}
        return bool(words & self.lex.media_words)
