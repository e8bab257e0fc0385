"""Wrongdoings in a claim's content, and who commits them.

A wrongdoing is a verb or noun of `acts/wrongdoing_verbs.txt` / `wrongdoing_words.txt`
("fired rockets at", "the attack", "corruption", "responsible for"), an accusation verb that is
the speaker's own ("posted a message blaming Iran"); a clearing is an innocence phrase ("he was
innocent") and a rejection a phrase of `acts/rejection.txt` ("no evidence"). Their agents are
the parties an accusation names (see `acts.py`)::

    events = content_events(view)        # [Event("wrong", [Ref("Ukraine", ...)], False)]
    wrongdoers(view, events)              # the agents that are not the speaker
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..refs import AGENT_PREPS, Ref
from .claim_view import ClaimView

_PASSIVE_DEPS = frozenset({"auxpass", "nsubjpass"})
_INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "acl", "ccomp"})
_CLIMB_DEPS = frozenset({"dobj", "pobj", "prep", "attr", "npadvmod", "compound"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_NEGATORS = frozenset({"not", "n't", "never", "no", "without", "nothing"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class Event:
    """A wrongdoing (or a clearing of one) in the content, with its agents."""

    kind: str  # "wrong", "innocent", "rejection"
    agents: list[Ref]
    negated: bool


def content_events(c: ClaimView) -> list[Event]:
    """Wrongdoings, clearings and rejections in the content."""
    lex = c.ctx.lex
    out: list[Event] = []
    words = [t.lower_ for t in c.tokens]
    text = " " + " ".join(words) + " "
    for phrase in lex.rejection_phrases:
        if f" {phrase} " in text:
            out.append(Event("rejection", [], False))
    innocence = _by_first_word(lex.innocence_phrases)
    tags = c.ctx.tags
    for k, tok in enumerate(c.tokens):
        low = words[k]
        for parts in innocence.get(low, ()):
            if words[k : k + len(parts)] == parts:
                out.append(Event("innocent", _subject_refs(c, tok), False))
        tag = tags[tok.i]
        if tag.startswith("VB") and _accusing(c, tok):
            out.append(Event("wrong", _objects(c, tok), False))
            continue
        if tag.startswith("VB"):
            particle = lex.wrongdoing_forms.get(low)
            if particle is None and not _to_blame(tok):
                continue
            if particle and not _has_child(tok, particle):
                continue
        elif tag.startswith(("NN", "JJ")):
            singular = low[:-1] if tag == "NNS" and low.endswith("s") else low
            if singular not in lex.wrongdoing_words and not _responsible_for(tok):
                continue
            if c.refs.mention(tok) is not None:
                continue  # a word of an actor's name: "the Anti-Corruption Commission"
        else:
            continue
        out.append(Event("wrong", _agents(c, tok), _negated(tok)))
    return out


@lru_cache(maxsize=4)
def _by_first_word(phrases: frozenset[str]) -> dict[str, list[list[str]]]:
    """Phrases split into words, by their first word (looked up per token, not scanned)."""
    out: dict[str, list[list[str]]] = {}
    for phrase in sorted(phrases):
        parts = phrase.split()
        if parts:
            out.setdefault(parts[0], []).append(parts)
    return out


def _accusing(c: ClaimView, verb: Token) -> bool:
    """An accusation verb in the content that is the speaker's own ("posted a message blaming
    Iran for the attacks"), not one of another subject ("Y blamed Z", "Kremlin threatened to
    walk out after accusing Ukraine")."""
    lemma = c.ctx.lex.verb_lemma(verb.lower_)
    if lemma is None or c.ctx.lex.act_of(lemma) != "accuse":
        return False
    cur = verb
    for _ in range(4):
        if any(ch.dep_ in ("nsubj", "nsubjpass") for ch in cur.children):
            return False
        if cur.dep_ not in _INHERIT_DEPS or cur.head.i not in c.ids:
            return True  # a message, a tweet, the content itself: the speaker's words
        cur = cur.head
    return False


def _objects(c: ClaimView, verb: Token) -> list[Ref]:
    return [r for ch in verb.children if ch.dep_ == "dobj" for r in c.phrase_refs(ch)]


def _has_child(tok: Token, word: str) -> bool:
    return any(ch.lower_ == word for ch in tok.children)


def _responsible_for(tok: Token) -> bool:
    return tok.lower_ == "responsible" and _has_child(tok, "for")


def _to_blame(tok: Token) -> bool:
    """ "Kyiv was to blame for the explosion": the predicate, not someone blaming."""
    return tok.lower_ == "blame" and tok.dep_ == "xcomp" and _has_child(tok, "to")


