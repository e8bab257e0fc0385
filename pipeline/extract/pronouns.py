"""Which earlier actor a pronoun speaker stands for: the pronoun half of `SpeakerResolver`.

Personal pronouns ("he", "she", "it") resolve to an earlier entity of the article by recency,
subject preference and gender hints, or to the named subject of the reporting verb ("Anwar said
she believed ..."); "they" to a plural antecedent; relative pronouns ("who") to the noun they
modify::

    resolver.resolve_pronoun(doc[17])   # -> ("Vyacheslav Gladkov", "PERSON")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .antecedents import plural_antecedent
from .entities import Mention

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

PERSONAL_PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
}
GROUP_PRONOUNS = frozenset({"they", "them", "we", "us"})
FIRST_PERSON = frozenset({"i", "me", "we", "us"})


class PronounResolution:
    """Mixed into `SpeakerResolver`, whose article state (doc, mentions, quotes) it reads."""

    doc: Doc
    text: str
    mentions: Sequence[Mention]
    in_quote: Sequence[bool]
    token_mention: Sequence[Mention | None]
    phrase_span: Callable[[Token], tuple[int, int]]

    def _relative_antecedent(self, pron: Token) -> Token | None:
        verb = pron.head
        while verb.dep_ not in ("relcl", "acl") and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ in ("relcl", "acl"):
            return verb.head
        return None

    def resolve_pronoun(self, pron: Token, not_name: str | None = None) -> tuple[str | None, str]:
        """(resolved name, speaker type) for a personal pronoun speaker; never `not_name` (a
        quotation's speaker is not "he" in their own words)."""
        low = pron.lower_
        if low in FIRST_PERSON:
            return None, "PERSON" if low in ("i", "me") else "GROUP"
        if low in ("they", "them"):
            mention, noun = plural_antecedent(self, pron)
            if mention is not None:
                return mention.resolved, "ORG" if mention.label == "ORG" else "GROUP"
            if noun is not None:
                start, end = self.phrase_span(noun)
                span = self.doc[start:end]
                return self.text[span.start_char : span.end_char], "GROUP"
            return None, "GROUP"
        if low in GROUP_PRONOUNS:
            return None, "GROUP"
        if low in ("it", "its"):
            m = self._recent(pron.i, {"ORG"}, None, not_name=not_name)
            return (m.resolved if m else None), "ORG"
        gender = PERSONAL_PRONOUNS.get(low)
        bound = self._reporting_subject(pron, gender)
        if bound is not None and bound.resolved != not_name:
            return bound.resolved, "PERSON"
        m = self._recent(pron.i, {"PERSON"}, gender, not_name=not_name)
        return (m.resolved if m else None), "PERSON"

    def _reporting_subject(self, pron: Token, gender: str | None) -> Mention | None:
        """ "Anwar said she believed …": a pronoun in a reported clause refers to the
        reporting verb's (named) subject when the gender fits."""
        cur = pron
        for _ in range(6):
            if cur.head.i == cur.i:
                return None
            if cur.dep_ == "ccomp":
                subj = next((c for c in cur.head.children if c.dep_ == "nsubj"), None)
                if subj is None or subj.i == pron.i:
                    return None
                m = self.token_mention[subj.i]
                if m is None:
                    for c in subj.children:
                        if c.dep_ == "appos" and self.token_mention[c.i] is not None:
                            m = self.token_mention[c.i]
                if m is None or m.label != "PERSON":
                    return None
                if gender is not None and m.gender is not None and m.gender != gender:
                    return None
                return m
            cur = cur.head
        return None

    def _recent(
        self,
        i: int,
        labels: set[str],
        gender: str | None,
        max_sent: int = 6,
        not_name: str | None = None,
    ) -> Mention | None:
        """Most salient earlier mention: recent, outside quotes, subjects preferred."""
        doc = self.doc
        sent_start = doc[i].sent.start
        fallback: Mention | None = None
        cur_sent = None
        sents_seen = 0
        for m in reversed(self.mentions):
            if m.start >= i or m.label not in labels or m.resolved == not_name:
                continue
            if gender is not None and m.gender is not None and m.gender != gender:
                continue
            if cur_sent != m.sentence_index:
                cur_sent = m.sentence_index
                sents_seen += 1
                if sents_seen > max_sent:
                    break
            if self.in_quote[m.start] and not self.in_quote[i]:
                if fallback is None:
                    fallback = m
                continue
            head = doc[m.end - 1]
            if head.dep_ in ("nsubj", "nsubjpass") or m.start < sent_start <= m.end:
                return m
            if fallback is None or self.in_quote[fallback.start]:
                fallback = m
        return fallback
