"""What the act model and the accused ranker see of one claim: features that carry meaning
beyond the words of the training articles.

- the rules' own act and the cue's act (`acts.py`, the cue tables): rules stay where precise;
- word classes of the content: WordNet wrongdoing / wrongdoer / accusation / denial senses and
  VADER valence (`words.py`), negation, modal hedges, questions, quotation share;
- syntax: an actor that is the agent of a wrongdoing (subject of a wrong verb, "by" agent of a
  passive one, owner of a wrong noun), the subject of a negative predicate ("X is a liar"),
  the object of an accusation verb, the victim (object of a wrong verb), the target of a
  sanction ("X should be prosecuted", "X must resign", "X's impeachment"), a sanction
  called for under a modal ("should", "must"), and the speaker's own side (an actor named
  in the speaker's phrase or its affiliation: "Rubio's campaign" seldom accuses Rubio);
- encoder states (`encoder/`): the content's mean and the cue's mean (L2-normalised), for the
  act. The ranker reads no states: without a candidate's mention states its out-of-fold
  edges F1 was 0.371 / 0.404 against 0.375 / 0.395 (five fold seeds, Dec 8), and the encoder
  then needs only the claim's own sentences.

Candidates for the accused are the claim's actors: the content's actor references, the rules'
accused (the cue's object: "accused Ukraine of …"), the speaker (a denial of one's own
wrongdoing), the actors of the cue's sentence and the one before, and the holder of a role
the content names by its owner ("Donald Trump's campaign manager": `references.py`, marked
`reference=role` with how many sentences back it was named). (Actors of the four
sentences before those, with their distance and how often the article names them, were
tried: out of fold +0.01 edges F1 on the political set, -0.01 on the general one, and
cross-set accused F1 -0.05 on the general set; left out.) Example::

    feats = claim_features(view, rules_act, rules_accused, words)   # dense: zeros
    feats.dense = claim_dense(view, states)                          # when the act reads them
    feats.sparse["rules=accuse"], feats.dense.shape, [c.ref.name for c in feats.candidates]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.tokens import Token

from ....encoder import TokenStates
from ....names import strip_possessive
from ...refs import Ref
from ..about import about
from ..claim_view import ClaimView
from ..references import ReferenceCandidate, reference_candidates
from .words import AnalysisLexicons

_NEGATORS = frozenset({"not", "n't", "never", "no", "nothing", "without", "nobody"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
# heads of "to" + a sanction that make it a demand ("has to resign", "urged X to resign")
_CALLS_FOR = frozenset({"have", "need", "ought", "urge", "demand", "call"})
WIDTH = 384


@dataclass
class Candidate:
    """One actor that may be the accused, with its features."""

    ref: Ref
    sparse: dict[str, float]


@dataclass
class ClaimFeatures:
    """A claim's features, its accused candidates and its content's actor names."""

    sparse: dict[str, float]
    dense: np.ndarray
    candidates: list[Candidate] = field(default_factory=list)
    content_refs: list[Ref] = field(default_factory=list)
    # the fine-tuned act classifier's logits over the acts, when it runs (never recorded for
    # training: out of fold they come from a classifier that did not see the article)
    act_logits: np.ndarray | None = None


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return (v / n).astype(np.float32) if n else v.astype(np.float32)


def _pos(tok: Token) -> str | None:
    tag = tok.tag_
    return "v" if tag.startswith("VB") else "n" if tag.startswith("NN") else None


def word_classes(tok: Token, words: AnalysisLexicons) -> frozenset[str]:
    pos = _pos(tok)
    return words.classes(tok.lower_, pos) if pos else frozenset()


def _negated(tok: Token) -> bool:
    return any(ch.dep_ == "neg" or ch.lower_ in _NEGATORS for ch in tok.children)


def claim_sparse(view: ClaimView, rules_act: str, words: AnalysisLexicons) -> dict[str, float]:
    """The claim-level features of the module doc (cue, rules, word classes, syntax)."""
    ctx, d = view.ctx, view.d
    lex = ctx.lex
    f: dict[str, float] = {f"rules={rules_act}": 1.0, "bias": 1.0}
    f[f"cue_act={lex.act_of(d.lemma) or 'none'}"] = 1.0
    f[f"category={d.category}"] = 1.0
    cue_tok = ctx.doc[d.verb_i] if d.verb_i >= 0 else ctx.doc[d.cue_i]
    for cls in word_classes(cue_tok, words):
        f[f"cue_wn={cls}"] = 1.0
    f["cue_valence"] = words.valence(cue_tok.lower_) / 4
    f["speaker"] = float(view.speaker is not None)
    if view.speaker is not None:
        f[f"speaker={view.speaker.label}"] = 1.0
    toks = view.tokens
    if not toks:
        return f
    quoted = sum(ctx.in_quote[t.i] for t in toks) / len(toks)
    f["quoted"] = quoted
    counts: dict[str, float] = {}
    neg_val = 0.0
    for t in toks:
        low = t.lower_
        for cls in word_classes(t, words):
            key = f"wn_{cls}" + ("_neg" if _negated(t) else "")
            counts[key] = counts.get(key, 0.0) + 1
        v = words.valence(low)
        if v <= -1.0:
            counts["neg_words"] = counts.get("neg_words", 0.0) + 1
            neg_val = min(neg_val, v)
        elif v >= 1.0:
            counts["pos_words"] = counts.get("pos_words", 0.0) + 1
        if low in _NEGATORS or t.dep_ == "neg":
            counts["negation"] = counts.get("negation", 0.0) + 1
        if low in lex.hedge_markers or low in lex.hedge_adverbs:
            counts["hedge_in_quote" if ctx.in_quote[t.i] else "hedge"] = 1.0
    for key, n in counts.items():
        f[key] = min(n, 3.0) / 3
    f["min_valence"] = neg_val / 4
    f["sanction_called"] = float(any(_called_sanction(t, words) for t in toks))
    f["question"] = float(any(t.text == "?" for t in toks))
    f["root_negated"] = float(any(_negated(r) for r in view.roots[:1]))
    f["length"] = min(len(toks), 60) / 60
    return f


def _called_sanction(tok: Token, words: AnalysisLexicons) -> bool:
    """A sanction verb under a modal ("should be prosecuted", "must resign") or called for
    ("has to resign", "urged him to resign"): what the speaker wants done to its target."""
    if "sanction" not in word_classes(tok, words) or not tok.tag_.startswith("VB"):
        return False
    return any(
        ch.dep_ == "aux"
        and (ch.tag_ == "MD" or ch.lower_ == "to" and tok.head.lemma_ in _CALLS_FOR)
        for ch in tok.children
    )


def _sanction_target(tok: Token, head_cls: frozenset[str]) -> bool:
    """`tok` is whom a sanction falls on: the object of a sanction verb ("prosecute X"), the
    subject of a passive one ("X should be jailed") or of one without object ("X must
    resign"), the owner of a sanction noun ("X's impeachment", "the prosecution of X")."""
    if "sanction" not in head_cls:
        return False
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "poss"):
        return True
    if tok.dep_ == "nsubj":
        return head.tag_.startswith("VB") and not any(c.dep_ == "dobj" for c in head.children)
    return False


