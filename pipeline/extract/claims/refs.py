"""Which actor a word of a claim refers to: entity mentions, pronouns and noun phrases.

Shared by the act, accused/about and outlet rules. A reference is an actor's name (as resolved
within the article), its label and the characters where the claim names it::

    refs = ActorRefs(ctx)
    refs.of_phrase(doc[12], speaker)   # "Ukrainian helicopters" -> [Ref("Ukraine", "GPE", 40, 50)]
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..antecedents import definite_antecedent, kin_name, state_of
from ..speakers import PERSONAL_PRONOUNS
from .affiliation import affiliation
from .context import ArticleContext

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# dependents of a noun that may name the actor behind it ("Ukraine's helicopters",
# "Ukrainian helicopters", "the Hong Kong authorities")
_OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
# prepositions of a noun that may name the actor behind it ("officials of the FSB",
# "the proclamation by Trump", "a spokesman for Tesco"); of a wrongdoing only "by" does
# ("contempt of Congress" is not Congress's)
OWNER_PREPS = frozenset({"of", "by", "for", "from"})
AGENT_PREPS = frozenset({"by"})
_QUANTIFIERS = frozenset("some many most all several one none few each both".split())
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})


@dataclass(frozen=True)
class Ref:
    """An actor named or referred to in a claim, and where."""

    name: str
    label: str
    start_char: int
    end_char: int


class ActorRefs:
    """Resolves tokens and noun phrases of one article to actors."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.token_mention = ctx.speakers.token_mention
        self._affiliations: dict[str, Ref | None] = {}

    def mention(self, tok: Token) -> Ref | None:
        """The actor an entity mention at `tok` names."""
        m = self.token_mention[tok.i]
        if m is None or m.label not in ACTOR_LABELS:
            return None
        return Ref(m.resolved, m.label, m.start_char, m.end_char)

    def affiliation(self, name: str) -> Ref | None:
        """The organisation or place the person `name` speaks for ("Wynnum coach Matt Myers")."""
        if name not in self._affiliations:
            m = affiliation(self.ctx.speakers, name)
            ref = Ref(m.resolved, m.label, m.start_char, m.end_char) if m is not None else None
            self._affiliations[name] = ref
        return self._affiliations[name]

    def definite(self, tok: Token) -> Ref | None:
        """ "the company", "the governor" as the actor the article described so."""
        if not tok.tag_.startswith("NN") or self.token_mention[tok.i] is not None:
            return None
        m = definite_antecedent(self.ctx.speakers, tok)
        if m is None:
            return None
        # from its determiner, not its left edge ("in which not only the President")
        det = next(ch for ch in tok.children if ch.dep_ == "det" and ch.i < tok.i)
        return Ref(m.resolved, m.label, det.idx, tok.idx + len(tok.text))

    def state(self, tok: Token) -> Ref | None:
        """ "the Hong Kong authorities" as the actor Hong Kong."""
        m = state_of(self.ctx.speakers, tok)
        return Ref(m.resolved, m.label, m.start_char, m.end_char) if m is not None else None

    def family(self, tok: Token) -> list[Ref]:
        """ "the Turpins": the people of the article with that surname (located from "the")."""
        low = tok.text
        if self.token_mention[tok.i] is not None or tok.tag_ not in ("NNP", "NNPS"):
            return []
        if not low.endswith("s") or len(low) < 3:
            return []
        det = next((c for c in tok.children if c.dep_ == "det" and c.lower_ == "the"), None)
        if det is None:
            return []
        names = {
            m.resolved
            for m in self.ctx.speakers.mentions
            if m.label == "PERSON" and " " in m.resolved and m.resolved.split()[-1] == low[:-1]
        }
        return [Ref(n, "PERSON", det.idx, tok.idx + len(tok.text)) for n in sorted(names)]

    def kin(self, tok: Token) -> Ref | None:
        """ "her husband" as the actor "Qandeel Baloch's husband"."""
        found = kin_name(self.ctx.speakers, tok)
        if found is None:
            return None
        label = "PERSON" if tok.tag_ == "NN" and tok.lower_ != "family" else "NORP"
        return Ref(found[0], label, found[1], found[2])

    def pronoun(self, tok: Token, speaker: Ref | None) -> Ref | None:
        """A personal pronoun as an actor: "I" in a quotation is the speaker; he/she and "they"
        are resolved to an earlier actor."""
        low = tok.lower_
        span = (tok.idx, tok.idx + len(tok.text))
        if low in _FIRST_PERSON:
            if self.ctx.in_quote[tok.i] and speaker is not None:
                return Ref(speaker.name, speaker.label, *span)
            return None
        # in a quotation, "he" is someone the speaker talks about, never the speaker
        own = speaker.name if speaker is not None and self.ctx.in_quote[tok.i] else None
        if low in PERSONAL_PRONOUNS or low in ("himself", "herself"):
            name, _ = self.ctx.speakers.resolve_pronoun(tok, not_name=own)
            if name is None:
                return None
            return Ref(name, "PERSON", *span)
        if low == "its":  # "this change would require its approval"
            name, _ = self.ctx.speakers.resolve_pronoun(tok, not_name=own)
            return Ref(name, "ORG", *span) if name is not None else None
        if low in _PLURAL_PRONOUNS:
            for ref in self._plural_antecedent(tok, speaker):
                return Ref(ref.name, ref.label, *span)
        return None

    def _plural_antecedent(self, tok: Token, speaker: Ref | None) -> list[Ref]:
        """'two of Ukraine's helicopters flew … where they fired': the last plural subject
        before the pronoun in its sentence."""
        sent = tok.sent
        for prev in reversed(self.doc[sent.start : tok.i]):
            if prev.dep_ in ("nsubj", "nsubjpass") and prev.tag_ in ("NNS", "NNPS", "CD"):
                return self.of_phrase(prev, speaker, depth=1)
        return []

    def of_token(self, tok: Token, speaker: Ref | None, depth: int = 0) -> Ref | None:
        if tok.tag_ in ("PRP", "PRP$"):
            return self.pronoun(tok, speaker) if depth < 2 else None
        return self.mention(tok)

    def of_phrase(
        self, head: Token, speaker: Ref | None, depth: int = 0, preps: frozenset[str] = OWNER_PREPS
    ) -> list[Ref]:
        """Actors a noun phrase stands for: its own name, else its owner ("Ukraine's
        helicopters", "Ukrainian helicopters", "two of Ukraine's helicopters"), for each of
        its conjuncts ("by Quirin, Redouane and a third officer")."""
        out: list[Ref] = []
        for h in [head, *conjuncts(head)]:
            ref = self.of_token(h, speaker, depth) or self._appos(h) or self.kin(h)
            ref = ref or self.state(h)
            ref = ref or self.definite(h)
            if ref is None and h.tag_ not in ("PRP", "PRP$") and depth < 3:
                ref = self._owner(h, speaker, depth, preps)
            if ref is not None and all(r.name != ref.name for r in out):
                out.append(ref)
        return out

    def _appos(self, head: Token) -> Ref | None:
        """ "the President of the United States, Donald Trump", "her son Mohammed Waseem"."""
        for child in head.children:
            if child.dep_ == "appos":
                ref = self.mention(child)
                if ref is not None:
                    return ref
        return None

    def _owner(
        self, head: Token, speaker: Ref | None, depth: int, preps: frozenset[str]
    ) -> Ref | None:
        person = self._is_person_noun(head)
        for child in head.children:
            if child.dep_ in _OWNER_DEPS and child.i < head.i:
                if person and child.dep_ == "poss":
                    continue  # "her husband" is not her; "Telangana ministers" are Telangana's
                ref = self.of_token(child, speaker, depth + 1)
                if ref is not None:
                    return ref
        for prep in head.children if not person else ():
            if prep.dep_ == "prep" and prep.lower_ in preps and prep.i > head.i:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        refs = self.of_phrase(obj, speaker, depth + 1)
                        # "people of Russia" is not Russia, "two of Ukraine's helicopters" is
                        part = head.tag_ == "CD" or head.lower_ in _QUANTIFIERS
                        if refs and (
                            refs[0].label not in PLACE_LABELS or part or prep.lower_ == "by"
                        ):
                            return refs[0]
        return None

    def _is_person_noun(self, tok: Token) -> bool:
        low = tok.lower_
        lex = self.ctx.lex
        singular = low[:-1] if tok.tag_ == "NNS" and low.endswith("s") else low
        return singular in lex.person_nouns or low in lex.kin_nouns


def conjuncts(tok: Token) -> list[Token]:
    """Tokens coordinated with `tok` ("Quirin, Redouane and a third officer")."""
    out = []
    for child in tok.children:
        if child.dep_ == "conj":
            out.append(child)
            out.extend(conjuncts(child))
    return out
