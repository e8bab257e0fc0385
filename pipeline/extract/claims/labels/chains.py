"""Speakers named by "he"/"she" continue the attribution before them.

News text attributes quotations in chains: "Kidston said … “We've been working hard”, he
said." A singular personal pronoun speaker refers to the named person who spoke last in the
same paragraph (when the gender fits), more reliably than to the last person mentioned.

    continue_chains(ctx, infos)     # SpeakerInfo names updated in place
"""

from __future__ import annotations

from ...speakers import PERSONAL_PRONOUNS, SpeakerInfo
from ..context import ArticleContext
from ..draft import Draft


def continue_chains(ctx: ArticleContext, infos: list[tuple[Draft, SpeakerInfo | None]]) -> None:
    """Resolve he/she speakers to the previous named person speaker of the paragraph."""
    genders = {m.resolved: m.gender for m in ctx.mentions if m.label == "PERSON" and m.gender}
    text = ctx.text
    last: tuple[int, str] | None = None  # paragraph start, speaker name
    for d, info in sorted(infos, key=lambda x: x[0].cue_char):
        if info is None:
            continue
        para = text.rfind("\n", 0, max(d.cue_char, 0)) + 1
        head = ctx.doc[info.head]
        pronoun = PERSONAL_PRONOUNS.get(head.lower_) if head.tag_ == "PRP" else None
        if pronoun is not None and last is not None and last[0] == para:
            gender = genders.get(last[1])
            if gender is None or gender == pronoun:
                info.name = last[1]
        if info.type == "PERSON" and info.name:
            last = (para, info.name)
