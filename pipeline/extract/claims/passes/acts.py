"""What the speaker of a claim does (`act`) and whom it accuses.

Acts (values and meanings: the dbt seed `claim_acts`), decided in this order:

1. `noncommittal`: "would neither confirm nor deny", "declined to comment on …";
2. the cue's own act (`act` of `cue_verbs.tsv` / `cue_nouns.tsv`): a denial ("denied",
   "rejected"), an accusation in any wording ("accused X of", "blamed X for", "slammed",
   "criticism of X", "called X a liar"), or a hedge ("fears that", "suggested",
   "reportedly"); a bare refusal ("declined to comment") is non-committal too;
3. the content: clearing a party ("he was innocent", "she was never pressured by …") or
   rejecting a claim ("no evidence the attacks came from Yemen") is a denial; a main clause
   that is uncertain ("might", "could", "likely") a hedge; a named party committing a
   wrongdoing ("two of Ukraine's helicopters fired rockets at a depot", "she was raped by X",
   "Trump's declaration is unconstitutional") an accusation;
4. otherwise `assert`.

The accused are the parties blamed: the object of an accusation cue, else the agents of the
wrongdoings in the content, never the speaker; for a denial, the party whose wrongdoing is
denied, often the speaker ("Quirin denied any sexual activity"). Word lists: `data/acts/`::

    act = speech_act(ctx, draft, speaker, refs, cue_text, content)   # Act("accuse", [Ref(...)])
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from ..context import ArticleContext
from ..draft import Draft
from ..refs import AGENT_PREPS, ActorRefs, Ref
from .decide import empty_refusal

_PASSIVE_DEPS = frozenset({"auxpass", "nsubjpass"})
_INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "acl", "ccomp"})
_CLIMB_DEPS = frozenset({"dobj", "pobj", "prep", "attr", "npadvmod", "compound"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_NEGATORS = frozenset({"not", "n't", "never", "no", "without", "nothing"})


@dataclass
class Act:
    """A claim's act and the parties it accuses."""

    act: str
    accused: list[Ref] = field(default_factory=list)


@dataclass
class _Event:
    """A wrongdoing (or a clearing of one) in the content, with its agents."""

    kind: str  # "wrong", "innocent", "rejection"
    agents: list[Ref]
    negated: bool


class ClaimView:
    """One draft with what the act rules read."""

    def __init__(self, ctx: ArticleContext, d: Draft, speaker: Ref | None, refs: ActorRefs):
        self.ctx = ctx
        self.d = d
        self.speaker = speaker
        self.refs = refs
        starts = ctx.tok_starts
        doc = ctx.doc
        # token starts are sorted: bisect each span rather than test every token of the doc
        ids = {i for s, e in d.spans for i in range(bisect_left(starts, s), bisect_left(starts, e))}
        self.tokens = [doc[i] for i in sorted(ids)]
        self.ids = {t.i for t in self.tokens}
        heads = ctx.heads
        # the content's top tokens: their heads lie outside it (or they are the root)
        self.roots = [t for t in self.tokens if heads[t.i] not in self.ids or heads[t.i] == t.i]

    def phrase_refs(self, tok: Token) -> list[Ref]:
        return self.refs.of_phrase(tok, self.speaker)

    def others(self, refs: list[Ref]) -> list[Ref]:
        """The refs that are not the speaker."""
        name = self.speaker.name if self.speaker else None
        return [r for r in refs if r.name != name]


def speech_act(
    ctx: ArticleContext,
    d: Draft,
    speaker: Ref | None,
    refs: ActorRefs,
    cue_text: str,
    content: str,
    view: ClaimView | None = None,
) -> Act:
    """The act of one decided claim and the parties it accuses (see the module doc); `view`:
    the claim's `ClaimView` when the caller has one."""
    lex = ctx.lex
    if lex.noncommittal_re.search(cue_text) or lex.noncommittal_re.search(content[:300]):
        return Act("noncommittal")
    if empty_refusal(ctx, d):  # "declined to comment on the report"
        return Act("noncommittal")
    claim = view if view is not None else ClaimView(ctx, d, speaker, refs)
    cue_act = _cue_act(claim)
    events = _events(claim)
    if cue_act == "deny":
        return Act("deny", _denied(claim, events))
    if cue_act == "accuse":
        accused = claim.others(_cue_objects(claim)) or _wrongdoers(claim, events)
        return Act("accuse", accused)
    if cue_act == "hedge":
        return Act("hedge")
    cleared = [e for e in events if e.kind != "wrong" or e.negated]
    if cleared:
        return Act("deny", _denied(claim, cleared))
    if _hedged(claim):
        return Act("hedge")
    wrongdoers = _wrongdoers(claim, events)
    if wrongdoers:
        return Act("accuse", wrongdoers)
    return Act("assert")


# --- the cue ------------------------------------------------------------------------------------
def _cue_act(c: ClaimView) -> str | None:
    d, lex, doc = c.d, c.ctx.lex, c.ctx.doc
    if d.category == "hedge":  # "reportedly", "allegedly"
        return "hedge"
    act = lex.act_of(d.lemma)
    if act is not None:
        return act
    cue = [doc[i] for i in d.cue_tokens]
    if any(t.lower_ in lex.hedge_adverbs for t in cue):
        return "hedge"
    head = doc[d.verb_i] if d.verb_i >= 0 else cue[0]
    for child in head.children:
        if child.dep_ == "advmod" and child.lower_ in lex.hedge_adverbs:
            return "hedge"  # "X reportedly said"
    if _called_names(c, head):
        return "accuse"
    return None


