"""Who speaks through a cue verb: its subject, a passive's agent, or a subject found elsewhere
(inherited through participles and conjuncts, the issuer of "a statement saying …", the noun
phrase beside a speech verb next to a quotation)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..context import ArticleContext
from ..syntax import FINITE_TAGS, SUBJ_DEPS, np_head, plausible_speaker

_INHERIT_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "acl", "dep"})
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they"})


@dataclass(frozen=True)
class VerbSpeaker:
    """The speaker token of a cue verb (None: unattributed or not found) and the voice."""

    token: Token | None
    unattributed: bool
    passive: bool


def verb_speaker(ctx: ArticleContext, verb: Token, lemma: str) -> VerbSpeaker | None:
    """The speaker of a cue verb; None when the verb has no plausible speaker at all."""
    children = list(verb.children)
    perfect = _has_perfect(children, lemma not in ctx.lex.raising_passive_verbs)
    passive = not perfect and any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
    speaker: Token | None = None
    unattributed = False
    if passive or (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "acl")
        and not any(c.dep_ in SUBJ_DEPS for c in children)
    ):
        passive = True
        agent = next((c for c in children if c.dep_ == "agent"), None)
        if agent is not None:
            speaker = next((c for c in agent.children if c.dep_ == "pobj"), None)
        else:
            speaker = _stray_agent(ctx, verb)
        unattributed = speaker is None
    else:
        # a subject inside a quotation is the parse's mistake ("… and all that," Day said)
        subject_deps = ("nsubj", "csubj", "nsubjpass") if perfect else ("nsubj", "csubj")
        subjects = [c for c in children if c.dep_ in subject_deps]
        # "The plan, said the mayor, was …": the parse gave the verb both subjects
        speaker = next((c for c in subjects if is_inverted(ctx, verb, c)), None) or next(
            (c for c in subjects if not ctx.in_quote[c.i]), None
        )
        quoted: Token | None = None
        if speaker is None and verb.dep_ in _INHERIT_DEPS:
            speaker = adjacent_subject(ctx, verb) or inherited_subject(ctx, verb)
            if speaker is not None and speaker.lower_ == "it":
                # "it's hard to know …": nobody in particular
                speaker, unattributed = None, True
            elif speaker is not None and ctx.in_quote[speaker.i] and not ctx.in_quote[verb.i]:
                # "“… We will achieve justice,” Chief Chuck Jordan said": the parse joined the
                # verb to the quotation's clause; its subject is the last resort
                quoted, speaker = speaker, None
        if speaker is None and lemma in ctx.lex.speech_verbs and ctx.quote_in_sentence(verb):
            speaker = surface_speaker(ctx, verb)
        if speaker is None:
            speaker = quoted or inverted_speaker(ctx, verb)
    if speaker is not None and speaker.dep_ == "expl":
        speaker = None
        unattributed = True
    if speaker is None and not unattributed:
        return None
    return VerbSpeaker(speaker, unattributed, passive)


def surface_speaker(ctx: ArticleContext, verb: Token) -> Token | None:
    """Speaker next to a speech verb beside a quotation, when the parse has no subject.

    "“…,” said Edward Leamer, an economist" (noun phrase after the verb) or
    "“…,” Gene Sperling, a top adviser, said" (noun phrase between quote and verb).
    """
    doc, in_quote = ctx.doc, ctx.in_quote
    j = verb.i + 1
    while j < len(doc) and doc[j].ent_type_ in ("DATE", "TIME") and not in_quote[j]:
        j += 1
    after_quote = verb.i > 1 and (
        in_quote[verb.i - 1] or (doc[verb.i - 1].is_punct and in_quote[verb.i - 2])
    )
    head = np_head(ctx, j) if after_quote else None
    if head is not None:
        return head
    # backwards: the noun phrase right after a closing quote earlier in the sentence (a quoted
    # name or title of a few words is no quotation: "…,” Bill Eastland, wearing “Ted Cruz”
    # campaign pins, said)
    k = verb.i - 1
    sent_start = verb.sent.start
    while k >= sent_start and (not in_quote[k] or _short_quote(ctx, k)):
        k -= 1
    if k >= sent_start and k < verb.i - 1:
        j = k + 1
        while j < verb.i and doc[j].is_punct:
            j += 1
        return np_head(ctx, j, limit=verb.i)
    return None


def _short_quote(ctx: ArticleContext, i: int) -> bool:
    """Is token i inside a quotation of three words or fewer (a name, a title)?"""
    char = ctx.doc[i].idx
    quote = next(iter(ctx.quotes_overlapping(char, char + 1)), None)
    return quote is not None and len(ctx.text[quote.start : quote.end].split()) <= 3


def _has_perfect(children: list[Token], infinitive_perfect: bool) -> bool:
    """ "He's said that …": the parser reads "'s" as a passive "is", but with a person subject
    and a clause or object it is "has" ("It's said that …" stays passive); so with "he" or
    "she" and an infinitive when `infinitive_perfect` (the verb is none of
    `cues/raising_passive_verbs.txt`: "he's sought to protect …", but "he's said to be ill")."""
    aux = next((c for c in children if c.dep_ == "auxpass"), None)
    if aux is None or aux.lower_ not in ("'s", "’s"):
        return False
    subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.lower_ in ("it", "this", "that") or subj.dep_ == "expl":
        return False
    if any(c.dep_ in ("ccomp", "dobj") for c in children):
        return True
    if not infinitive_perfect or subj.lower_ not in ("he", "she"):
        return False
    return any(c.dep_ == "xcomp" for c in children)


def _stray_agent(ctx: ArticleContext, verb: Token) -> Token | None:
    """ "COVID-19 was announced to be a "pandemic" by the World Health Organization": the
    parse hangs the passive's agent on the complement's last noun or adjective; a named
    "by" phrase closing the complement is the agent (after a verb it is that verb's own:
    "was said to be caused by Russia")."""
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if xcomp is None:
        return None
    for prep in xcomp.subtree:
        if prep.dep_ != "prep" or prep.lower_ != "by" or prep.head.tag_.startswith("VB"):
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        m = ctx.speakers.token_mention[obj.i] if obj is not None else None
        ends = xcomp.right_edge.i - prep.right_edge.i <= 1  # a closing parenthesis at most
        if m is not None and m.label in ("PERSON", "ORG") and ends and not ctx.in_quote[obj.i]:
            return obj
    return None


def inherited_subject(ctx: ArticleContext, verb: Token) -> Token | None:
    """Subject of a participle/conjunct/infinitive cue, taken from the governing clause.

    When the nearest subject up the tree is not a plausible speaker and its clause is the
    content of a reporting verb ("Cardin stressed that the way is clear, suggesting …"),
    the reporting verb's subject is used instead.
    """
    doc, lex = ctx.doc, ctx.lex
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.i > 0 and doc[verb.i - 1].text == ",":
        # ", saying …" after a main clause: the main clause's subject speaks
        root = verb.sent.root
        subj = next((c for c in root.children if c.dep_ in SUBJ_DEPS), None)
        if subj is not None and plausible_speaker(subj, lex):
            return subj
    cur = verb
    for _ in range(8):
        if cur.dep_ not in _INHERIT_DEPS or cur.head.i == cur.i:
            return None
        if cur.dep_ == "acl":
            return _issuer_or_noun(ctx, cur.head)
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ in SUBJ_DEPS), None)
        if subj is None:
            continue
        speech_conj = verb.dep_ == "conj" and lex.verb_lemma(verb.lower_) in lex.speech_verbs
        if cur.dep_ != "ccomp" or (plausible_speaker(subj, lex) and not speech_conj):
            return subj
        outer = cur.head
        if lex.verb_lemma(outer.lower_):
            osubj = next((c for c in outer.children if c.dep_ in SUBJ_DEPS), None)
            if osubj is not None:
                return osubj
        return subj
    return None


def adjacent_subject(ctx: ArticleContext, verb: Token) -> Token | None:
    """The noun right before a finite cue verb the parse gave no subject: "… and others have
    said they are not interested", "Armstrong huddled with other party leaders announced …"
    (the parse hung the noun on the clause before)."""
    doc = ctx.doc
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    first = min([verb.i, *(c.i for c in aux)])
    finite = verb.tag_ in FINITE_TAGS or any(c.tag_ in FINITE_TAGS for c in aux)
    if not finite or verb.dep_ == "acl" or first == 0 or first - 1 < verb.sent.start:
        return None  # "a president focused on …": a participle, its noun is not a speaker
    prev = doc[first - 1]
    if ctx.in_quote[prev.i] or prev.head.i == verb.i or prev.ent_type_ in ("DATE", "TIME"):
        return None
    # an object: the subject is further back ("in a later interview said …", "surveys taken
    # as they entered caucus sites showed …")
    if prev.dep_ in ("pobj", "dobj"):
        return None
    if prev.tag_ in ("NN", "NNS", "NNP", "NNPS") or prev.lower_ in _SUBJECT_PRONOUNS:
        return prev
    return None


def _issuer_or_noun(ctx: ArticleContext, noun: Token) -> Token | None:
    """The speaker of a participle modifying `noun`: the noun itself ("officials saying …"),
    or the issuer of a document ("Trump issued a statement saying …")."""
    if not noun.tag_.startswith("NN"):
        return None
    if noun.lower_ in ctx.lex.document_nouns and noun.dep_ in ("dobj", "pobj"):
        gov = noun.head if noun.dep_ == "dobj" else noun.head.head
        subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
    return noun


def inverted_speaker(ctx: ArticleContext, verb: Token) -> Token | None:
    """The source after a cue verb set off by commas, which the parse took for its object:
    "Because only Congress may spend it, reads the motion, the order is unlawful"."""
    src = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > verb.i), None)
    return src if src is not None and is_inverted(ctx, verb, src) else None


def is_inverted(ctx: ArticleContext, verb: Token, src: Token) -> bool:
    """Is `src` the source of an inverted cue between commas (", reads the motion,", ",
    argues the lawsuit,"): a finite verb without auxiliaries right after a comma, then the
    source's phrase, then a comma?"""
    doc = ctx.doc
    if verb.tag_ not in ("VBZ", "VBD") or verb.i == 0 or doc[verb.i - 1].text != ",":
        return False
    if src.head.i != verb.i or any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children):
        return False
    if src.left_edge.i != verb.i + 1 or ctx.in_quote[src.i]:
        return False
    after = src.right_edge.i + 1
    if after >= verb.sent.end - 1 or doc[after].text != ",":
        return False
    return plausible_speaker(src, ctx.lex) or src.lower_ in ctx.lex.document_nouns