def _mention_root(view: ClaimView, ref: Ref) -> Token | None:
    """The token of the reference's span whose head lies outside it."""
    ctx = view.ctx
    i0 = ctx.token_at_char(ref.start_char)
    i1 = ctx.token_at_char(max(ref.end_char - 1, ref.start_char))
    span = range(max(i0, 0), i1 + 1)
    for i in span:
        if ctx.heads[i] not in span or ctx.heads[i] == i:
            return ctx.doc[i]
    return ctx.doc[i0] if i0 >= 0 else None


def _role_features(tok: Token, words: AnalysisLexicons) -> dict[str, float]:
    """Where an actor mention stands towards wrongdoings and judgements."""
    f: dict[str, float] = {f"dep={tok.dep_}": 1.0}
    head = tok.head
    head_cls = word_classes(head, words)
    if _sanction_target(tok, head_cls):
        f["target_of_sanction"] = 1.0
    elif tok.dep_ == "pobj" and head.lower_ in ("of", "for"):
        if "sanction" in word_classes(head.head, words):  # "the impeachment of X"
            f["target_of_sanction"] = 1.0
    if tok.dep_ in _SUBJ:
        if tok.dep_ == "nsubj" and "wrong" in head_cls:
            f["agent_of_wrong"] = 1.0
        if tok.dep_ == "nsubjpass" and "wrong" in head_cls:
            f["victim"] = 1.0
        for ch in head.children:  # "X is a liar", "X was responsible", "X's plan is a disaster"
            if ch.dep_ in ("attr", "acomp", "oprd"):
                if words.valence(ch.lower_) <= -1.0 or word_classes(ch, words) & {
                    "wrong",
                    "wrongdoer",
                }:
                    f["subject_of_negative"] = 1.0
        if "accuse" in head_cls:
            f["subject_of_accuse"] = 1.0
        if _negated(head):
            f["subject_negated"] = 1.0
    elif tok.dep_ == "pobj" and head.lower_ == "by" and head.dep_ == "agent":
        if "wrong" in word_classes(head.head, words):
            f["agent_of_wrong"] = 1.0
    elif tok.dep_ == "dobj":
        if "wrong" in head_cls:
            f["victim"] = 1.0
        if "accuse" in head_cls:
            f["object_of_accuse"] = 1.0
    elif tok.dep_ == "poss":
        if head_cls & {"wrong", "wrongdoer"} or words.valence(head.lower_) <= -1.0:
            f["owner_of_negative"] = 1.0
    elif tok.dep_ == "pobj" and head.head is not None:
        gov = head.head
        if "accuse" in word_classes(gov, words) or words.valence(gov.lower_) <= -1.0:
            f["object_of_negative"] = 1.0
    return f