def _called_names(c: ClaimView, verb: Token) -> bool:
    """ "called X a liar", "described X as a disgrace"."""
    if c.d.lemma not in ("call", "describe", "label", "brand", "dub"):
        return False
    for tok in verb.subtree:
        if tok.dep_ in ("oprd", "attr", "pobj", "dobj") and tok.lower_ in c.ctx.lex.insults:
            return True
    return False


def _cue_objects(c: ClaimView) -> list[Ref]:
    """Whom an accusation cue names: "accused Ukraine of", "Iran was blamed for",
    "criticism of the government", "slammed Trump's decision", "took a swipe at Bush"."""
    d, doc = c.d, c.ctx.doc
    out: list[Ref] = []
    if d.frame == "support-received":  # "The plan drew criticism from X": the subject
        subject = next((t for t in doc[d.verb_i].children if t.dep_ == "nsubj"), None)
        return c.phrase_refs(subject) if subject is not None else []
    if d.frame == "support":  # "pointed the finger at Russia (for …)": the preposition's object
        inside = {t.i for t in c.tokens}
        for tok in c.tokens:
            if tok.dep_ == "pobj" and tok.head.i not in inside:
                out.extend(c.phrase_refs(tok))
        return out
    head = doc[d.verb_i] if d.verb_i >= 0 else doc[d.cue_tokens[0]]
    objects = []
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            objects.append(child)
            out.extend(c.phrase_refs(child))
        elif child.dep_ == "prep" and child.lower_ in ("of", "on") and head.tag_.startswith("NN"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    objects.append(obj)
                    out.extend(c.phrase_refs(obj))
    if out or not objects:
        return out
    for tok in head.subtree:  # "attacked the proclamation … by Donald Trump"
        if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.dep_ != "agent":
            out.extend(c.phrase_refs(tok))
    return out


# --- the content --------------------------------------------------------------------------------
def _events(c: ClaimView) -> list[_Event]:
    """Wrongdoings, clearings and rejections in the content."""
    lex = c.ctx.lex
    out: list[_Event] = []
    words = [t.lower_ for t in c.tokens]
    text = " " + " ".join(words) + " "
    for phrase in lex.rejection_phrases:
        if f" {phrase} " in text:
            out.append(_Event("rejection", [], False))
    innocence = _by_first_word(lex.innocence_phrases)
    tags = c.ctx.tags
    for k, tok in enumerate(c.tokens):
        low = words[k]
        for parts in innocence.get(low, ()):
            if words[k : k + len(parts)] == parts:
                out.append(_Event("innocent", _subject_refs(c, tok), False))
        tag = tags[tok.i]
        if tag.startswith("VB") and _accusing(c, tok):
            out.append(_Event("wrong", _objects(c, tok), False))
            continue
        if tag.startswith("VB"):
            particle = lex.wrongdoing_forms.get(low)
            if particle is None or (particle and not _has_child(tok, particle)):
                continue
        elif tag.startswith(("NN", "JJ")):
            singular = low[:-1] if tag == "NNS" and low.endswith("s") else low
            if singular not in lex.wrongdoing_words and not _responsible_for(tok):
                continue
        else:
            continue
        out.append(_Event("wrong", _agents(c, tok), _negated(tok)))
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
        if refs:
            return refs
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


def _wrongdoers(c: ClaimView, events: list[_Event]) -> list[Ref]:
    out: list[Ref] = []
    for e in events:
        if e.kind == "wrong" and not e.negated:
            out.extend(r for r in c.others(e.agents) if all(r.name != o.name for o in out))
    return out


def _denied(c: ClaimView, events: list[_Event]) -> list[Ref]:
    """The party whose wrongdoing a denial rejects: the agents of the wrongdoings (or the
    cleared subject) in the content, else the speaker when the content is not a clause
    about someone else ("denied any sexual activity", "denied inciting the murder")."""
    if any(e.kind == "rejection" for e in events) and not any(e.agents for e in events):
        return []
    out: list[Ref] = []
    for e in events:
        out.extend(r for r in e.agents if all(r.name != o.name for o in out))
    if out or c.speaker is None:
        return out
    if not events and _rejects_a_finding(c):
        return []  # "disputed the correlation between …": a claim, nobody's wrongdoing
    if events:
        return [c.speaker]  # "sex had been consensual", "theft, not rape": their own
    if any(t.dep_ in ("nsubj", "nsubjpass") for t in c.tokens):
        subjects = [t for t in c.tokens if t.dep_ in ("nsubj", "nsubjpass")]
        refs = c.phrase_refs(subjects[0])
        return refs
    return [c.speaker]


def _rejects_a_finding(c: ClaimView) -> bool:
    """Is the content a noun phrase naming a claim or a finding (`acts/finding_nouns.txt`)?"""
    roots = c.roots
    if not roots or not roots[0].tag_.startswith("NN"):
        return False
    low = roots[0].lower_
    singular = low[:-1] if roots[0].tag_ == "NNS" and low.endswith("s") else low
    return singular in c.ctx.lex.finding_nouns


def _hedged(c: ClaimView) -> bool:
    """Is the content's main clause uncertain ("he might rename", "could potentially be")?"""
    lex, in_quote = c.ctx.lex, c.ctx.in_quote
    markers = lex.hedge_markers | lex.hedge_adverbs
    for root in c.roots[:1]:
        clause = [root, *(ch for ch in root.children if ch.dep_ in ("conj", "acomp", "attr"))]
        for verb in clause:
            if any(ch.dep_ == "neg" for ch in verb.children):
                continue  # "we couldn't execute" is inability, not doubt
            if verb is not root and verb.lower_ in markers and not in_quote[verb.i]:
                return True  # "the tweets are likely …"
            for ch in verb.children:
                if ch.dep_ in ("aux", "advmod") and ch.lower_ in markers and not in_quote[ch.i]:
                    return True
    return False
