"""Claim (attribution) extraction from a parsed article.

The rules, in order:

1. Cue verbs (lexicon.CUE_FRAMES) with their arguments from the dependency parse. Speaker =
   subject (inherited through participles/conjuncts/infinitives, the agent of a passive, a
   relative pronoun, the issuer of "a statement saying …"; next to a quotation the noun
   phrase beside the verb when the parse lost it). Content = the first frame of the verb that
   applies: clausal complement, object + of/for phrase (accusations), infinitive (intentions),
   prepositional object ("referred to X"), object + predicative ("called it a hoax"),
   subject + complement without a source ("X appears to …"). Which frames a lemma may use
   is decided per (lemma, realised frame) by the cue table learned from the training split
   (`lexicon.frame_allowed`, cue_table.py, cue_learning.py).
2. Sentence-level constructions that the parse often gets wrong: a trailing reporting clause
   ("…, Daily Mail reported."), a parenthetical one ("The permit, his campaign said, was …"),
   "As X noted, …", "according to X", "In a new poll, …", "Name: …" (headlines, transcripts).
3. Other cues: predicate adjectives ("are concerned that …"), possessed nouns ("his attacks
   on Clinton"), unattributed nominal cues ("there have been fears that …"), hedging adverbs
   ("reportedly"), headline verbs tagged as nouns ("Trump blasts Clinton over …").
4. Quotations (quotes.py): a quote that overlaps a claim's content is included whole; a quote
   next to a content-less speech verb becomes its content ("X said: “…”", "“…,” said X"); a
   quote in the sentence or paragraph after a claim, with no cue of its own, continues it.
5. Outermost attributions only: a claim whose cue lies inside another claim's content is
   dropped ("Trump said Clinton believes …" is Trump's claim), as PolNeAR annotates it;
   claims inside an outlet's "reported"/"according to" are kept (they get reported_by).
6. Kind, stance, reported_by (claims nested in an outlet's "reported"/"according to").

Content spans follow the PolNeAR convention the scorer uses: direct quotes keep their quote
marks and reported clauses keep "that". Discontinuous content is joined with " … " in
`Claim.content`; `content_spans` has the exact fragments.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .entities import Mention, short_hash
from .lexicon import Lexicon
from .quotes import Quote, find_quotes
from .records import Claim, ClaimTarget
from .speakers import SpeakerInfo, SpeakerResolver

_ALLEGED_RE = re.compile(r"\balleged(?:ly)?\b", re.IGNORECASE)
_WORD_RE = re.compile(r"\w+")

_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_INHERIT_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "acl", "dep"})
# Right dependents of a stance verb that belong to its content ("credited Merkel with …").
_OBJECT_TAIL_DEPS = frozenset({"oprd", "xcomp", "ccomp", "prep", "dative", "attr", "acomp"})
# "” ― Name" closing a paragraph.
_SIGNATURE_RE = re.compile(
    r"[^\S\n]*([―—–]+|-{1,2})[^\S\n]*"
    r"([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,4})[^\S\n]*[.,]?[^\S\n]*(?=\n|$)"
)
_ARGUMENT_PREPS = frozenset("as with for on to of about against over from into".split())
_AUX_DEPS = frozenset({"aux", "auxpass", "neg"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_TARGET_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_REPORT_LEMMAS = frozenset({"report", "according to"})
# Prepositions of a participial clause that makes its own claim ("after accusing …").
_TIME_PREPS = frozenset("after before while upon".split())


ClaimTrace = Callable[[Claim, "Draft"], None]


@dataclass
class Draft:
    """A claim under construction (token and character offsets into the doc)."""

    cue_tokens: list[int]
    lemma: str
    speaker: Token | None
    content: set[int] = field(default_factory=set)  # token indices
    spans: list[tuple[int, int]] = field(default_factory=list)  # char fragments
    category: str = "speech"
    unattributed: bool = False
    cue_span: tuple[int, int] | None = None  # explicit char span (":" cues)
    needs_quote: bool = False
    cue_char: int = -1
    verb_i: int = -1
    frame: str = ""  # cue-table frame key ("clause", "passive-object", "p:about", …)

    @property
    def cue_i(self) -> int:
        return self.cue_tokens[0]


class _ArticleRules:
    """Runs the claim rules over one parsed article."""

    def __init__(
        self, doc: Doc, mentions: list[Mention], lex: Lexicon, text: str | None = None
    ) -> None:
        self.doc = doc
        self.lex = lex
        self.text = doc.text if text is None else text
        self.mentions = mentions
        self.quotes = find_quotes(self.text)
        self.tok_quote = self._token_quotes()
        self.in_quote = [q >= 0 for q in self.tok_quote]
        self.sent_starts = [s.start for s in doc.sents]
        self.tok_starts = [t.idx for t in doc]
        self.speakers = SpeakerResolver(doc, mentions, self.in_quote, lex, self.text)

    # --- setup ------------------------------------------------------------------------------
    def _token_quotes(self) -> list[int]:
        """Index of the quote containing each token (-1 outside quotes)."""
        out = [-1] * len(self.doc)
        qi = 0
        quotes = self.quotes
        for tok in self.doc:
            idx = tok.idx
            while qi < len(quotes) and quotes[qi].end <= idx:
                qi += 1
            if qi < len(quotes) and quotes[qi].start <= idx < quotes[qi].end:
                out[tok.i] = qi
        return out

    def sent_index(self, i: int) -> int:
        return bisect_right(self.sent_starts, i) - 1

    # --- main -------------------------------------------------------------------------------
    def run(self) -> list[Draft]:
        drafts: list[Draft] = []
        doc = self.doc
        for tok in doc:
            tag = tok.tag_
            if tag.startswith("VB"):
                if self.in_quote[tok.i]:
                    continue
                lemma = self.lex.verb_lemma(tok.lower_)
                if tok.lower_ in self.lex.adjective_cues and tag == "VBN":
                    d = self._adjective_cue(tok)
                    if d is not None:
                        drafts.append(d)
                elif lemma is not None:
                    d = self._from_verb(tok, lemma)
                    if d is not None:
                        drafts.append(d)
                elif tok.lower_ == "according":
                    d = self._according(tok)
                    if d is not None:
                        drafts.append(d)
            elif (
                tag == "NNS"
                and tok.dep_ == "ROOT"
                and not self.in_quote[tok.i]
                and self.lex.verb_lemma(tok.lower_) is not None
            ):
                # headline verb tagged as a plural noun: "Trump blasts Clinton over …"
                d = self._noun_tagged_verb(tok, self.lex.verb_lemma(tok.lower_) or "")
                if d is not None:
                    drafts.append(d)
            elif (
                tag == "IN"
                and tok.lower_ == "in"
                and tok.dep_ == "prep"
                and not self.in_quote[tok.i]
            ):
                d = self._in_poll(tok)
                if d is not None:
                    drafts.append(d)
            elif (
                tag in ("JJ",)
                and tok.lower_ in self.lex.adjective_cues
                and not self.in_quote[tok.i]
            ):
                d = self._adjective_cue(tok)
                if d is not None:
                    drafts.append(d)
            elif tag in ("NN", "NNS") and not self.in_quote[tok.i]:
                d = None
                if tok.lower_ in self.lex.noun_cues:
                    d = self._noun_cue(tok)
                if d is None and tok.lower_ in self.lex.possessed_noun_cues:
                    d = self._possessed_noun(tok)
                if d is not None:
                    drafts.append(d)
            elif tag == "RB" and tok.lower_ in self.lex.hedge_adverbs and not self.in_quote[tok.i]:
                d = self._hedge_adverb(tok)
                if d is not None:
                    drafts.append(d)
        drafts.extend(self._colon_claims())
        self._tail_cues(drafts)
        self._parenthetical_cues(drafts)
        self._attach_quotes(drafts)
        drafts = [d for d in drafts if d.spans]
        for d in drafts:
            d.cue_char = d.cue_span[0] if d.cue_span else self.doc[d.cue_tokens[0]].idx
        return self._outermost(drafts)

    def _outermost(self, drafts: list[Draft]) -> list[Draft]:
        """Drop claims whose cue lies inside another claim's content ("Trump said Clinton
        believes …": one attribution, Trump's). PolNeAR annotates the outermost attribution
        only; on the training split nested claims matched gold 10-25% of the time.

        Kept: "according to" claims and quotations (their own constructions), claims inside
        an outlet's "reported"/"according to" (the outlet is recorded as `reported_by`), and
        mutually nested pairs.
        """

        def inside(d: Draft, e: Draft) -> bool:
            return any(s <= d.cue_char < t for s, t in e.spans)

        hosts = [e for e in drafts if not (e.lemma in _REPORT_LEMMAS and self._outlet(e.speaker))]
        return [
            d
            for d in drafts
            if d.category in ("according", "quote")
            or not any(e is not d and inside(d, e) and not inside(e, d) for e in hosts)
        ]

    def _outlet(self, tok: Token | None) -> bool:
        """Is this speaker a news outlet ("The Daily Mail", "CNN")?"""
        if tok is None:
            return False
        lo, hi = tok.left_edge.i, tok.right_edge.i
        if hi - lo > 8:
            lo, hi = tok.i, tok.i
        words = {t.lower_ for t in self.doc[lo : hi + 1]}
        return bool(words & self.lex.media_words)

    # --- verb cues --------------------------------------------------------------------------
    def _cue_tokens(self, verb: Token) -> list[int]:
        toks = [verb.i]
        for child in verb.children:
            if child.dep_ in _AUX_DEPS and child.i < verb.i:
                toks.append(child.i)
            elif child.dep_ == "prt":
                toks.append(child.i)
        toks.sort()
        # keep only the contiguous run containing the verb (plus a particle)
        return toks

    def _from_verb(self, verb: Token, lemma: str) -> Draft | None:
        frames = self.lex.cue_frames.get(lemma, ())
        children = list(verb.children)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
        if "seem" in frames:
            return self._seem(verb, lemma, children)
        if self.lex.act_of(lemma) == "deny" and self._negated(verb):
            return None  # "can neither confirm nor deny": no denial
        speaker: Token | None = None
        unattributed = False
        if passive or (
            verb.tag_ == "VBN"
            and verb.dep_ in ("advcl", "acl")
            and not any(c.dep_ in _SUBJ_DEPS for c in children)
        ):
            passive = True
            agent = next((c for c in children if c.dep_ == "agent"), None)
            if agent is not None:
                speaker = next((c for c in agent.children if c.dep_ == "pobj"), None)
            unattributed = speaker is None
        else:
            speaker = next((c for c in children if c.dep_ in ("nsubj", "csubj")), None)
            if speaker is not None and self.in_quote[speaker.i]:
                speaker = None
            if speaker is None and verb.dep_ in _INHERIT_DEPS:
                speaker = self._inherited_subject(verb)
                if speaker is not None and speaker.lower_ == "it":
                    # "it's hard to know …": nobody in particular
                    speaker, unattributed = None, True
            if speaker is None and lemma in self.lex.speech_verbs and self._quote_in_sentence(verb):
                speaker = self._surface_speaker(verb)
        if speaker is not None and speaker.dep_ == "expl":
            speaker = None
            unattributed = True
        if speaker is None and not unattributed:
            return None
        draft = Draft(
            self._cue_tokens(verb), lemma, speaker, unattributed=unattributed, verb_i=verb.i
        )
        content = self._verb_content(verb, lemma, frames, children, passive, speaker)
        if content is None:
            if "quote" in frames and not passive:
                draft.needs_quote = True
                draft.category = "quote"
                return draft
            return None
        category, toks, extra_cue = content[:3]
        if passive and speaker is None and lemma in self.lex.naming_verbs:
            return None  # "a firm called Gavekal", "a measure named …": naming, not a claim
        if speaker is not None and not speaker.is_ancestor(verb):
            toks -= set(range(speaker.left_edge.i, speaker.right_edge.i + 1))
        elif speaker is not None:
            # the speaker governs the cue ("a statement saying …"): drop only its own phrase
            toks -= set(range(speaker.left_edge.i, speaker.i + 1))
        toks -= set(extra_cue)
        if not toks:
            return None
        for extra in extra_cue:
            # a preposition joins the cue span only when adjacent ("referred to", "called for")
            if extra == max(draft.cue_tokens) + 1:
                draft.cue_tokens = sorted({*draft.cue_tokens, extra})
        draft.category = ("passive-" if passive else "") + category
        draft.frame = content[3] if len(content) > 3 else draft.category
        draft.content = toks
        return draft

    def _negated(self, verb: Token) -> bool:
        """Negated or in a neither/nor pair ("would not deny", "neither confirm nor deny")."""
        if any(c.dep_ == "neg" or c.lower_ in ("neither", "nor") for c in verb.children):
            return True
        prev = self.doc[max(verb.i - 2, 0) : verb.i]
        return any(t.lower_ in ("nor", "neither", "not", "n't", "never") for t in prev)

    def _seem(self, verb: Token, lemma: str, children: list[Token]) -> Draft | None:
        """ "X seems/appears to …": subject + complement, without a source."""
        subj = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
        comp = next(
            (c for c in children if c.dep_ in ("xcomp", "acomp", "attr", "ccomp", "oprd")), None
        )
        if comp is None:
            return None
        toks = self._subtree(comp, verb)
        if subj is not None and subj.dep_ != "expl" and subj.lower_ != "it":
            toks |= set(range(subj.left_edge.i, subj.right_edge.i + 1))
        return Draft(
            self._cue_tokens(verb),
            lemma,
            None,
            content=toks,
            category="seem",
            unattributed=True,
            verb_i=verb.i,
        )

    def _quote_in_sentence(self, tok: Token) -> bool:
        sent = tok.sent
        return any(self.in_quote[i] for i in range(sent.start, sent.end))

    def _surface_speaker(self, verb: Token) -> Token | None:
        """Speaker next to a speech verb beside a quotation, when the parse has no subject.

        "“…,” said Edward Leamer, an economist" (noun phrase after the verb) or
        "“…,” Gene Sperling, a top adviser, said" (noun phrase between quote and verb).
        """
        doc = self.doc
        n = len(doc)
        j = verb.i + 1
        while j < n and doc[j].ent_type_ in ("DATE", "TIME") and not self.in_quote[j]:
            j += 1
        after_quote = verb.i > 1 and (
            self.in_quote[verb.i - 1] or (doc[verb.i - 1].is_punct and self.in_quote[verb.i - 2])
        )
        head = self._np_head(j, 1) if after_quote else None
        if head is not None:
            return head
        # backwards: the noun phrase right after a closing quote earlier in the sentence
        k = verb.i - 1
        sent_start = verb.sent.start
        while k >= sent_start and not self.in_quote[k]:
            k -= 1
        if k >= sent_start and k < verb.i - 1:
            j = k + 1
            while j < verb.i and doc[j].is_punct:
                j += 1
            return self._np_head(j, 1, limit=verb.i)
        return None

    _NP_TAGS = frozenset(
        {"DT", "NNP", "NNPS", "NN", "NNS", "JJ", "PRP$", "POS", "CD", "HYPH", "PRP"}
    )

    def _np_head(self, j: int, direction: int, limit: int | None = None) -> Token | None:
        """Head (last noun) of the noun-phrase run starting at token j, if any."""
        doc = self.doc
        stop = len(doc) if limit is None else limit
        head: Token | None = None
        while j < stop and not self.in_quote[j]:
            t = doc[j]
            if t.tag_ not in self._NP_TAGS and not (
                t.text == "." and head is not None and len(doc[j - 1]) == 1
            ):
                break
            if t.tag_.startswith("NN") or t.tag_ == "PRP":
                head = t
                if t.tag_ == "PRP":
                    break
            j += 1
        return head

    def _inherited_subject(self, verb: Token) -> Token | None:
        """Subject of a participle/conjunct/infinitive cue, taken from the governing clause.

        When the nearest subject up the tree is not a plausible speaker and its clause is the
        content of a reporting verb ("Cardin stressed that the way is clear, suggesting …"),
        the reporting verb's subject is used instead.
        """
        doc = self.doc
        if (
            verb.tag_ == "VBG"
            and verb.dep_ == "advcl"
            and verb.i > 0
            and doc[verb.i - 1].text == ","
        ):
            # ", saying …" after a main clause: the main clause's subject speaks
            root = verb.sent.root
            subj = next((c for c in root.children if c.dep_ in _SUBJ_DEPS), None)
            if subj is not None and _plausible_speaker(subj, self.lex):
                return subj
        cur = verb
        for _ in range(8):
            if cur.dep_ not in _INHERIT_DEPS or cur.head.i == cur.i:
                return None
            if cur.dep_ == "acl":
                noun = cur.head
                if not noun.tag_.startswith("NN"):
                    return None
                if noun.lower_ in self.lex.document_nouns and noun.dep_ in ("dobj", "pobj"):
                    # "Trump issued a statement saying …": the issuer speaks
                    gov = noun.head if noun.dep_ == "dobj" else noun.head.head
                    subj = next((c for c in gov.children if c.dep_ in ("nsubj",)), None)
                    if subj is not None:
                        return subj
                return noun
            cur = cur.head
            subj = next((c for c in cur.children if c.dep_ in _SUBJ_DEPS), None)
            if subj is None:
                continue
            speech_conj = (
                verb.dep_ == "conj" and self.lex.verb_lemma(verb.lower_) in self.lex.speech_verbs
            )
            if cur.dep_ != "ccomp" or (_plausible_speaker(subj, self.lex) and not speech_conj):
                return subj
            outer = cur.head
            if self.lex.verb_lemma(outer.lower_):
                osubj = next((c for c in outer.children if c.dep_ in _SUBJ_DEPS), None)
                if osubj is not None:
                    return osubj
            return subj
        return None

    def _verb_content(
        self,
        verb: Token,
        lemma: str,
        frames: tuple[str, ...],
        children: list[Token],
        passive: bool,
        speaker: Token | None,
    ) -> tuple[str, set[int], list[int]] | tuple[str, set[int], list[int], str] | None:
        """(frame, content tokens, extra cue tokens[, frame key]) from the first frame that
        applies and that the cue table allows for this lemma (`lexicon.frame_allowed`)."""
        voice = "passive-" if passive else ""

        def ok(frame: str) -> bool:
            return self.lex.frame_allowed(lemma, voice + frame)

        subj_pass = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if (
            verb.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
            and "clause" in frames
            and not any(c.dep_ in ("ccomp", "dobj") for c in children)
            and ok("as-clause")
        ):
            # "As the Times noted, Clinton raised …": the main clause is the content
            head = verb.head
            toks = set(range(head.left_edge.i, head.right_edge.i + 1))
            toks -= set(range(verb.left_edge.i, verb.right_edge.i + 1))
            return "as-clause", toks, []
        if "accuse" in frames and not passive:
            # "accused Y of Z" / "criticized Y for Z": object through the end of the of/for phrase
            ids = {verb.i, *(c.i for c in children)}
            prep = next(
                (
                    t
                    for t in verb.subtree
                    if t.i > verb.i + 1 and t.lower_ in ("of", "for") and t.head.i in ids
                ),
                None,
            )
            if prep is not None and any(c.dep_ == "dobj" for c in children) and ok("accuse"):
                return "accuse", set(range(verb.i + 1, prep.right_edge.i + 1)), []
        if "clause" in frames:
            ccomps = [c for c in children if c.dep_ == "ccomp"]
            # a fronted clause must be a real clause ("Trump is wrong, he said"), not an
            # adverbial misparsed as ccomp ("With his campaign in disarray, Trump claimed …")
            ccomps = [
                c
                for c in ccomps
                if c.i > verb.i or self.in_quote[c.i] or self._fronted_clause(c, verb, children)
            ]
            if speaker is not None:
                ccomps = [c for c in ccomps if not c.is_ancestor(speaker)]
            quoted = [c for c in ccomps if self.in_quote[c.i]]
            if quoted:
                ccomps = quoted
            if ccomps and ok("clause"):
                toks: set[int] = set()
                for c in ccomps:
                    toks |= self._subtree(c, verb)
                return "clause", toks, []
        if "quote" in frames:
            answer = next((c for c in children if c.i > verb.i and c.lower_ in ("yes", "no")), None)
            if answer is not None and answer.i == verb.i + 1 and ok("answer"):
                return "answer", {answer.i}, []  # "75 percent said yes"
        if "xcomp" in frames:
            xcomp = next((c for c in children if c.dep_ == "xcomp" and self._has_to(c)), None)
            if xcomp is not None and ok("xcomp"):
                toks = self._subtree(xcomp, verb)
                obj = next((c for c in children if c.dep_ in ("dobj",) and c.i < xcomp.i), None)
                if obj is not None:
                    toks |= self._subtree(obj, verb)
                if passive and subj_pass is not None:
                    toks |= set(range(subj_pass.left_edge.i, subj_pass.right_edge.i + 1))
                return "xcomp", self._trim_tail(toks), []
        preps = [f[2:] for f in frames if f.startswith("p:")]
        if preps:
            for c in children:
                if c.i > verb.i and c.dep_ in ("prep", "prt", "dative") and c.lower_ in preps:
                    objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                    if c.dep_ == "prt":
                        objs = [g for g in children if g.dep_ in ("dobj", "ccomp") and g.i > c.i]
                    if objs and ok("p:" + c.lower_):
                        toks = set()
                        for g in objs:
                            toks |= self._subtree(g, verb)
                        return "prep", self._trim_tail(toks), [c.i], voice + "p:" + c.lower_
        if "object" in frames or ("passobj" in frames and passive):
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            if obj is None and passive and subj_pass is not None:
                obj = subj_pass
            if obj is None:
                obj = next(
                    (c for c in children if c.i > verb.i and c.dep_ in ("oprd", "ccomp")), None
                )
            if obj is not None and ok("object"):
                comps = [
                    c
                    for c in children
                    if c.i > max(verb.i, obj.i)
                    and c.dep_ in _OBJECT_TAIL_DEPS
                    and (c.dep_ != "prep" or c.lower_ in _ARGUMENT_PREPS)
                ]
                if obj.tag_ == "PRP" and not comps:
                    return None
                toks = self._subtree(obj, verb)
                for c in comps:
                    toks |= self._subtree(c, verb)
                return "object", self._trim_tail(toks), []
        if "clause" in frames and "quote" in frames and not self._quote_in_sentence(verb):
            # misparsed complement of a speech verb ("said legalizing it could …" as xcomp)
            rest = [
                c
                for c in children
                if c.i > verb.i
                and c.dep_ in ("xcomp", "dobj", "attr", "oprd")
                and c.tag_.startswith("VB")
                and (speaker is None or not c.is_ancestor(speaker))
            ]
            if rest and not self._has_to(rest[0]) and ok("clause-fallback"):
                toks = set()
                for c in rest:
                    toks |= self._subtree(c, verb)
                return "clause-fallback", toks, []
        if "clause" in frames and not self._quote_in_sentence(verb):
            # the parser lost the complement clause: "said for the first time that …"
            sent_end = verb.sent.end
            for j in range(verb.i + 1, min(verb.i + 10, sent_end)):
                t = self.doc[j]
                if t.lower_ in ("that", "whether", "if") and t.dep_ in (
                    "mark",
                    "advmod",
                    "nsubj",
                    "det",
                ):
                    end = sent_end
                    while end > j and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
                        end -= 1
                    if end - j >= 4 and ok("clause-surface"):
                        return "clause-surface", set(range(j, end)), []
                    break
                if t.tag_.startswith("VB") or t.is_punct and t.text not in (",",):
                    break
        if verb.dep_ == "parataxis" and "quote" in frames and ok("parataxis"):
            head = verb.head
            toks = self._subtree(head, verb) - set(range(verb.left_edge.i, verb.right_edge.i + 1))
            return "parataxis", toks, []
        return None

    @staticmethod
    def _has_to(tok: Token) -> bool:
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)

    def _fronted_clause(self, c: Token, verb: Token, children: list[Token]) -> bool:
        if any(x.dep_ == "dobj" and x.i > verb.i for x in children):
            return False
        first = self.doc[c.left_edge.i]
        if first.tag_ in ("IN", "WRB") or first.lower_ in ("later", "earlier", "then", "now"):
            return False
        has_subj = any(x.dep_ in _SUBJ_DEPS for x in c.children)
        return has_subj and c.tag_ in ("VBD", "VBZ", "VBP", "MD", "VB")

    def _trim_tail(self, toks: set[int]) -> set[int]:
        """Cut a closing non-restrictive clause from object/infinitive content: ", which …",
        ", where …", "-- even as …" (the reporter's addition, not the stance's object)."""
        if not toks:
            return toks
        doc = self.doc
        last = max(toks)
        for i in sorted(toks):
            t = doc[i]
            if t.text not in (",", "--", "—", "–", ";") or i == min(toks):
                continue
            nxt = doc[i + 1] if i + 1 <= last else None
            if nxt is None:
                continue
            clause_head = nxt.head if nxt.dep_ in ("mark", "advmod", "nsubj", "nsubjpass") else nxt
            if (
                clause_head.dep_ in ("relcl", "advcl", "acl")
                and clause_head.right_edge.i >= last
                and (nxt.tag_ in ("WDT", "WP", "WRB", "IN", "RB") or t.text != ",")
            ):
                return {j for j in toks if j < i}
        return toks

    def _separate_conjunct_claim(self, t: Token) -> bool:
        """A coordinated cue verb that makes its own claim: "… but added, …" or "…, and he
        railed against …" (a pronoun subject refers back to the speaker)."""
        lemma = self.lex.verb_lemma(t.lower_)
        if lemma is None:
            return False
        if any(
            c.dep_ in ("cc", "preconj") and c.lower_ in ("nor", "or", "neither") for c in t.children
        ):
            return False
        if t.i > 0 and t.doc[t.i - 1].lower_ in ("nor", "or"):
            return False
        subj = next((c for c in t.children if c.dep_ in _SUBJ_DEPS), None)
        if subj is None:
            return lemma in self.lex.speech_verbs
        return subj.lower_ in ("he", "she", "they")

    def _subtree(self, root: Token, cue: Token) -> set[int]:
        """Token indices of `root`'s subtree, minus trailing participial cue clauses."""
        toks = set(range(root.left_edge.i, root.right_edge.i + 1))
        for t in root.subtree:
            if (
                t.dep_ == "pcomp"
                and t.tag_ == "VBG"
                and t.head.lower_ in _TIME_PREPS
                and t.head.i > root.i
                and self.lex.verb_lemma(t.lower_)
            ):
                # "threatened to walk out after accusing Y of Z": a claim of its own
                lo = t.head.i - (self.doc[t.head.i - 1].text == ",")
                toks -= set(range(lo, t.right_edge.i + 1))
            elif t.dep_ == "advcl" and t.tag_ == "VBG" and self.lex.verb_lemma(t.lower_):
                if (
                    not any(c.dep_ in _SUBJ_DEPS for c in t.children)
                    and t.i > 0
                    and self.doc[t.i - 1].text == ","
                ):
                    toks -= set(range(t.i - 1, t.right_edge.i + 1))
            elif (
                t.dep_ == "conj"
                and t.i > root.i
                and t.tag_.startswith("VB")
                and self._separate_conjunct_claim(t)
            ):
                # "… but added, …": a second claim of the same speaker, not this content
                lo = t.i
                while lo - 1 > root.i and (self.doc[lo - 1].dep_ in ("cc", "advmod", "punct")):
                    lo -= 1
                toks -= set(range(lo, t.right_edge.i + 1))
        toks.discard(cue.i)
        return toks

    _TAIL_DEPS = frozenset({"prep", "npadvmod", "advmod", "dative", "punct", "agent", "dobj"})

    def _tail_cues(self, drafts: list[Draft]) -> None:
        """Sentence-final reporting clauses: "…, Daily Mail reported." / "…, said Peskov."

        The content is the sentence before the comma, whatever the parse nested where; the
        clause is cut out of any other claim's content.
        """
        doc = self.doc
        for d in drafts:
            if d.verb_i < 0 or d.speaker is None or d.lemma not in self.lex.speech_verbs:
                continue
            verb = doc[d.verb_i]
            sent = verb.sent
            spk = d.speaker
            spk_lo, spk_hi = spk.left_edge.i, spk.right_edge.i
            ok = True
            for c in verb.children:
                if c.i > verb.i and c.i != spk.i and c.dep_ not in self._TAIL_DEPS:
                    # ", noting …" after the cue is a claim of its own, not content
                    if c.dep_ == "advcl" and c.tag_ == "VBG" and doc[c.i - 1].text == ",":
                        continue
                    ok = False
                    break
            if not ok:
                continue
            start = min(spk_lo, d.cue_tokens[0]) if spk_lo < verb.i else d.cue_tokens[0]
            if spk_lo < verb.i and spk_hi >= verb.i:
                continue
            comma = start - 1
            if comma <= sent.start or doc[comma].text not in (",", "”", '"', "''"):
                continue
            if doc[comma].text != "," and doc[comma - 1].text != ",":
                continue
            if any(self.in_quote[i] for i in range(comma + 1, sent.end)):
                continue
            if any(i > verb.i for i in d.content):
                continue  # the cue has its own content after it ("…, she joked about X")
            toks = set(range(sent.start, comma))
            if len(toks) < 3 or not any(doc[i].tag_ in _FINITE_TAGS for i in toks):
                continue  # a fronted phrase, not a reported clause ("In an interview, …")
            d.content = toks
            d.category = "clause"
            d.needs_quote = False
            cut = set(range(comma, sent.end))
            for e in drafts:
                if e is not d and d.verb_i in e.content:
                    e.content -= cut

    def _parenthetical_cues(self, drafts: list[Draft]) -> None:
        """Mid-sentence reporting clauses: "The permit, his campaign said, was hard to get."

        The content is the clause around the commas (two fragments).
        """
        doc = self.doc
        for d in drafts:
            if d.verb_i < 0 or d.speaker is None or d.lemma not in self.lex.speech_verbs:
                continue
            verb = doc[d.verb_i]
            sent = verb.sent
            if self._quote_in_sentence(verb):
                continue
            spk = d.speaker
            lo = min(spk.left_edge.i, d.cue_tokens[0])
            hi = max(spk.right_edge.i, verb.i)
            for c in verb.children:
                if (
                    c.i > hi
                    and c.dep_ in ("npadvmod", "advmod", "prep")
                    and c.right_edge.i - c.i < 6
                ):
                    hi = c.right_edge.i
            if lo - 1 <= sent.start or hi + 2 >= sent.end - 1:
                continue
            if doc[lo - 1].text != "," or doc[hi + 1].text != ",":
                continue
            start = sent.start
            while start < lo - 1 and (doc[start].tag_ == "CC" or doc[start].is_punct):
                start += 1
            if lo - 1 - start < 1:
                continue
            d.content = set(range(start, lo - 1)) | set(range(hi + 2, sent.end))
            d.category = "parenthetical"
            d.needs_quote = False

    # --- other constructions --------------------------------------------------------------
    def _according(self, tok: Token) -> Draft | None:
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None:
            return None
        src = next((c for c in to.children if c.dep_ == "pobj"), None)
        if src is None:
            return None
        doc = self.doc
        sent = tok.sent
        lo, hi = tok.left_edge.i, tok.right_edge.i
        end = sent.end
        while end > hi + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if hi + 1 >= end and lo - 1 > sent.start and doc[lo - 1].text == ",":
            # "…, according to X." : the sentence before the comma
            toks = set(range(sent.start, lo - 1))
        elif lo == sent.start and hi + 1 < end and doc[hi + 1].text == ",":
            # "According to X, …": the rest of the sentence
            toks = set(range(hi + 2, end))
        else:
            head = tok.head
            while not head.tag_.startswith("VB") and head.head.i != head.i:
                head = head.head
            toks = set(range(head.left_edge.i, head.right_edge.i + 1))
            toks -= set(range(lo, hi + 1))
        return Draft([tok.i, to.i], "according to", src, content=toks, category="according")

    def _noun_tagged_verb(self, tok: Token, lemma: str) -> Draft | None:
        """A headline verb the tagger took for a noun: the left modifier is the speaker,
        the right dependents are the content."""
        lefts = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod", "nsubj")]
        right = [c for c in tok.rights if not c.is_punct]
        if not lefts or not right:
            return None
        speaker = lefts[-1]
        toks: set[int] = set()
        for c in right:
            toks |= set(range(c.left_edge.i, c.right_edge.i + 1))
        return Draft([tok.i], lemma, speaker, content=toks, category="headline", verb_i=tok.i)

    def _in_poll(self, prep: Token) -> Draft | None:
        """ "In a Washington Post-ABC News poll, 67 percent said …": the poll is a source."""
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lower_ not in self.lex.evidence_nouns:
            return None
        head = prep.head
        if not head.tag_.startswith("VB") or prep.i > head.i:
            return None
        toks = set(range(head.left_edge.i, head.right_edge.i + 1))
        toks -= set(range(prep.left_edge.i, prep.right_edge.i + 1))
        return Draft([prep.i], "in", pobj, content=toks, category="in-poll")

    def _adjective_cue(self, adj: Token) -> Draft | None:
        """ "X is concerned/confident that …": subject of the copula, clausal complement."""
        comp = next((c for c in adj.children if c.dep_ in ("ccomp", "xcomp") and c.i > adj.i), None)
        if comp is None:
            return None
        head = adj if adj.tag_ == "VBN" else adj.head
        if adj.tag_ != "VBN" and adj.dep_ != "acomp":
            return None
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.dep_ == "expl" or subj.lower_ == "it":
            return None
        cue = [c.i for c in head.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < adj.i]
        if head is not adj:
            cue.append(head.i)
        cue = sorted({*cue, adj.i})
        return Draft(
            cue,
            adj.lower_,
            subj,
            content=self._subtree(comp, adj),
            category="adjective",
            verb_i=adj.i,
        )

    def _noun_cue(self, noun: Token) -> Draft | None:
        clause = next(
            (c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and self._has_that(c)),
            None,
        )
        if clause is None:
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ in ("among", "by", "from", "of"):
                    owner = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if owner is not None and owner.i < clause.i:
                        break
                    owner = None
        toks = set(range(clause.left_edge.i, clause.right_edge.i + 1))
        return Draft(
            [noun.i], noun.lower_, owner, content=toks, category="noun", unattributed=owner is None
        )

    def _possessed_noun(self, noun: Token) -> Draft | None:
        """ "his attacks on Clinton", "Trump's call for a ban", "her vow to …"."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None or owner.tag_ == "PRP$" and owner.lower_ in ("its",):
            return None
        allowed = self.lex.possessed_noun_cues[noun.lower_]
        for c in noun.children:
            if c.i <= noun.i:
                continue
            if c.dep_ == "prep" and c.lower_ in allowed:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    toks: set[int] = set()
                    for g in objs:
                        toks |= set(range(g.left_edge.i, g.right_edge.i + 1))
                    return Draft(
                        [noun.i, c.i] if c.i == noun.i + 1 else [noun.i],
                        noun.lower_,
                        owner,
                        content=self._trim_tail(toks),
                        category="possessed",
                    )
            if c.dep_ in ("acl", "relcl", "ccomp") and (
                ("to" in allowed and self._has_to(c)) or ("that" in allowed and self._has_that(c))
            ):
                toks = set(range(c.left_edge.i, c.right_edge.i + 1))
                return Draft(
                    [noun.i],
                    noun.lower_,
                    owner,
                    content=self._trim_tail(toks),
                    category="possessed",
                )
        return None

    @staticmethod
    def _has_that(clause: Token) -> bool:
        return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)

    def _hedge_adverb(self, adv: Token) -> Draft | None:
        head = adv.head
        if not head.tag_.startswith("VB"):
            return None
        toks = set(range(head.left_edge.i, head.right_edge.i + 1))
        toks.discard(adv.i)
        return Draft([adv.i], adv.lower_, None, content=toks, category="hedge", unattributed=True)

    def _colon_claims(self) -> list[Draft]:
        """ "Name: statement" at the start of a paragraph (headlines, transcripts)."""
        out: list[Draft] = []
        doc = self.doc
        text = self.text
        for m in re.finditer(r"(?m)^([A-Z][\w.'’\- ]{0,40}?):\s+(\S.*)$", text):
            prefix = m.group(1).strip()
            words = prefix.split()
            if not 1 <= len(words) <= 4 or prefix.lower() in self.lex.label_prefixes:
                continue
            if words[0].lower() in self.lex.label_prefixes or not all(
                w[0].isupper() for w in words
            ):
                continue
            span = doc.char_span(m.start(1), m.start(1) + len(prefix), alignment_mode="expand")
            body = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
            if span is None or body is None or len(body) < 3:
                continue
            head = span.root
            colon = m.end(1)
            d = Draft(
                [head.i], ":", head, content=set(range(body.start, body.end)), category="colon"
            )
            d.cue_span = (colon, colon + 1)
            out.append(d)
        return out

    # --- quotations ---------------------------------------------------------------------------
    def _attach_quotes(self, drafts: list[Draft]) -> None:
        """Turn content token sets into char fragments and attach quotations."""
        doc = self.doc
        for d in drafts:
            if d.content:
                d.spans = self._fragments(d.content)
        groups: dict[int, list[Quote]] = {}
        for q in self.quotes:
            groups.setdefault(q.group, []).append(q)
        covered: set[int] = set()
        # 1. quotes overlapping a content are taken whole
        for d in drafts:
            if not d.spans:
                continue
            add: list[Quote] = []
            for g, qs in groups.items():
                if any(_overlaps(q.start, q.end, s, e) for q in qs for s, e in d.spans):
                    cue_char = doc[d.cue_i].idx
                    if any(q.start <= cue_char < q.end for q in qs):
                        continue
                    add.extend(qs)
                    covered.add(g)
            if add:
                d.spans = _merge_spans(d.spans + [(q.start, q.end) for q in add])
        # 2. quotes next to a content-less speech cue; 3. continuations
        ordered = sorted(groups.items(), key=lambda kv: kv[1][0].start)
        for g, qs in ordered:
            if g in covered:
                continue
            first, last = qs[0], qs[-1]
            d = self._dash_signature(last)
            if d is not None:
                d.spans = [(q.start, q.end) for q in qs]
                drafts.append(d)
                covered.add(g)
                continue
            d = self._cue_after_in_sentence(drafts, last)
            if d is not None:
                d.spans = _merge_spans(d.spans + [(q.start, q.end) for q in qs])
                d.needs_quote = False
                covered.add(g)
                continue
            if len(_WORD_RE.findall(self.text[first.start : last.end])) < 3:
                # short quotes are scare quotes unless they follow a bare speech cue
                # ('The senator said "yes."') or finish a split quotation
                d = self._pending_cue_for(drafts, first, last)
                if d is not None and 0 <= first.start - self.doc[d.cue_tokens[-1]].idx <= 24:
                    d.spans = _merge_spans(d.spans + [(q.start, q.end) for q in qs])
                    d.needs_quote = False
                    covered.add(g)
                    continue
                d = self._continued(drafts, first)
                if d is not None and self.sent_index(d.cue_tokens[-1]) == self._sent_of_char(
                    first.start
                ):
                    d.spans = _merge_spans(d.spans + [(q.start, q.end) for q in qs])
                    covered.add(g)
                continue
            d = self._pending_cue_for(drafts, first, last)
            if d is not None:
                d.spans = _merge_spans(d.spans + [(q.start, q.end) for q in qs])
                d.needs_quote = False
                covered.add(g)
                continue
            d = self._continued(drafts, first)
            if d is not None:
                d.spans = _merge_spans(d.spans + [(q.start, q.end) for q in qs])
                covered.add(g)

    def _dash_signature(self, q: Quote) -> Draft | None:
        """ "“…” ― Krystal Correa": a quotation signed with a dash and a name closing the
        paragraph (epigraphs, reader voices)."""
        m = _SIGNATURE_RE.match(self.text, q.end)
        if m is None:
            return None
        name = self.doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if name is None or len(name) == 0:
            return None
        d = Draft([name.root.i], "―", name.root, category="signature")
        d.cue_span = (m.start(1), m.end(1))
        return d

    def _cue_after_in_sentence(self, drafts: list[Draft], q: Quote) -> Draft | None:
        """A speech claim whose cue follows the quote closely in the same sentence
        ("“…,” said X, “…”" / "“…,” X said"), when the parse did not link them."""
        q_end_tok = bisect_right(self.tok_starts, q.end - 1) - 1
        sent = self.sent_index(q_end_tok)
        for d in drafts:
            if d.speaker is None or d.lemma not in self.lex.speech_verbs:
                continue
            c = d.cue_tokens[0]
            if c <= q_end_tok or c - q_end_tok > 12 or self.sent_index(c) != sent:
                continue
            if any(self.in_quote[i] for i in range(q_end_tok + 1, c)):
                continue
            if (
                not self.text[q.start : q.end]
                .rstrip("“”‘’\"' ")
                .endswith((",", "?", "!", "—", "-"))
            ):
                return None
            return d
        return None

    def _pending_cue_for(self, drafts: list[Draft], first: Quote, last: Quote) -> Draft | None:
        """A content-less speech cue in the quote's sentence (or just before, ending in ':')."""
        doc = self.doc
        q_sents = {
            self._sent_of_char(first.start),
            self._sent_of_char(max(last.end - 1, first.start)),
        }
        best: Draft | None = None
        best_dist = 10**9
        for d in drafts:
            if not d.needs_quote or d.spans:
                continue
            s = self.sent_index(d.cue_i)
            cue_char = doc[d.cue_i].idx
            near = s in q_sents
            if not near and cue_char < first.start:
                # "X said:" closing the previous sentence/paragraph
                gap = self.text[doc[d.cue_i].idx : first.start]
                near = s + 1 in q_sents and gap.rstrip().endswith(":")
            elif not near and cue_char >= last.end:
                # "“… .” Trump said." as a sentence of its own right after the quote
                sent = doc[self.sent_starts[s]]
                near = s - 1 in q_sents and not self.text[last.end : sent.idx].strip()
                near = near and doc[d.cue_i].sent.end - doc[d.cue_i].sent.start <= 12
            if not near:
                continue
            dist = min(abs(cue_char - first.start), abs(cue_char - last.end))
            if dist < best_dist:
                best, best_dist = d, dist
        return best

    def _char_in_quote(self, char: int) -> bool:
        return any(q.start <= char < q.end for q in self.quotes)

    def _sent_of_char(self, char: int) -> int:
        """Sentence index of the token at (or just before) a character offset."""
        return self.sent_index(max(bisect_right(self.tok_starts, char) - 1, 0))

    def _continued(self, drafts: list[Draft], q: Quote) -> Draft | None:
        """The claim a cue-less quote continues: the closest preceding claim with a speaker,
        ending in the previous sentence (or paragraph) with no other quote in between."""
        q_sent = self._sent_of_char(q.start)
        best: Draft | None = None
        best_end = -1
        ends: list[tuple[Draft, int]] = []
        for d in drafts:
            if not d.spans or d.speaker is None:
                continue
            cue_last = self.doc[d.cue_tokens[-1]]
            end = max(d.spans[-1][1], cue_last.idx + len(cue_last.text))
            if end > q.start:
                continue
            ends.append((d, end))
            if end > best_end:
                best, best_end = d, end
        if best is None:
            return None
        last_sent = self._sent_of_char(best_end - 1)
        if best.lemma not in self.lex.speech_verbs:
            # '"…," said X, speaking on condition of anonymity to offer an assessment. "…"':
            # the quotation goes on from the quoted speech claim, not from the description
            for d, end in ends:
                if (
                    d.lemma in self.lex.speech_verbs
                    and self.sent_index(d.cue_i) == last_sent
                    and any(self._char_in_quote(s) for s, _ in d.spans)
                ):
                    best, best_end = d, end
                    break
        if q_sent - last_sent > 1:
            return None
        between = self.text[best_end : q.start]
        if any(ch in between for ch in '“”"') or "''" in between:
            return None
        return best

    def _fragments(self, toks: set[int]) -> list[tuple[int, int]]:
        """Char fragments covering a token set (punctuation trimmed at the edges)."""
        out: list[tuple[int, int]] = []
        run: list[int] = []
        for i in sorted(toks):
            if run and i != run[-1] + 1:
                out.extend(self._run_span(run))
                run = []
            run.append(i)
        if run:
            out.extend(self._run_span(run))
        return out if out else []

    def _run_span(self, run: list[int]) -> list[tuple[int, int]]:
        doc = self.doc
        lo, hi = 0, len(run)
        while lo < hi and _trim_punct(doc[run[lo]]):
            lo += 1
        while hi > lo and _trim_punct(doc[run[hi - 1]]):
            hi -= 1
        if lo >= hi:
            return []
        a, b = doc[run[lo]], doc[run[hi - 1]]
        return [(a.idx, b.idx + len(b.text))]


