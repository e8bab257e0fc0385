"""HTML pieces repeated thousands of times per build, as plain f-strings (Jinja macros in these
loops were most of the build time at 10k articles). Every value is escaped here.

    claim_row("../", {"claim_id": "c1", "article_id": "a1", "act": "deny", ...}, False)
"""

from __future__ import annotations

from html import escape


def actor_link(root: str, actor_id: str | None, name: str | None) -> str:
    """A link to the actor's page, or the plain name when there is no actor."""
    label = escape(name or actor_id or "")
    return f'<a class="actor" href="{root}p/{actor_id}.html">{label}</a>' if actor_id else label


def _speaker(root: str, c: dict) -> str:
    name = c["speaker_name"] or c["speaker_mention"] or "(unattributed)"
    cue = f' <span class="cue">{escape(c["cue"])}</span>' if c["cue"] else ""
    return actor_link(root, c["speaker_actor_id"], name) + cue


def _badges(c: dict) -> str:
    conf = c["confidence"]
    conf_html = (
        f' <span class="conf" title="confidence">{conf:.2f}</span>' if conf is not None else ""
    )
    return (
        f'<span class="act act-{c["act"]}">{c["act"]}</span> '
        f'<span class="form">{c["form"]}</span>{conf_html}'
    )


def claim_row(root: str, c: dict, with_confidence: bool) -> str:
    """One row of an actor page's claims table (c has a "snippet" of its content)."""
    conf = c["confidence"]
    conf_cell = (
        (f'<td><span class="conf">{conf:.2f}</span></td>' if conf is not None else "<td></td>")
        if with_confidence
        else ""
    )
    return (
        f'<tr><td class="date">{c["day"] or ""}</td><td>{_speaker(root, c)}</td>'
        f'<td><span class="act act-{c["act"]}">{c["act"]}</span></td>'
        f'<td class="form">{c["form"]}</td>'
        f'<td><a href="{root}a/{c["article_id"]}.html#c{c["claim_id"]}">'
        f"{escape(c['snippet'])}</a></td>{conf_cell}</tr>"
    )


def _people(root: str, people: list | None) -> str:
    return ", ".join(actor_link(root, actor_id, name) for actor_id, name in people or [])


def claim_card(root: str, i: int, c: dict) -> str:
    """The box beside an article's text describing claim `i`: speaker, act, form, parties."""
    facts = []
    if c["speaker_mention"] and c["speaker_mention"] != c["speaker_name"]:
        facts.append(("as written", escape(c["speaker_mention"])))
    if c["speaker_role"]:
        facts.append(("role", escape(c["speaker_role"])))
    if c["accused"]:
        facts.append(("accused", _people(root, c["accused"])))
    if c["about"]:
        facts.append(("about", _people(root, c["about"])))
    if c["reported_by"]:
        facts.append(("reporter", actor_link(root, c["reported_by_actor_id"], c["reported_by"])))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    return (
        f'<div class="claim" id="c{c["claim_id"]}" data-i="{i}">'
        f'<div class="claim-head"><span class="num">{i + 1}</span> {_speaker(root, c)} '
        f"{_badges(c)}</div>"
        f'<p class="content">{escape(c["content"])}</p><dl>{dl}</dl></div>'
    )
