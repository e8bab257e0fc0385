"""Speakers named by "he"/"she" or by a definite role continue the attribution before them.

News text attributes quotations in chains: "Kidston said … “We've been working hard”, he
said." A singular personal pronoun speaker refers to the named person who spoke last in the
same paragraph (when the gender fits), more reliably than to the last person mentioned; so does
a definite role without a name ("But, the former CEO of Hewlett-Packard added, …", "The
Democratic presidential front-runner said …": `speakers/role_genders.tsv` gives the gender of
"the mother", "the congressman"). The first such speaker of a paragraph continues the last named
speaker of the paragraph right before it ("Kasich predicted … ¶ “That's not even an issue,” he
said").

    continue_chains(ctx, infos)     # SpeakerInfo names updated in place
"""

from __future__ import annotations

from bisect import bisect_right

from ...speakers import PERSONAL_PRONOUNS, SpeakerInfo
from ..context import ArticleContext
from ..draft import Draft

_DEFINITE = frozenset({"the", "this", "that"})


def paragraph_starts(text: str) -> list[int]:
    """Start offsets of the text's non-empty lines (its paragraphs), in order."""
    starts = [0] if text[:1].strip() else []
    pos = text.find("\n")
    while pos != -1:
        nxt = text.find("\n", pos + 1)
        line = text[pos + 1 : nxt if nxt != -1 else len(text)]
        if line.strip():
            starts.append(pos + 1)
        pos = nxt
    return starts


def continued_gender(ctx: ArticleContext, info: SpeakerInfo) -> str | None:
    """The gender a continuing speaker asks for ("m", "f", or "" for either), or None when the
    speaker does not continue a chain: a he/she pronoun, or a definite singular role with no
    name ("the governor", "the former CEO of Hewlett-Packard")."""
    head = ctx.doc[info.head]
    if head.tag_ == "PRP":
        return PERSONAL_PRONOUNS.get(head.lower_)
    if info.name is not None or info.type != "PERSON" or head.tag_ != "NN":
        return None
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children):
        return None
    return ctx.lex.role_genders.get(head.lower_, "")


def continue_chains(ctx: ArticleContext, infos: list[tuple[Draft, SpeakerInfo | None]]) -> None:
    """Resolve continuing speakers (`continued_gender`) to the previous named person speaker
    of the paragraph, or of the paragraph before when they open theirs; a definite role the
    article described no one with takes the person last named before it in its paragraph."""
    genders = {m.resolved: m.gender for m in ctx.mentions if m.label == "PERSON" and m.gender}
    starts = paragraph_starts(ctx.text)
    last: tuple[int, str] | None = None  # paragraph number, speaker name
    prev_para = -1  # paragraph of the claim before
    contents = [span for d, _ in infos for span in d.spans]
    for d, info in sorted(infos, key=lambda x: x[0].cue_char):
        if info is None:
            continue
        para = bisect_right(starts, max(d.cue_char, 0)) - 1
        want = continued_gender(ctx, info)
        if want is not None:
            para_start = starts[para] if para >= 0 else 0
            named = _named_before(ctx, contents, info, para_start)
            opens = prev_para != para and not _named_before(ctx, [], info, para_start)
            found = _antecedent(last, para, opens, named, info)
            gender = genders.get(found) if found else None
            if found and (not want or gender is None or gender == want):
                info.name = found
        prev_para = para
        if info.type == "PERSON" and info.name:
            last = (para, info.name)


def _antecedent(
    last: tuple[int, str] | None, para: int, opens: bool, named: list[str], info: SpeakerInfo
) -> str | None:
    """Whom a continuing speaker stands for (see `continue_chains`): the paragraph's last
    named speaker; for a definite role, else the person named last before it in the
    paragraph outside claims' contents; when it `opens` its paragraph (no claim and no person
    named before it there), the last named speaker of the paragraph before."""
    if last is not None and last[0] == para:
        return last[1]
    if info.text.lower() not in PERSONAL_PRONOUNS and named:
        return named[-1]
    return last[1] if opens and last is not None and last[0] == para - 1 else None


def _named_before(
    ctx: ArticleContext, contents: list[tuple[int, int]], info: SpeakerInfo, para_start: int
) -> list[str]:
    """The persons named in the paragraph before the speaker, outside quotations and claims'
    contents (those are what is said, not who says it), in text order; the subjects among
    them only, when there are any ("Harry M. Reid blasted Rubio and defended Cruz …": Reid)."""
    found = [
        (m.resolved, ctx.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass"))
        for m in ctx.mentions
        if m.label == "PERSON"
        and para_start <= m.start_char < info.start_char
        and not ctx.in_quote[m.start]
        and not any(s <= m.start_char < e for s, e in contents)
    ]
    subjects = [name for name, subject in found if subject]
    return subjects or [name for name, _ in found]