def speaker_side(view: ClaimView) -> set[str]:
    """Actors the speaker speaks for: named in the speaker's own phrase ("Rubio's campaign",
    "The Biden campaign", "Clinton spokeswoman Jennifer Palmieri") or its affiliation
    ("Fox News' Bill Sammon"). Supporters seldom accuse whom they speak for."""
    info, ctx = view.info, view.ctx
    if info is None or info.end_char <= info.start_char:
        return set()
    i0 = ctx.token_at_char(info.start_char)
    i1 = ctx.token_at_char(info.end_char - 1)
    own = view.speaker.name if view.speaker else None
    # a capitalised word the NER left untagged here but named elsewhere ("Fields' lawyers")
    named = {m.text: m.resolved for m in ctx.speakers.mentions if m.resolved}
    out: set[str] = set()
    for tok in ctx.doc[max(i0, 0) : i1 + 1]:
        ref = view.refs.mention(tok)
        name = ref.name if ref is not None else named.get(tok.text) if tok.is_title else None
        if name and name != own:
            out.add(name)
    for word in (info.name or "").split():  # the name given a "who": "Fields's lawyers"
        name = named.get(strip_possessive(word))
        if name and name != own:
            out.add(name)
    affiliated = view.refs.affiliation(own) if own else None
    if affiliated is not None:
        out.add(affiliated.name)
    return out


def candidate_features(
    view: ClaimView,
    ref: Ref,
    rank: int,
    rules_accused: set[str],
    words: AnalysisLexicons,
    reference: ReferenceCandidate | None = None,
) -> Candidate:
    """The ranker's features of one actor of the claim (`reference`: how the content refers
    to it, when only a role its owner gives does: "Donald Trump's campaign manager")."""
    is_speaker = view.speaker is not None and ref.name == view.speaker.name
    f: dict[str, float] = {"bias": 1.0, f"label={ref.label}": 1.0}
    f["speaker_side"] = float(not is_speaker and ref.name in speaker_side(view))
    if reference is not None:
        f[f"reference={reference.kind}"] = 1.0
        f["reference_back"] = min(reference.sentences_back, 4) / 4
    f["rules_accused"] = float(ref.name in rules_accused)
    f["is_speaker"] = float(is_speaker)
    inside = any(s <= ref.start_char and ref.end_char <= e for s, e in view.d.spans)
    f["in_content"] = float(inside)
    if not inside and not is_speaker:
        k_ref = view.ctx.sent_of_char(ref.start_char)
        f["previous_sentence"] = float(k_ref < view.ctx.sent_index(view.d.cue_i))
    f["rank"] = min(rank, 5) / 5
    f["first"] = float(rank == 0)
    tok = _mention_root(view, ref)
    if tok is not None:
        f["in_quote"] = float(view.ctx.in_quote[tok.i])
        f["pronoun"] = float(tok.tag_ in ("PRP", "PRP$"))
        f.update(_role_features(tok, words))
    return Candidate(ref, f)