def _plausible_speaker(tok: Token, lex: Lexicon) -> bool:
    """Could this subject be a speaker (a person, group, organisation or pronoun)?"""
    if tok.lower_ == "it":
        return False
    if tok.tag_ in ("PRP", "NNP", "NNPS", "WP"):
        return True
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    low = tok.lower_
    noun = low[:-1] if tok.tag_ == "NNS" and low.endswith("s") else low
    return noun in lex.person_nouns or noun in lex.org_nouns


def _trim_punct(tok: Token) -> bool:
    return tok.is_punct or tok.is_space


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# --- records -----------------------------------------------------------------------------------
def _content_text(text: str, spans: list[tuple[int, int]]) -> str:
    return " … ".join(text[s:e] for s, e in spans)


def _kind(d: Draft, quotes: list[Quote], text: str, lex: Lexicon) -> str:
    if d.unattributed or d.speaker is None:
        return "unattributed"
    if lex.act_of(d.lemma) == "deny":
        return "denial"
    if lex.act_of(d.lemma) == "accuse":
        return "accusation"
    quoted = 0
    total = 0
    for s, e in d.spans:
        n = len(_WORD_RE.findall(text[s:e]))
        total += n
        for q in quotes:
            if q.start >= e:
                break
            if _overlaps(q.start, q.end, s, e):
                quoted += len(_WORD_RE.findall(text[max(s, q.start) : min(e, q.end)]))
    if total and quoted >= total:
        return "direct"
    if quoted:
        return "mixed"
    return "indirect"


