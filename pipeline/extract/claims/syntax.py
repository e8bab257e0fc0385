"""Parse-tree helpers shared by the finders and passes: subtrees, clause tails, spans."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import Lexicon
from .context import ArticleContext

SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
AUX_DEPS = frozenset({"aux", "auxpass", "neg"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Prepositions of a participial clause that makes its own claim ("after accusing …").
_TIME_PREPS = frozenset("after before while upon".split())
_NP_TAGS = frozenset({"DT", "NNP", "NNPS", "NN", "NNS", "JJ", "PRP$", "POS", "CD", "HYPH", "PRP"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def has_to(tok: Token) -> bool:
    """Does `tok` head an infinitive ("to run")?"""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def has_that(clause: Token) -> bool:
    """Does `clause` open with "that"?"""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def starts_with_that(clause: Token) -> bool:
    """Is "that" the first word of `clause`'s phrase, whatever the parse made of it ("that"
    as an adverb of a clause hung on the verb as an adverbial)?"""
    return clause.doc[clause.left_edge.i].lower_ == "that"


def phrase(tok: Token) -> set[int]:
    """Token indices of the whole phrase under `tok`."""
    return set(range(tok.left_edge.i, tok.right_edge.i + 1))


def plausible_speaker(tok: Token, lex: Lexicon) -> bool:
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


def np_head(ctx: ArticleContext, j: int, limit: int | None = None) -> Token | None:
    """Head (last noun) of the noun-phrase run starting at token j, if any."""
    doc = ctx.doc
    stop = len(doc) if limit is None else limit
    head: Token | None = None
    while j < stop and not ctx.in_quote[j]:
        t = doc[j]
        named = t.ent_type_ in _NAME_ENTS  # a name the tagger took for a verb ("Tulsa police")
        if (
            t.tag_ not in _NP_TAGS
            and not named
            and not (t.text == "." and head is not None and len(doc[j - 1]) == 1)
        ):
            break
        if t.tag_.startswith("NN") or t.tag_ == "PRP":
            head = t
            if t.tag_ == "PRP":
                break
        j += 1
    return head


def trim_tail(ctx: ArticleContext, toks: set[int]) -> set[int]:
    """Cut a closing non-restrictive clause from object/infinitive content: ", which …",
    ", where …", "-- even as …" (the reporter's addition, not the stance's object)."""
    if not toks:
        return toks
    doc = ctx.doc
    last = max(toks)
    for i in sorted(toks):
        t = doc[i]
        if t.text not in (",", "--", "—", "–", ";") or i == min(toks):
            continue
        nxt = doc[i + 1] if i + 1 <= last else None
        if nxt is None or nxt.lower_ == "that":
            continue  # ", that he …, that he …": one more complement, not an addition
        # the clause's verb from its first word ("which" may be its object: ", which he denied")
        opener = nxt.dep_ in ("mark", "advmod", "nsubj", "nsubjpass") or nxt.tag_ in ("WDT", "WP")
        clause_head = nxt.head if opener else nxt
        if (
            clause_head.dep_ in ("relcl", "advcl", "acl")
            and clause_head.right_edge.i >= last
            and (nxt.tag_ in ("WDT", "WP", "WRB", "IN", "RB") or t.text != ",")
        ):
            return {j for j in toks if j < i}
    return toks


def _separate_conjunct_claim(ctx: ArticleContext, t: Token) -> bool:
    """A coordinated cue verb that makes its own claim: "… but added, …" or "…, and he
    railed against …" (a pronoun subject refers back to the speaker)."""
    lemma = ctx.lex.verb_lemma(t.lower_)
    if lemma is None:
        return False
    if any(
        c.dep_ in ("cc", "preconj") and c.lower_ in ("nor", "or", "neither") for c in t.children
    ):
        return False
    if t.i > 0 and t.doc[t.i - 1].lower_ in ("nor", "or"):
        return False
    subj = next((c for c in t.children if c.dep_ in SUBJ_DEPS), None)
    if subj is None:
        return lemma in ctx.lex.speech_verbs
    return subj.lower_ in ("he", "she", "they")


def subtree(ctx: ArticleContext, root: Token, cue: Token) -> set[int]:
    """Token indices of `root`'s subtree, minus trailing participial cue clauses."""
    doc = ctx.doc
    verb_lemma = ctx.lex.verb_lemma
    toks = phrase(root)
    for t in root.subtree:
        if (
            t.dep_ == "pcomp"
            and t.tag_ == "VBG"
            and t.head.lower_ in _TIME_PREPS
            and t.head.i > root.i
            and verb_lemma(t.lower_)
        ):
            # "threatened to walk out after accusing Y of Z": a claim of its own
            lo = t.head.i - (doc[t.head.i - 1].text == ",")
            toks -= set(range(lo, t.right_edge.i + 1))
        elif t.dep_ == "advcl" and t.tag_ == "VBG" and verb_lemma(t.lower_):
            if (
                not any(c.dep_ in SUBJ_DEPS for c in t.children)
                and t.i > 0
                and doc[t.i - 1].text == ","
            ):
                toks -= set(range(t.i - 1, t.right_edge.i + 1))
        elif (
            t.dep_ == "conj"
            and t.i > root.i
            and t.tag_.startswith("VB")
            and _separate_conjunct_claim(ctx, t)
        ):
            # "… but added, …": a second claim of the same speaker, not this content
            lo = t.i
            while lo - 1 > root.i and (doc[lo - 1].dep_ in ("cc", "advmod", "punct")):
                lo -= 1
            toks -= set(range(lo, t.right_edge.i + 1))
    toks.discard(cue.i)
    return toks


def fragments(ctx: ArticleContext, toks: set[int]) -> list[tuple[int, int]]:
    """Char fragments covering a token set (punctuation trimmed at the edges)."""
    out: list[tuple[int, int]] = []
    run: list[int] = []
    for i in sorted(toks):
        if run and i != run[-1] + 1:
            out.extend(_run_span(ctx, run))
            run = []
        run.append(i)
    if run:
        out.extend(_run_span(ctx, run))
    return out


def _run_span(ctx: ArticleContext, run: list[int]) -> list[tuple[int, int]]:
    doc = ctx.doc
    lo, hi = 0, len(run)
    while lo < hi and _is_punct(doc[run[lo]]):
        lo += 1
    while hi > lo and _is_punct(doc[run[hi - 1]]):
        hi -= 1
    if lo >= hi:
        return []
    a, b = doc[run[lo]], doc[run[hi - 1]]
    return [(a.idx, b.idx + len(b.text))]


def _is_punct(tok: Token) -> bool:
    return tok.is_punct or tok.is_space


def overlaps(a: int, b: int, c: int, d: int) -> bool:
    """Do the ranges [a, b) and [c, d) overlap?"""
    return a < d and c < b


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with overlapping and touching spans merged."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
