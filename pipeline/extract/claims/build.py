"""Decided drafts -> `Claim` and `ClaimTarget` records (speaker descriptions and labels)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..entities import short_hash
from ..records import Claim, ClaimTarget
from ..speakers import SpeakerInfo
from .context import ArticleContext
from .draft import Draft
from .passes import labels
from .passes.about import about
from .passes.acts import speech_act
from .passes.chains import continue_chains
from .passes.claim_view import ClaimView
from .passes.outlets import reported_by
from .refs import ActorRefs, Ref

ClaimTrace = Callable[[Claim, Draft], None]


def build_records(
    ctx: ArticleContext,
    drafts: list[Draft],
    article_id: str,
    version: str = "",
    trace: ClaimTrace | None = None,
    labeller: Any = None,
) -> tuple[list[Claim], list[ClaimTarget]]:
    """One claim per distinct (content, cue) in text order, with its targets. `labeller`
    (`extract/analysis/labeller.py`), when given, decides each claim's act and accused from
    the rules' (the labels stage's learned layer)."""
    doc, text, lex = ctx.doc, ctx.text, ctx.lex
    drafts = sorted(drafts, key=lambda d: (d.spans[0][0], d.cue_i))
    infos: list[tuple[Draft, SpeakerInfo | None]] = [
        (d, ctx.speakers.describe(d.speaker) if d.speaker is not None else None) for d in drafts
    ]
    continue_chains(ctx, infos)
    refs = ActorRefs(ctx)
    claims: list[Claim] = []
    targets: list[ClaimTarget] = []
    seen: set[str] = set()
    credits = labels.CreditCarry(ctx)
    relabel = labeller.for_article(ctx, drafts) if labeller is not None else None
    for d, info in infos:
        if d.cue_span is not None:
            cue_start, cue_end = d.cue_span
        else:
            toks = [doc[i] for i in d.cue_tokens]
            cue_start, cue_end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        cue_text = text[cue_start:cue_end]
        content = " … ".join(text[s:e] for s, e in d.spans)
        c_start, c_end = d.spans[0][0], d.spans[-1][1]
        claim_id = short_hash(article_id, c_start, c_end, cue_start)
        if claim_id in seen:
            continue
        seen.add(claim_id)
        kind = labels.kind(d, ctx.quotes, text, lex)
        speaker = speaker_ref(info)
        view = ClaimView(ctx, d, speaker, refs)
        act = speech_act(ctx, d, speaker, refs, cue_text, content, view)
        if relabel is not None:
            act = relabel.label(view, act)
        outlet = credits.carry(d, info, reported_by(ctx, d, info, infos, refs))
        claim = Claim(
            claim_id=claim_id,
            article_id=article_id,
            sentence_index=ctx.sent_index(d.cue_i),
            kind=kind,
            stance=labels.stance(kind, d, cue_text, content, lex),
            cue=cue_text,
            cue_start=cue_start,
            cue_end=cue_end,
            content=content,
            content_start=c_start,
            content_end=c_end,
            content_spans=list(d.spans),
            speaker_text=info.text if info else None,
            speaker_start=info.start_char if info else None,
            speaker_end=info.end_char if info else None,
            speaker_name=info.name if info else None,
            speaker_role=info.role if info else None,
            speaker_type=info.type if info else None,
            reported_by=outlet,
            confidence=None if d.confidence is None else round(d.confidence, 4),
            extractor_version=version,
            form=labels.form(d, ctx.quotes, text, lex),
            act=act.act,
            act_confidence=getattr(act, "confidence", None),
        )
        claims.append(claim)
        accused = {r.name for r in act.accused}
        sure = getattr(act, "accused_confidence", {})
        targets.extend(
            ClaimTarget(
                claim_id,
                article_id,
                r.name,
                r.label,
                r.start_char,
                r.end_char,
                "accused" if r.name in accused else "about",
                sure.get(r.name) if r.name in accused else None,
            )
            for r in about(view, act.accused)
            if r.name != outlet  # the outlet that reported it is not what it is about
        )
        if trace is not None:
            trace(claim, d)
    return claims, targets


def speaker_ref(info: SpeakerInfo | None) -> Ref | None:
    """The speaker as an actor reference (None when unnamed)."""
    if info is None or not info.name:
        return None
    label = info.type if info.type in ("PERSON", "ORG", "GPE") else "NORP"
    return Ref(info.name, label, info.start_char, info.end_char)
