"""Cues that are not verbs: predicate adjectives ("are concerned that …"), nouns ("his attacks
on Clinton", "there have been fears that …"), hedging adverbs ("reportedly"), evidence ("In a
new poll, …") and headline verbs the tagger took for nouns ("Trump blasts Clinton over …").

Each cue family is an (applies, find) pair registered in `finders.FINDERS`.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..context import ArticleContext
from ..draft import Draft
from ..syntax import SUBJ_DEPS, has_that, has_to, phrase, plausible_speaker, subtree, trim_tail


# --- predicate adjectives ------------------------------------------------------------------
def adjective_applies(tok: Token, ctx: ArticleContext) -> bool:
    return tok.lower_ in ctx.lex.adjective_cues


def adjective(adj: Token, ctx: ArticleContext) -> Draft | None:
    """ "X is concerned/confident that …", "X weren't concerned about Y": the subject of the
    copula holds the stance; the content is the clausal complement, else the object of one of
    the adjective's prepositions (`cues/cue_adjectives.tsv`)."""
    if adj.tag_ != "VBN" and adj.dep_ != "acomp":
        return None
    # "are convinced" is a participle under the copula ("are" its head) or a passive root
    head = adj.head if adj.dep_ == "acomp" else adj
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.dep_ == "expl" or subj.lower_ == "it":
        return None
    cue = [c.i for c in head.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < adj.i]
    if head is not adj:
        cue.append(head.i)
    cue.append(adj.i)
    comp = next((c for c in adj.children if c.dep_ in ("ccomp", "xcomp") and c.i > adj.i), None)
    if comp is not None:
        content = subtree(ctx, comp, adj)
    else:
        prep = _object_preposition(adj, ctx.lex.adjective_cues[adj.lower_])
        if prep is None:
            return None
        cue.append(prep.i)
        content = set().union(*(phrase(g) for g in prep.children if g.dep_ in ("pobj", "pcomp")))
    return Draft(
        sorted(set(cue)), adj.lower_, subj, content=content, category="adjective", verb_i=adj.i
    )


def _object_preposition(adj: Token, preps: tuple[str, ...]) -> Token | None:
    """The adjective's preposition with an object: "concerned about the shift"."""
    for c in adj.children:
        if c.dep_ == "prep" and c.i > adj.i and c.lower_ in preps:
            if any(g.dep_ in ("pobj", "pcomp") for g in c.children):
                return c
    return None


# --- headline verbs tagged as plural nouns ----------------------------------------------------
def headline_verb_applies(tok: Token, ctx: ArticleContext) -> bool:
    return tok.dep_ == "ROOT" and ctx.lex.verb_lemma(tok.lower_) is not None


def headline_verb(tok: Token, ctx: ArticleContext) -> Draft | None:
    """ "Trump blasts Clinton over …": the left modifier speaks, the right dependents are the
    content."""
    lefts = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod", "nsubj")]
    right = [c for c in tok.rights if not c.is_punct]
    if not lefts or not right:
        return None
    toks: set[int] = set()
    for c in right:
        toks |= phrase(c)
    lemma = ctx.lex.verb_lemma(tok.lower_) or ""
    return Draft([tok.i], lemma, lefts[-1], content=toks, category="headline", verb_i=tok.i)


# --- evidence ---------------------------------------------------------------------------------
def in_poll_applies(tok: Token, ctx: ArticleContext) -> bool:
    return tok.lower_ == "in" and tok.dep_ == "prep"


def in_poll(prep: Token, ctx: ArticleContext) -> Draft | None:
    """ "In a Washington Post-ABC News poll, 67 percent said …": the poll is a source."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lower_ not in ctx.lex.evidence_nouns:
        return None
    head = prep.head
    if not head.tag_.startswith("VB") or prep.i > head.i:
        return None
    return Draft([prep.i], "in", pobj, content=phrase(head) - phrase(prep), category="in-poll")


# --- nouns ------------------------------------------------------------------------------------
def noun(tok: Token, ctx: ArticleContext) -> Draft | None:
    """An unattributed nominal cue, else a possessed one."""
    d = None
    if tok.lower_ in ctx.lex.noun_cues:
        d = _noun_cue(tok)
    if d is None and tok.lower_ in ctx.lex.possessed_noun_cues:
        d = _possessed_noun(tok, ctx)
    if d is None and tok.lower_ in ctx.lex.accusation_nouns:
        d = _accusation_noun(tok, ctx)
    return d


def _noun_cue(noun: Token) -> Draft | None:
    """ "there have been fears that …" (an owner when there is one: "fears among X that")."""
    clause = next(
        (c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and has_that(c)),
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
    return Draft(
        [noun.i],
        noun.lower_,
        owner,
        content=phrase(clause),
        category="noun",
        unattributed=owner is None,
    )


def _possessed_noun(noun: Token, ctx: ArticleContext) -> Draft | None:
    """ "his attacks on Clinton", "Trump's call for a ban", "her vow to …"."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.tag_ == "PRP$" and owner.lower_ in ("its",):
        return None
    allowed = ctx.lex.possessed_noun_cues[noun.lower_]
    for c in noun.children:
        if c.i <= noun.i:
            continue
        if c.dep_ == "prep" and c.lower_ in allowed:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                toks: set[int] = set()
                for g in objs:
                    toks |= phrase(g)
                cue = [noun.i, c.i] if c.i == noun.i + 1 else [noun.i]
                return Draft(
                    cue, noun.lower_, owner, content=trim_tail(ctx, toks), category="possessed"
                )
        if c.dep_ in ("acl", "relcl", "ccomp") and (
            ("to" in allowed and has_to(c)) or ("that" in allowed and has_that(c))
        ):
            return Draft(
                [noun.i],
                noun.lower_,
                owner,
                content=trim_tail(ctx, phrase(c)),
                category="possessed",
            )
    return None