def _stance(kind: str, d: Draft, cue_text: str, content: str, lex: Lexicon) -> str:
    if kind == "denial":
        return "deny"
    if lex.noncommittal_re.search(cue_text) or lex.noncommittal_re.search(content[:300]):
        return "noncommittal"
    if kind == "unattributed" or lex.act_of(d.lemma) == "hedge" or _ALLEGED_RE.search(content):
        return "hedged"
    return "assert"


def extract_claims(
    doc: Doc,
    mentions: list[Mention],
    article_id: str,
    lex: Lexicon,
    version: str = "",
    text: str | None = None,
    trace: ClaimTrace | None = None,
) -> tuple[list[Claim], list[ClaimTarget]]:
    """All claims (and their targets) of one parsed article (`text`: original text).

    `trace`, when given, is called with every (claim, draft) pair: the draft records how the
    claim was found (cue lemma, frame, tokens) for tools that learn from it."""
    rules = _ArticleRules(doc, mentions, lex, text)
    drafts = rules.run()
    text = rules.text
    drafts.sort(key=lambda d: (d.spans[0][0], d.cue_i))
    infos: list[tuple[Draft, SpeakerInfo | None]] = []
    for d in drafts:
        info = rules.speakers.describe(d.speaker) if d.speaker is not None else None
        infos.append((d, info))
    claims: list[Claim] = []
    targets: list[ClaimTarget] = []
    by_start = sorted(mentions, key=lambda m: m.start_char)
    starts = [m.start_char for m in by_start]
    seen: set[str] = set()
    for d, info in infos:
        if d.cue_span is not None:
            cue_start, cue_end = d.cue_span
        else:
            toks = [doc[i] for i in d.cue_tokens]
            cue_start, cue_end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        cue_text = text[cue_start:cue_end]
        content = _content_text(text, d.spans)
        c_start, c_end = d.spans[0][0], d.spans[-1][1]
        claim_id = short_hash(article_id, c_start, c_end, cue_start)
        if claim_id in seen:
            continue
        seen.add(claim_id)
        kind = _kind(d, rules.quotes, text, lex)
        stance = _stance(kind, d, cue_text, content, lex)
        reported_by = _reported_by(d, infos, lex)
        claims.append(
            Claim(
                claim_id=claim_id,
                article_id=article_id,
                sentence_index=rules.sent_index(d.cue_i),
                kind=kind,
                stance=stance,
                cue=cue_text,
                cue_start=cue_start,
                cue_end=cue_end,
                content=content,
                content_start=c_start,
                content_end=c_end,
                content_spans=list(d.spans),
                speaker_text=info.text if info else None,
                speaker_start=info.start_char if info else None,
                speaker_end=info.end_char if info else None,
                speaker_name=info.name if info else None,
                speaker_role=info.role if info else None,
                speaker_type=info.type if info else None,
                reported_by=reported_by,
                extractor_version=version,
            )
        )
        targets.extend(_targets(claim_id, article_id, d, info, by_start, starts))
        if trace is not None:
            trace(claims[-1], d)
    return claims, targets


