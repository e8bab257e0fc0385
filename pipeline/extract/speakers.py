"""Speaker noun phrases: span, resolved name, role and type (pronouns: `pronouns.py`).

Given the head token of a speaker (the subject of a cue, the object of "according to", a
relative pronoun ...), `SpeakerResolver.describe` returns what the claim record needs. Pronouns
("he", "she", "it") are resolved to an earlier entity of the article by recency, subject
preference and gender hints; relative pronouns ("who") to the noun they modify.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .antecedents import (
    definite_antecedent,
    document_issuer,
    earlier_issuer,
    kin_name,
    state_of,
)
from .mention import Mention
from .names import clean_name, names_law, title_only
from .pronouns import (
    GROUP_PRONOUNS,
    PERSONAL_PRONOUNS,
    denotes_people,
    relative_antecedent,
    resolve_pronoun,
)
from .speaker_phrases import (
    after_but,
    first_conjunct,
    named_org,
    org_named,
    org_starting,
    titled_conjunct,
    titled_object,
)
from .speaker_state import SpeakerState

RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})
# how far apart two subjects of one verb may be for the named one to be the speaker
_SIBLING_GAP = 8
_SPEAKER_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "FAC": "ORG"}

# Words in a noun phrase that are not part of a role ("the", "a", quantifiers).
_ROLE_SKIP_DEPS = frozenset({"det", "predet", "punct", "case"})


@dataclass
class SpeakerInfo:
    """A speaker as it goes into a claim record."""

    text: str
    start_char: int
    end_char: int
    name: str | None
    role: str | None
    type: str
    head: int  # token index of the head


def _proper(head: Token) -> bool:
    """A proper noun the NER missed: tagged so and capitalised, not the end of a hyphenated
    word ("youtube-dl does not support …" is no person "dl")."""
    glued = head.i > 0 and head.nbor(-1).text == "-" and not head.nbor(-1).whitespace_
    return head.tag_ in ("NNP", "NNPS") and head.text[:1].isupper() and not glued


class SpeakerResolver(SpeakerState):
    """Describes speaker noun phrases of one parsed article (its state: `SpeakerState`)."""

    def resolve_pronoun(self, pron: Token, not_name: str | None = None) -> tuple[str | None, str]:
        """(resolved name, speaker type) for a personal pronoun (`pronouns.resolve_pronoun`)."""
        return resolve_pronoun(self, pron, not_name)

    # --- description ----------------------------------------------------------------------
    def describe(self, head: Token) -> SpeakerInfo:
        """Full description of the speaker headed by `head`."""
        doc = self.doc
        head = after_but(self._named_sibling(self._outside_parentheses(head)))
        head = titled_object(self, titled_conjunct(self, head))
        start, end = self.phrase_span(head)
        span = doc[start:end]
        low = head.lower_
        name: str | None = None
        role: str | None = None
        stype = "UNNAMED"
        if head.tag_ in ("PRP", "PRP$") or low in PERSONAL_PRONOUNS or low in GROUP_PRONOUNS:
            name, stype = self.resolve_pronoun(head)
            if name is None:
                stype = "OTHER"  # an unresolved pronoun names no actor
        elif low in RELATIVE_PRONOUNS and head.tag_ in ("WP", "WDT", "WP$", "DT", "IN"):
            antecedent = relative_antecedent(head)
            stype = "OTHER"
            if antecedent is not None:
                info = self.describe(antecedent)
                name, role = info.name, info.role
                stype = info.type if name else "OTHER"
        else:
            head = first_conjunct(self, head, start, end)
            name, role, stype = self._describe_np(self._partitive(head), start, end)
        if name and not role:
            role = self.roles.get(name)
        if name and role and stype == "PERSON":
            self.roles.setdefault(name, role)
        return SpeakerInfo(
            text=self.text[span.start_char : span.end_char],
            start_char=span.start_char,
            end_char=span.end_char,
            name=name,
            role=role,
            type=stype,
            head=head.i,
        )

    def _named_sibling(self, head: Token) -> Token:
        """ "Early opponent MP Tanya Davies said", "Member of parliament (MP) Kevin Conolly
        said": the parse gives the verb two subjects; the named one is the speaker (when no
        verb or quotation stands between them)."""
        if self.token_mention[head.i] is not None or not head.tag_.startswith("NN"):
            return head
        for sib in head.head.children:
            if sib.dep_ == "nsubj" and sib.i > head.i and sib.i - head.i <= _SIBLING_GAP:
                m = self.token_mention[sib.i]
                between = self.doc[head.i + 1 : sib.i]
                if any(t.tag_.startswith("VB") or self.in_quote[t.i] for t in between):
                    continue
                if m is not None and m.label in ("PERSON", "ORG"):
                    return sib
        return head

    def _partitive(self, head: Token) -> Token:
        """ "One of the children", "95% of the participants": the group after "of"
        (`speakers/partitive_words.txt`)."""
        if head.lower_ not in self.lex.partitive_words and head.tag_ != "CD":
            return head
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.tag_ in ("NNS", "NNPS", "NN", "NNP"):
                        return obj
        return head

    def _outside_parentheses(self, head: Token) -> Token:
        """ "Gov. John Kasich (R-OH)" parsed with "OH" as subject: use the name before "("."""
        doc = self.doc
        sent = head.sent
        for i in range(head.i - 1, max(sent.start, head.i - 6) - 1, -1):
            if doc[i].text == ")":
                return head
            if doc[i].text == "(":
                if i > sent.start and doc[i - 1].tag_ in ("NNP", "NNPS", "NN", "NNS"):
                    return doc[i - 1]
                return head
        return head

    def _describe_np(self, head: Token, start: int, end: int) -> tuple[str | None, str | None, str]:
        doc = self.doc
        mention = self._find_name(head, start, end)
        if mention is not None and mention.label == "LAW":
            return None, None, "OTHER"  # "The Copyright Act says …": a law is no actor
        if mention is not None:
            stype = _SPEAKER_TYPES.get(mention.label, "GROUP")
            if mention.label == "GPE" and doc[mention.start].tag_ == "NNPS":
                stype = "GROUP"
            role = self._role_around(head, mention, start, end) if stype == "PERSON" else None
            return mention.resolved, role, stype
        # no named entity: a common-noun speaker
        low = head.lower_
        singular = head.tag_ in ("NN", "NNP")
        noun = low[:-1] if low.endswith("s") and not singular else low
        # "Reports said …": capitalised only because it opens the sentence
        opens = all(t.is_punct or t.is_space for t in doc[head.sent.start : head.i])
        if noun in self.lex.document_nouns and (head.text[0].islower() or opens):
            issuer = document_issuer(self, head) or earlier_issuer(self, head)
            if issuer is None:
                return None, None, "OTHER"
            return issuer.resolved, None, _SPEAKER_TYPES.get(issuer.label, "GROUP")
        if names_law([t.text for t in doc[start:end]], self.lex):
            return None, None, "OTHER"  # "the Copyright Act, which says …": a law, no actor
        text = self._proper_run(head) if _proper(head) else ""
        if text and not title_only(text.split(), self.lex):
            # proper noun the NER missed: treat as a name, or as the organisation it starts;
            # a capitalised title ("The US Ambassador said") is a role, resolved below
            org = org_starting(self, text) or org_named(self, text)
            if org is not None:  # "Salling said" in an article about "Salling Group A/S"
                return org.resolved, None, "ORG"
            if any(w.lower() in self.lex.org_nouns for w in text.split()):
                return text, None, "ORG"  # "the United States House of Representatives"
            return text, None, "PERSON" if head.tag_ == "NNP" else "GROUP"
        state = state_of(self, head)
        if state is not None:  # "the Ukraine government", "Saudi officials" -> the place
            return state.resolved, None, "GPE"
        kin = kin_name(self, head)
        if kin is not None:  # "her parents" -> "Qandeel Baloch's parents"
            return kin[0], None, "PERSON" if singular else "GROUP"
        found = definite_antecedent(self, head)
        if found is not None:
            return found.resolved, None, _SPEAKER_TYPES.get(found.label, "GROUP")
        if noun in self.lex.org_nouns or low in self.lex.org_nouns:
            named = named_org(self, head, noun)
            if named is not None:  # "the Yemen-based Houthi movement", "Day's foundation"
                return named.resolved, None, _SPEAKER_TYPES.get(named.label, "GROUP")
            return None, None, "ORG"
        if not singular:
            # "analysts", "protesters", "participants" are a group source; "drone strikes" none
            return None, None, "GROUP" if denotes_people(noun, self.lex) else "OTHER"
        if noun in self.lex.person_nouns:
            role_tokens = [
                self._orig(t)
                for t in doc[start:end]
                if t.dep_ not in _ROLE_SKIP_DEPS and t.tag_ not in ("DT", "CD")
            ]
            return None, " ".join(role_tokens) or None, "PERSON"
        return None, None, "OTHER"

    def _proper_run(self, head: Token) -> str:
        """Contiguous proper-noun compound ending at `head` ("Rick Tyler", "United States
        House": compounds of compounds too) and an "of" with a proper noun after it ("United
        States House of Representatives"), brackets and edge punctuation cleaned."""
        toks = [head]
        ids = {head.i}
        while toks[0].i > 0:
            prev = self.doc[toks[0].i - 1]
            if prev.dep_ != "compound" or prev.tag_ != "NNP" or prev.head.i not in ids:
                break
            toks.insert(0, prev)
            ids.add(prev.i)
        words = [self._orig(t) for t in toks]
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        named_body = head.lower_ in self.lex.org_nouns  # not "a Minister of State"
        if named_body and obj is not None and obj.tag_ in ("NNP", "NNPS") and obj.i - head.i <= 3:
            # "House of Representatives": a name going on with "of" and a proper noun
            words += [self._orig(t) for t in self.doc[head.i + 1 : obj.i + 1]]
        return clean_name(" ".join(words))

    def _find_name(self, head: Token, start: int, end: int) -> Mention | None:
        """The name of the phrase: its head's, a named appositive's ("a Republican, Mark
        Amodei, said": the person, not the party word), or the name ending the phrase."""
        m = self.token_mention[head.i]
        if m is not None and m.label != "NORP":
            return m
        for child in head.children:
            if child.dep_ == "appos":
                cm = self.token_mention[child.i]
                if cm is not None and cm.label in ("PERSON", "ORG"):
                    return cm
        if m is not None:  # "a Republican" with no named person beside it
            return m
        # a name inside the phrase: prefer the last PERSON, else the last ORG/GPE
        best: Mention | None = None
        for i in range(start, end):
            cm = self.token_mention[i]
            if cm is not None and cm.label == "PERSON":
                best = cm
        return best if best is not None and best.end == end else None

    def _role_around(self, head: Token, mention: Mention, start: int, end: int) -> str | None:
        doc = self.doc
        # title words before the name inside the phrase
        words = [
            t
            for t in doc[start : mention.start]
            if t.dep_ not in _ROLE_SKIP_DEPS and t.tag_ not in ("DT", "POS") and not t.is_punct
        ]
        while words:
            w = words[0]
            wm = self.token_mention[w.i]
            if (
                wm is not None
                and wm.label in ("GPE", "NORP")
                or w.lower_.rstrip(".") in self.lex.bare_titles
            ):
                words.pop(0)
            else:
                break
        role = " ".join(self._orig(t) for t in words).strip()
        if not role:
            # appositive description: "Paul Lindsay, a spokesman for the Bush super PAC"
            name_head = doc[mention.end - 1]
            for child in list(name_head.children) + list(head.children):
                if child.dep_ == "appos" and self.token_mention[child.i] is None:
                    toks = [
                        t
                        for t in doc[child.left_edge.i : child.right_edge.i + 1]
                        if not (t.i == child.left_edge.i and t.tag_ in ("DT", "PRP$"))
                    ]
                    # stop at a relative clause
                    cut = next(
                        (k for k, t in enumerate(toks) if t.tag_ in ("WP", "WDT")), len(toks)
                    )
                    toks = toks[:cut]
                    while toks and toks[-1].is_punct:
                        toks.pop()
                    role = " ".join(self._orig(t) for t in toks)
                    break
        return role or None
