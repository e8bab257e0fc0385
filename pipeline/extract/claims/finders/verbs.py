"""Verb cues: "X said (that) …", "Y was accused of …", "X appears to …".

The speaker comes from `verb_speakers`, the content from the first frame of `verb_frames` that
applies. A speech verb with no content of its own waits for an adjacent quotation
(`needs_quote`; the quote pass attaches it).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..context import ArticleContext
from ..draft import Draft
from ..syntax import AUX_DEPS, phrase, subtree
from .verb_cue import VerbCue
from .verb_frames import verb_content
from .verb_speakers import is_inverted, verb_speaker


def cue_tokens(verb: Token) -> list[int]:
    """The verb with its auxiliaries, negation and particle ("did not deny", "pointed out")."""
    toks = [verb.i]
    for child in verb.children:
        if child.dep_ in AUX_DEPS and child.i < verb.i:
            toks.append(child.i)
        elif child.dep_ == "prt":
            toks.append(child.i)
    return sorted(toks)


def applies(tok: Token, ctx: ArticleContext) -> bool:
    return ctx.lex.verb_lemma(tok.lower_) is not None


def find(tok: Token, ctx: ArticleContext) -> Draft | None:
    """The claim a cue verb heads, if any."""
    return _verb_draft(tok, ctx)


def find_blocked(tok: Token, ctx: ArticleContext, rule: Draft | None) -> Draft | None:
    """The claim the verb would head through a frame the learned cue table blocks, when the
    rules' own draft (`rule`) differs: a candidate for the decision model (`Draft.gated`)."""
    if tok.i not in ctx.refused_verbs:
        return None  # no frame was refused: the rules' draft is the only one
    draft = _verb_draft(tok, ctx, ungated=True)
    if draft is None or draft.category == "seem" or not draft.content:
        return None
    if ctx.lex.frame_allowed(draft.lemma, draft.frame):
        return None
    if rule is not None and rule.frame == draft.frame and rule.content == draft.content:
        return None
    draft.gated = True
    return draft


def _verb_draft(tok: Token, ctx: ArticleContext, ungated: bool = False) -> Draft | None:
    lex = ctx.lex
    lemma = lex.verb_lemma(tok.lower_) or ""
    if _is_seem(ctx, tok):
        return _seem(ctx, tok, lemma)
    if lex.act_of(lemma) == "deny" and _negated(ctx, tok):
        return None  # "can neither confirm nor deny": no denial
    who = verb_speaker(ctx, tok, lemma)
    if who is None:
        return None
    speaker, passive = who.token, who.passive
    cue = cue_tokens(tok)
    if tok.dep_ == "xcomp" and _is_seem(ctx, tok.head):
        cue = sorted({*cue_tokens(tok.head), *cue})  # "appeared to blame": the hedge is cue
    draft = Draft(cue, lemma, speaker, unattributed=who.unattributed, verb_i=tok.i)
    if speaker is not None and is_inverted(ctx, tok, speaker):
        return _inverted(ctx, draft, tok, speaker)
    match = verb_content(VerbCue(ctx, tok, lemma, passive, speaker, ungated=ungated))
    if match is None:
        if "quote" in lex.cue_frames.get(lemma, ()) and not passive:
            draft.needs_quote = True
            draft.category = "quote"
            return draft
        return None
    if passive and speaker is None and lemma in lex.naming_verbs:
        return None  # "a firm called Gavekal", "a measure named …": naming, not a claim
    toks = set(match.tokens)
    if speaker is not None and not speaker.is_ancestor(tok):
        toks -= phrase(speaker)
        if speaker.head.lower_ == "by":  # a stray agent ("… a pandemic by the WHO")
            toks.discard(speaker.head.i)
    elif speaker is not None:
        # the speaker governs the cue ("a statement saying …"): drop only its own phrase
        toks -= set(range(speaker.left_edge.i, speaker.i + 1))
    toks -= set(match.extra_cue)
    if not toks:
        return None
    for extra in match.extra_cue:
        # a preposition joins the cue span only when adjacent ("referred to", "called for")
        if extra == max(draft.cue_tokens) + 1:
            draft.cue_tokens = sorted({*draft.cue_tokens, extra})
    draft.category = ("passive-" if passive else "") + match.category
    draft.frame = match.key or draft.category
    draft.content = toks
    return draft


def _inverted(ctx: ArticleContext, draft: Draft, verb: Token, speaker: Token) -> Draft | None:
    """ "A, reads the motion, B" (`verb_speakers.inverted_speaker`): the sentence around the
    commas is the content, in two fragments."""
    sent = verb.sent
    lo, hi = verb.i - 1, speaker.right_edge.i + 1  # the two commas
    start = sent.start
    while start < lo and (ctx.tags[start] == "CC" or ctx.doc[start].is_punct):
        start += 1
    toks = set(range(start, lo)) | set(range(hi + 1, sent.end))
    if lo - start < 2 or not toks:
        return None
    draft.content = toks
    draft.category = draft.frame = "parenthetical"
    return draft


def _is_seem(ctx: ArticleContext, verb: Token) -> bool:
    """A verb of the "seem" frame ("seems", "appeared")."""
    return "seem" in ctx.lex.cue_frames.get(ctx.lex.verb_lemma(verb.lower_) or "", ())


def _negated(ctx: ArticleContext, verb: Token) -> bool:
    """Negated or in a neither/nor pair ("would not deny", "neither confirm nor deny")."""
    if any(c.dep_ == "neg" or c.lower_ in ("neither", "nor") for c in verb.children):
        return True
    prev = ctx.doc[max(verb.i - 2, 0) : verb.i]
    return any(t.lower_ in ("nor", "neither", "not", "n't", "never") for t in prev)


def _seem(ctx: ArticleContext, verb: Token, lemma: str) -> Draft | None:
    """ "X seems/appears to …": subject + complement, without a source."""
    children = list(verb.children)
    # in a conjunct, the subject it shares ("Anderson agreed and seemed to think …")
    owners = (verb, verb.head) if verb.dep_ == "conj" else (verb,)
    subj = next((c for o in owners for c in o.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    comp = next(
        (c for c in children if c.dep_ in ("xcomp", "acomp", "attr", "ccomp", "oprd")), None
    )
    if comp is None:
        return None
    real_subject = subj is not None and subj.dep_ != "expl" and subj.lower_ != "it"
    if real_subject and comp.dep_ == "xcomp" and _speaks_through(ctx, comp):
        return None  # "Cruz seemed to mock …": the subject speaks through the cue verb
    toks = subtree(ctx, comp, verb)
    if real_subject:
        toks |= phrase(subj)
    return Draft(
        cue_tokens(verb),
        lemma,
        None,
        content=toks,
        category="seem",
        unattributed=True,
        verb_i=verb.i,
    )


def _speaks_through(ctx: ArticleContext, comp: Token) -> bool:
    """The complement of "seems/appears to" is a cue verb heading its own attributed claim
    ("he appeared to suggest that …")."""
    if ctx.lex.verb_lemma(comp.lower_) is None or _is_seem(ctx, comp):
        return False
    draft = _verb_draft(comp, ctx)
    return draft is not None and draft.speaker is not None