def _is_outlet(info: SpeakerInfo | None, lex: Lexicon) -> bool:
    if info is None or info.type != "ORG":
        return False
    words = {w.lower() for w in _WORD_RE.findall(info.text)}
    return bool(words & lex.media_words)


def _reported_by(
    d: Draft, infos: list[tuple[Draft, SpeakerInfo | None]], lex: Lexicon
) -> str | None:
    """The outlet whose "reported"/"according to" claim contains this claim's cue."""
    for other, info in infos:
        if other is d or other.lemma not in ("report", "according to"):
            continue
        if not _is_outlet(info, lex):
            continue
        cue_char = d.cue_char
        if any(s <= cue_char < e for s, e in other.spans):
            return info.name or info.text
    return None


def _targets(
    claim_id: str,
    article_id: str,
    d: Draft,
    info: SpeakerInfo | None,
    mentions: list[Mention],
    starts: list[int],
) -> list[ClaimTarget]:
    """Actors mentioned inside the content (resolved names, once each, not the speaker).

    `mentions` are sorted by start_char and `starts` lists their start_char values.
    """
    out: list[ClaimTarget] = []
    seen: set[str] = set()
    speaker_name = info.name if info else None
    for s, e in d.spans:
        for k in range(bisect_right(starts, s - 1), bisect_right(starts, e)):
            m = mentions[k]
            if m.label not in _TARGET_LABELS or m.end_char > e or m.start_char < s:
                continue
            if m.resolved == speaker_name or m.resolved in seen:
                continue
            seen.add(m.resolved)
            out.append(
                ClaimTarget(claim_id, article_id, m.resolved, m.label, m.start_char, m.end_char)
            )
    return out
