"""Actors a claim's content refers to without naming them: candidates for its accused.

The accused of an accusation is often not named in its content but referred to by a role
its owner gives it: "allegations against Donald Trump's campaign manager, who allegedly
assaulted a reporter" accuse Corey Lewandowski, "FBI director acted as 'judge and jury'"
James Comey. `about.py` reads only the owner there (Donald Trump, the FBI); the accused
ranker also gets the role's holder, the person the article described with that role
(`antecedents.role_holder`: "Corey Lewandowski, Trump's campaign manager", "FBI Director
James Comey"), marked with how it was found and how many sentences back it was named.

Other readings were measured and left out (out of fold, the candidates' own precision on the
gold's accusations and denials): the nearest person of the pronoun's gender named before a
"he"/"she" of the content (40 candidates, none accused: `about` already resolves the
pronoun, and its second reading is wrong), the persons of the nearest coordination or the
nearest group before a "they" (28, 2 accused; politics edges F1 0.383 -> 0.372 with roles;
the coordination alone, "Quirin and Redouane … 'they raped me'": 0.383 -> 0.380, five fold
seeds 0.377 -> 0.376, general unchanged: its claims are called assert),
the nearest organisation before "the panel", "this organisation" (10, none accused), and a
noun for people no actor stands for ("her aides", "foreign officials", WordNet's person
closure: 187, 6 accused; edges F1 -0.01 on both sets). Only actors the claim's other
candidates do not already hold are added. Example::

    found = reference_candidates(view, known={"Donald Trump", "Ted Cruz"})
    [(r.ref.name, r.kind, r.sentences_back) for r in found]    # [("Corey Lewandowski", "role", 2)]
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ...antecedents import role_holder
from ..refs import Ref
from .claim_view import ClaimView


@dataclass(frozen=True)
class ReferenceCandidate:
    """An actor a phrase of the content refers to: the phrase's span, how it was found and how
    many sentences before the phrase the actor was named (0 when named after it)."""

    ref: Ref
    kind: str  # "role"
    sentences_back: int


def reference_candidates(view: ClaimView, known: set[str]) -> list[ReferenceCandidate]:
    """The role holders of the content's owned roles (module doc), new actors only."""
    out: list[ReferenceCandidate] = []
    seen = set(known)
    if view.speaker is not None:
        seen.add(view.speaker.name)
    tm = view.refs.token_mention
    for tok in view.tokens:
        if not view.ctx.tags[tok.i].startswith("NN") or tm[tok.i] is not None:
            continue
        holder = role_holder(view.ctx.speakers, tok)
        if holder is None or not holder.resolved or holder.resolved in seen:
            continue
        seen.add(holder.resolved)
        back = max(view.ctx.sent_index(tok.i) - view.ctx.sent_index(holder.start), 0)
        ref = Ref(holder.resolved, holder.label, *_phrase(tok))
        out.append(ReferenceCandidate(ref, "role", back))
    return out


def _phrase(tok: Token) -> tuple[int, int]:
    """The characters of the role phrase, from its owner ("Donald Trump's campaign manager")."""
    first = min((ch.left_edge for ch in tok.lefts), key=lambda t: t.i, default=tok)
    return first.idx, tok.idx + len(tok.text)
