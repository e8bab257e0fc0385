"""Support-verb cues: a light verb and the word it takes say what the speaker does.

"Trump took a shot at Clinton" (content: Clinton), "She raised questions about the deal",
"Christie has been making the case that Rubio isn't ready", "officials made clear they have
no plans to …". The pairs and their content slots come from `cues/support_verbs.tsv`; the
speaker is found as for any cue verb (`verb_speakers`), except for pairs whose subject is the
one spoken about ("Ukraine faced criticism from Moscow over …": Moscow speaks).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..context import ArticleContext
from ..draft import Draft
from ..syntax import has_to, phrase, starts_with_that, trim_tail
from .verb_speakers import verb_speaker
from .verbs import cue_tokens

# where the support word hangs on its verb ("took a shot", "made it clear", "was raised")
_WORD_DEPS = frozenset({"dobj", "oprd", "acomp", "ccomp", "xcomp", "attr", "nsubjpass", "npadvmod"})
_CLAUSE_DEPS = frozenset({"ccomp", "acl", "relcl", "advcl"})


def applies(tok: Token, ctx: ArticleContext) -> bool:
    return tok.lower_ in ctx.lex.support_forms and _support_word(tok, ctx) is not None


def _support_word(
    verb: Token, ctx: ArticleContext
) -> tuple[Token, str, tuple[tuple[str, ...], str, str]] | None:
    """The verb's support word, its key in the table ("shot", or "under fire" for a word
    reached through a preposition) and the pair's entry (content slots, act, speaker
    preposition), if it has one."""
    lemma = ctx.lex.support_forms[verb.lower_]
    doc = ctx.doc
    # the word right after the verb (or after "it") whatever the parse made of it ("made
    # clear Monday they …" hangs "clear" on "Monday")
    nxt = [doc[j] for j in (verb.i + 1, verb.i + 2) if j < len(doc)]
    if nxt and nxt[0].lower_ != "it":
        nxt = nxt[:1]
    words = [c for c in verb.children if c.dep_ in _WORD_DEPS and c.i > verb.i] + nxt
    words += [c for c in verb.children if c.dep_ == "nsubjpass"]
    keyed = [(w, w.lower_) for w in words]
    # "came under intense fire": the object of the verb's preposition
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.i > verb.i:
            keyed += [(g, f"{prep.lower_} {g.lower_}") for g in prep.children if g.dep_ == "pobj"]
    for word, key in keyed:
        entry = ctx.lex.support_cues.get((lemma, key))
        if entry is not None:
            return word, key, entry
    return None


def find(verb: Token, ctx: ArticleContext) -> Draft | None:
    """ "took a shot at X": the verb's speaker, the content through the pair's slots."""
    found = _support_word(verb, ctx)
    if found is None:
        return None
    word, key, (slots, _, source) = found
    lemma = f"{ctx.lex.support_forms[verb.lower_]} {key}"
    if source:
        return _received(ctx, verb, word, lemma, slots, source)
    content, prep = _content(verb, word, slots)
    if not content:
        return None
    if prep is not None and ctx.lex.act_of(lemma) == "accuse":
        content |= _reason(verb, word, content)
    who = verb_speaker(ctx, verb, lemma.partition(" ")[0])
    if who is None:
        return None
    if who.token is not None:
        content -= phrase(who.token)
    if not content:
        return None
    cue = _cue(verb, word)
    if prep is not None and prep.i == word.i + 1:
        cue.add(prep.i)
    return Draft(
        sorted(cue),
        lemma,
        who.token,
        content=trim_tail(ctx, content - cue),
        category=("passive-" if who.passive else "") + "support",
        unattributed=who.unattributed,
        verb_i=verb.i,
        frame="support",
    )


def _received(
    ctx: ArticleContext, verb: Token, word: Token, lemma: str, slots: tuple[str, ...], source: str
) -> Draft | None:
    """ "The plan drew criticism from X for …": X speaks (nobody in particular without "from
    X"), the content is what the subject is criticised for, else (when the pair's slots say
    `subject`) the subject itself."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = verb.head  # "the council, which faces allegations": the council
    speaker = None
    for c in (*word.children, *verb.children):
        if c.dep_ == "prep" and c.lower_ == source and c.i > word.i:
            speaker = next((g for g in c.children if g.dep_ == "pobj"), None)
            break
    content, _ = _content(verb, word, slots)
    if not content and speaker is not None:
        # "from Democrats over the cuts": the parse hangs the reason on the critics
        content, _ = _content(speaker, speaker, slots)
    if not content and "subject" in slots:
        content = phrase(subject)
    cue = _cue(verb, word)
    if not content - cue:
        return None  # "The troops came under fire": no reason, literally under fire
    return Draft(
        sorted(cue),
        lemma,
        speaker,
        content=trim_tail(ctx, content - cue),
        category="support-received",
        unattributed=speaker is None,
        verb_i=verb.i,
        frame="support-received",
    )


def _cue(verb: Token, word: Token) -> set[int]:
    """The verb (with its auxiliaries), the word and the word's determiners and adjectives
    (and the preposition between them: "came under fire")."""
    cue = set(cue_tokens(verb))
    if word.dep_ == "pobj" and word.head.head.i == verb.i:
        cue.add(word.head.i)
    if word.i > verb.i:
        cue |= {t.i for t in word.lefts if t.i > verb.i and t.dep_ in ("det", "amod", "neg")}
    cue.add(word.i)
    return cue


def _reason(verb: Token, word: Token, content: set[int]) -> set[int]:
    """The reason an accusation gives after its target ("pointed the finger at Russia for the
    blast"), as the accuse frame keeps it ("accused X of Z")."""
    end = max(content)
    for c in (*word.children, *verb.children):
        if c.dep_ == "prep" and c.lower_ in ("for", "over") and c.i == end + 1:
            return set(range(c.i, c.right_edge.i + 1))
    return set()


def _content(verb: Token, word: Token, slots: tuple[str, ...]) -> tuple[set[int], Token | None]:
    """Content tokens through the first of the pair's slots that applies, and the preposition
    it came through."""
    after = [c for c in (*word.children, *verb.children) if c.i > word.i]
    clauses = [c for c in after if c.dep_ in _CLAUSE_DEPS and c.tag_.startswith(("VB", "MD"))]
    for slot in slots:
        if slot == "to":
            clause = next((c for c in clauses if has_to(c)), None)
        elif slot == "that":
            clause = next((c for c in clauses if not has_to(c) and _complement(c)), None)
        else:
            for c in after:
                if c.dep_ not in ("prep", "dative") or c.lower_ != slot:
                    continue
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs and all(g.ent_type_ not in ("DATE", "TIME") for g in objs):
                    toks: set[int] = set()
                    for g in objs:
                        toks |= phrase(g)
                    return toks, c
            continue
        if clause is not None:
            return phrase(clause), None
    return set(), None


def _complement(clause: Token) -> bool:
    """A complement clause rather than an adverbial one ("… because they …")."""
    return clause.dep_ != "advcl" or starts_with_that(clause)
