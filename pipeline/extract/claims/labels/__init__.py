"""The labels stage: what each decided claim does, whom it accuses and is about, how it is
reported and which outlet reported it.

A labeller is any callable `(claim: ClaimView, labels: Labels) -> None`: it reads the claim (and
what the labellers before it set) and sets its fields of `labels`. `LABELLERS` run in order on
every decided claim; `build.py` turns the result into the `Claim` and its `ClaimTarget`s::

    labels = label_claim(view, LABELLERS)   # Labels(act="accuse", accused=[Ref("Ukraine", …)], …)

To replace a labeller or add one (a learned act/accused model, say), hand the extractor
another list, as `Extractor(decide=...)` does for the decision::

    def learned_acts(claim: ClaimView, labels: Labels) -> None:
        labels.act, labels.accused = my_model.predict(claim)   # claim.tokens, .speaker, .ctx …

    Extractor(labellers=replace_labeller(label_act, learned_acts))   # or LABELLERS + (mine,)

The learned act-and-accused model (`learned/`) is such a replacement of `label_act`, and the
extractor's default when its files load (`learned.default_labellers()`). What a labeller
computes once per article rather than per claim it keeps in `claim.article.memo(key, make)`
(`claim_view.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..refs import Ref
from .about import about
from .acts import speech_act
from .claim_view import ArticleClaims, ClaimView
from .forms import form
from .outlets import reported_by

__all__ = [
    "LABELLERS",
    "ArticleClaims",
    "ClaimView",
    "Labeller",
    "Labels",
    "label_about",
    "label_act",
    "label_claim",
    "label_form",
    "label_outlet",
    "replace_labeller",
]


@dataclass
class Labels:
    """The labels of one claim, as the labellers set them."""

    form: str = "indirect"  # how it is reported: one of records.CLAIM_FORMS
    act: str = "assert"  # what the speaker does: one of records.CLAIM_ACTS
    accused: list[Ref] = field(default_factory=list)  # the parties it blames
    about: list[Ref] = field(default_factory=list)  # the actors it is about, the accused first
    reported_by: str | None = None  # the outlet the article credits
    # calibrated probabilities that the act is right and that each accused party (by name) is
    # accused; a learned labeller sets them, the rules leave them empty
    act_confidence: float | None = None
    accused_confidence: dict[str, float] = field(default_factory=dict)
    # for each accusing act not chosen, whom the learned ranker would accuse under it, with
    # its probability ({"deny": {Ref(...): 0.7}}): a reviewed act correction takes them
    alternatives: dict[str, dict[Ref, float]] = field(default_factory=dict)


Labeller = Callable[[ClaimView, Labels], None]


def label_act(claim: ClaimView, labels: Labels) -> None:
    """The act and the accused (`acts.py`, `wrongdoings.py`)."""
    act = speech_act(
        claim.ctx, claim.d, claim.speaker, claim.refs, claim.cue_text, claim.content, claim
    )
    labels.act, labels.accused = act.act, act.accused


def label_outlet(claim: ClaimView, labels: Labels) -> None:
    """The outlet credited for the claim, or carried from the speaker's earlier claim
    (`outlets.py`)."""
    article = claim.article or ArticleClaims(claim.ctx, [(claim.d, claim.info)])
    found = reported_by(claim.ctx, claim.d, claim.info, article.infos, claim.refs)
    labels.reported_by = article.credits.carry(claim.d, claim.info, found)


def label_form(claim: ClaimView, labels: Labels) -> None:
    """How the content is reported (`forms.py`)."""
    labels.form = form(claim.d, claim.ctx.quotes, claim.ctx.text, claim.ctx.lex)


def label_about(claim: ClaimView, labels: Labels) -> None:
    """Whom the claim is about, the accused first (`about.py`); never the outlet that
    reported it."""
    found = about(claim, labels.accused)
    labels.about = [r for r in found if r.name != labels.reported_by]


# Labellers run in this order on every decided claim; later ones read earlier ones' labels
# (about reads the accused and the outlet).
LABELLERS: tuple[Labeller, ...] = (label_act, label_outlet, label_form, label_about)


def label_claim(claim: ClaimView, labellers: Sequence[Labeller] = LABELLERS) -> Labels:
    """The labels of one claim, from `labellers` in order."""
    labels = Labels()
    for labeller in labellers:
        labeller(claim, labels)
    return labels


def replace_labeller(
    old: Labeller, new: Labeller, labellers: Sequence[Labeller] = LABELLERS
) -> tuple[Labeller, ...]:
    """`labellers` with `new` in the place of `old` (a `ValueError` when `old` is not there)."""
    if old not in labellers:
        raise ValueError(f"{getattr(old, '__name__', old)!r} is not among the labellers")
    return tuple(new if labeller is old else labeller for labeller in labellers)
