"""What the speaker of a claim does (`act`) and whom it accuses.

Acts (values and meanings: the dbt seed `claim_acts`), decided in this order:

1. `noncommittal`: "would neither confirm nor deny", "declined to comment on …";
2. the cue's own act (`act` of `cue_verbs.tsv` / `cue_nouns.tsv`): a denial ("denied",
   "rejected"), an accusation in any wording ("accused X of", "blamed X for", "slammed",
   "criticism of X", "railed against X", "called X a liar", "called the attack a violation of
   international law"), or a hedge ("fears that", "suggested",
   "reportedly"); a bare refusal ("declined to comment") is non-committal too;
3. the content: clearing a party ("he was innocent", "she was never pressured by …") or
   rejecting a claim ("no evidence the attacks came from Yemen") is a denial; a main clause
   that is uncertain ("might", "could", "likely") a hedge; a named party committing a
   wrongdoing ("two of Ukraine's helicopters fired rockets at a depot", "she was raped by X",
   "Trump's declaration is unconstitutional", "Kyiv was to blame", "Putin is a war criminal")
   an accusation (`wrongdoings.py`);
4. otherwise `assert`.

The accused are the parties blamed: the object of an accusation cue (or of its preposition:
"lashed out at Pfizer"), else the agents of the
wrongdoings in the content, never the speaker; for a denial, the party whose wrongdoing is
denied, often the speaker ("Quirin denied any sexual activity"). Word lists: `data/acts/`::

    act = speech_act(ctx, draft, speaker, refs, cue_text, content)   # Act("accuse", [Ref(...)])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..context import ArticleContext
from ..decision.rules import empty_refusal
from ..draft import Draft
from ..refs import ActorRefs, Ref
from .claim_view import ClaimView
from .wrongdoings import Event, content_events, wrongdoers


@dataclass
class Act:
    """A claim's act and the parties it accuses."""

    act: str
    accused: list[Ref] = field(default_factory=list)


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
    events = content_events(claim)
    if cue_act == "deny":
        return Act("deny", _denied(claim, events))
    if cue_act == "accuse":
        accused = claim.others(_cue_objects(claim)) or wrongdoers(claim, events)
        return Act("accuse", accused)
    if cue_act == "hedge":
        return Act("hedge")
    cleared = [e for e in events if e.kind != "wrong" or e.negated]
    if cleared:
        return Act("deny", _denied(claim, cleared))
    if _hedged(claim):
        return Act("hedge")
    agents = wrongdoers(claim, events)
    if agents:
        return Act("accuse", agents)
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
    """ "called X a liar", "described X as a disgrace", "called the attack a violation of
    international law": the name is an insult or a wrongdoing."""
    if c.d.lemma not in ("call", "describe", "label", "brand", "dub"):
        return False
    lex = c.ctx.lex
    for tok in verb.subtree:
        if tok.dep_ in ("oprd", "attr", "pobj", "dobj") and tok.lower_ in lex.insults:
            return True
        if tok.lower_ in lex.wrongdoing_words and (
            tok.dep_ in ("oprd", "attr") and tok.head.i == verb.i or tok.head.lower_ == "as"
        ):
            return True  # the name itself, not a wrong the clause mentions
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
    if d.frame.startswith("p:") and not any(ch.dep_ == "dobj" for ch in head.children):
        # "railed against Wall Street", "lashed out at Pfizer" (not "denounced X as Y")
        preps = [doc[i] for i in d.cue_tokens if doc[i].dep_ == "prep"]
        return [r for p in preps for o in p.children if o.dep_ == "pobj" for r in c.phrase_refs(o)]
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


def _denied(c: ClaimView, events: list[Event]) -> list[Ref]:
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