def claim_features(
    view: ClaimView,
    rules_act: str,
    rules_accused: list[Ref],
    words: AnalysisLexicons,
) -> ClaimFeatures:
    """Everything the learned layer needs of one claim but its encoder states (the dense
    block is zeros until `claim_dense` fills it; see the module doc)."""
    sparse = claim_sparse(view, rules_act, words)
    content_refs = about(view, [])
    seen: dict[str, Ref] = {}
    speaker = [view.speaker] if view.speaker else []
    context = context_refs(view)
    for ref in [*rules_accused, *content_refs, *speaker, *context]:
        seen.setdefault(ref.name, ref)
    references = {r.ref.name: r for r in reference_candidates(view, set(seen))}
    for name, found in references.items():
        seen[name] = found.ref
    accused_names = {r.name for r in rules_accused}
    order = {r.name: k for k, r in enumerate(content_refs)}
    candidates = [
        candidate_features(
            view, ref, order.get(name, 5), accused_names, words, references.get(name)
        )
        for name, ref in seen.items()
    ]
    # the act features read the other candidates only: a role's holder is the ranker's to
    # weigh, not evidence of the act (with it, act accuracy moved for no gain in edges)
    named = [c for c in candidates if c.ref.name not in references]
    sparse["n_candidates"] = min(len(named), 5) / 5
    for cand in named:  # the claim has an actor in this role ("X is a liar": accuse)
        if cand.sparse.get("is_speaker") or not cand.sparse.get("in_content"):
            continue
        for key in _ROLE_KEYS:
            if cand.sparse.get(key):
                sparse[f"some_{key}"] = 1.0
    return ClaimFeatures(sparse, claim_dense(view, None), candidates, content_refs)


def rules_act_of(sparse: dict[str, float]) -> str | None:
    """The rules' act the features record (`rules=ACT`, `claim_sparse`)."""
    return next((k[6:] for k in sparse if k.startswith("rules=")), None)


def claim_dense(view: ClaimView, states: TokenStates | None) -> np.ndarray:
    """The act's encoder features: the content's and the cue's mean states (zeros without
    states)."""
    if states is None:
        return np.zeros(2 * WIDTH, dtype=np.float32)
    d = view.d
    content = _unit(states.mean(t.i for t in view.tokens))
    cue = _unit(states.mean(d.cue_tokens if d.verb_i < 0 else [d.verb_i, *d.cue_tokens]))
    return np.concatenate([content, cue])


_ROLE_KEYS = (
    "agent_of_wrong",
    "subject_of_negative",
    "object_of_accuse",
    "owner_of_negative",
    "object_of_negative",
    "victim",
)


def context_refs(view: ClaimView) -> list[Ref]:
    """Actors named near the claim but outside its content: the rest of the cue's sentence
    and the sentence before it (an accusation's target is often the paragraph's topic:
    "Sacoolas left the country. 'She didn't purposely drive …', the mother said")."""
    ctx = view.ctx
    start, end = ctx.sent_bounds(view.d.cue_i)
    k = ctx.sent_index(view.d.cue_i)
    if k > 0:
        start = ctx.sent_bounds(start - 1)[0]
    out: list[Ref] = []
    for i in range(start, end):
        if i in view.ids:
            continue
        ref = view.refs.mention(ctx.doc[i])
        if ref is not None and all(r.name != ref.name for r in out):
            out.append(ref)
    return out