def _negated(tok: Token) -> bool:
    """ "did not attack", "was never pressured", "without influence", "no wrongdoing"."""
    lowered = [ch.lower_ for ch in tok.children if ch.dep_ in ("neg", "advmod", "det")]
    if any(w in _NEGATORS for w in lowered):
        return True
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "without":
        return True
    if tok.dep_ in ("acomp", "attr") and any(ch.dep_ == "neg" for ch in head.children):
        return True
    return False


def _agents(c: ClaimView, tok: Token) -> list[Ref]:
    """Who commits the wrongdoing `tok`: the subject of a verb (inherited through "attempted
    to …", "by killing …"), the "by" phrase of a passive, the owner of a noun ("Ukraine's
    attack"), the subject a predicate describes ("Jorden had been abusive")."""
    if tok.tag_.startswith("VB"):
        return _verb_agents(c, tok)
    if tok.tag_.startswith("NN"):
        refs = c.refs.of_phrase(tok, c.speaker, depth=1, preps=AGENT_PREPS)
        refs = [r for r in refs if r.name not in _sites(c, tok)]
        if refs:
            return refs
        refs = _participle_agents(c, tok)  # "a terrorist attack carried out by Ukraine"
        if refs:
            return refs
        if tok.dep_ == "attr":  # "Putin is a war criminal", "it was Kyiv's crime"
            return _subject_refs(c, tok)
        if tok.lower_ in c.ctx.lex.insults or tok.lower_.rstrip("s") in c.ctx.lex.insults:
            return []  # "accused criminals": the noun is the wrongdoer, not an actor
        verb = _governing_verb(c, tok)
        if verb is None or c.ctx.lex.verb_lemma(verb.lower_) in c.ctx.lex.speech_verbs:
            return []  # "complained of theft": who tells of a wrong did not do it
        subj = next((ch for ch in verb.children if ch.dep_ == "nsubj"), None)
        return c.phrase_refs(subj) if subj is not None else []
    if tok.dep_ in ("acomp", "attr") or _responsible_for(tok):
        return _subject_refs(c, tok)
    return []


def _sites(c: ClaimView, noun: Token) -> set[str]:
    """Places named as a compound before a wrongdoing noun: where it happened, not who did
    it ("the Benghazi attacks", "the Paris attacks"; "Russian attacks" and "Russia's attacks"
    name the attacker)."""
    out = set()
    for ch in noun.children:
        ref = c.refs.mention(ch) if ch.dep_ == "compound" and ch.i < noun.i else None
        if ref is not None and ref.label in _PLACE_LABELS:
            out.add(ref.name)
    return out


def _participle_agents(c: ClaimView, noun: Token) -> list[Ref]:
    """The "by" agent of a participle modifying the noun ("the massacre committed by X")."""
    return [
        r
        for acl in noun.children
        if acl.dep_ == "acl"
        for agent in acl.children
        if agent.dep_ == "agent"
        for obj in agent.children
        if obj.dep_ == "pobj"
        for r in c.phrase_refs(obj)
    ]


def _verb_agents(c: ClaimView, verb: Token) -> list[Ref]:
    for ch in verb.children:
        if ch.dep_ == "agent":  # "was raped by X", "gang raped by X"
            return [r for obj in ch.children if obj.dep_ == "pobj" for r in c.phrase_refs(obj)]
    if any(ch.dep_ in _PASSIVE_DEPS for ch in verb.children):
        return []
    cur = verb
    for _ in range(4):
        subj = next((ch for ch in cur.children if ch.dep_ == "nsubj"), None)
        if subj is not None:
            if subj.lower_ in _RELATIVE and cur.dep_ == "relcl":
                subj = cur.head
            return c.phrase_refs(subj)
        if cur.dep_ == "relcl":
            return c.phrase_refs(cur.head)
        if cur.dep_ not in _INHERIT_DEPS or cur.head.i == cur.i or cur.head.i not in c.ids:
            return []
        cur = cur.head
    return []


def _governing_verb(c: ClaimView, tok: Token) -> Token | None:
    """The verb a wrongdoing noun is the object of, within the content ("carried out the
    attack", "treats the rule of law with utter contempt", "plotting a wave of attacks")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in _CLIMB_DEPS or cur.head.i == cur.i or cur.head.i not in c.ids:
            return None
        cur = cur.head
        if cur.tag_.startswith("VB"):
            return cur
    return None


def _subject_refs(c: ClaimView, tok: Token) -> list[Ref]:
    """The actor a predicate is said of: "he was innocent", "Trump's declaration is
    unconstitutional" (the subject's owner)."""
    cur = tok
    for _ in range(3):
        subj = next((ch for ch in cur.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return c.phrase_refs(subj)
        if cur.head.i == cur.i:
            return []
        cur = cur.head
    return []


def wrongdoers(c: ClaimView, events: list[Event]) -> list[Ref]:
    out: list[Ref] = []
    for e in events:
        if e.kind == "wrong" and not e.negated:
            out.extend(r for r in c.others(e.agents) if all(r.name != o.name for o in out))
    return out