# --- accusation nouns (WordNet: data/cues/accusation_nouns.tsv) -----------------------------
# the prepositions through which an accusation noun names the wrong or the accused
_ACCUSATION_PREPS = frozenset({"of", "over", "against"})
# the prepositions of its source ("complaints from Lew", "criticism by Democrats")
_SOURCE_PREPS = frozenset({"from", "by"})


def _accusation_noun(noun: Token, ctx: ArticleContext) -> Draft | None:
    """ "accusations of political bias", "complaints from Lew that China …", "Democratic
    allegations of bias against Clinton", "allegations Trump tried to …": a noun of accusing
    with its complement is a claim; its source is the possessor, the object of from/by, or a
    group adjective ("Democratic"), else it is unattributed.

    Example: in "the panel was mired in accusations of political bias" the draft has cue
    "accusations of", no speaker and content "political bias".
    """
    if noun.dep_ == "compound":
        return None  # "the complaint form"
    content, cue = _accusation_content(noun)
    if not content:
        return None
    owner = _accusation_source(noun, ctx, min(content))
    return Draft(
        sorted(cue),
        noun.lower_,
        owner,
        content=trim_tail(ctx, content),
        category="possessed" if owner is not None else "noun",
        unattributed=owner is None,
    )


def _accusation_content(noun: Token) -> tuple[set[int], list[int]]:
    """The content tokens (an of/over/against object, else a complement clause) and the cue."""
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in _ACCUSATION_PREPS:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                cue = [noun.i, c.i] if c.i == noun.i + 1 else [noun.i]
                return set().union(*(phrase(g) for g in objs)), cue
        # a complement clause with its own subject, "that" or not ("allegations Trump tried")
        if c.dep_ in ("acl", "ccomp") and (
            has_that(c) or any(g.dep_ in SUBJ_DEPS and g.lower_ != "that" for g in c.children)
        ):
            return phrase(c), [noun.i]
    return set(), [noun.i]


def _accusation_source(noun: Token, ctx: ArticleContext, content_start: int) -> Token | None:
    """Who accuses: the possessor, the object of from/by before the content, or a group
    adjective ("Democratic allegations")."""
    for c in noun.children:
        if c.dep_ == "poss" and c.lower_ != "its":
            return c
        if c.dep_ == "prep" and c.lower_ in _SOURCE_PREPS and c.i < content_start:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            # any noun phrase: "complaints from his counterpart" (a source, not a thing)
            if obj is not None and (obj.tag_.startswith("NN") or plausible_speaker(obj, ctx.lex)):
                return obj
        if c.dep_ == "amod" and c.ent_type_ == "NORP" and c.i < noun.i:
            return c
    return None


# --- hedging adverbs --------------------------------------------------------------------------
def hedge_adverb_applies(tok: Token, ctx: ArticleContext) -> bool:
    return tok.lower_ in ctx.lex.hedge_adverbs


def hedge_adverb(adv: Token, ctx: ArticleContext) -> Draft | None:
    """ "The talks reportedly failed": an unattributed, hedged claim."""
    head = adv.head
    if not head.tag_.startswith("VB"):
        return None
    if ctx.lex.verb_lemma(head.text) and any(ch.dep_ == "nsubj" for ch in head.children):
        return None  # "UNESCO reportedly said …": the cue verb's own claim, hedged
    toks = phrase(head) - {adv.i}
    return Draft([adv.i], adv.lower_, None, content=toks, category="hedge", unattributed=True)
