"""Punctuation cues: "Name: statement" (headlines, transcripts) and a quotation signed with a
dash and a name ("“…” ― Krystal Correa")."""

from __future__ import annotations

import re

from ...quotes import Quote
from ..context import ArticleContext
from ..draft import Draft

_COLON_RE = re.compile(r"(?m)^([A-Z][\w.'’\- ]{0,40}?):\s+(\S.*)$")
# "” ― Name" closing a paragraph.
_SIGNATURE_RE = re.compile(
    r"[^\S\n]*([―—–]+|-{1,2})[^\S\n]*"
    r"([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,4})[^\S\n]*[.,]?[^\S\n]*(?=\n|$)"
)


def colon_claims(ctx: ArticleContext) -> list[Draft]:
    """ "Name: statement" at the start of a paragraph (headlines, transcripts)."""
    out: list[Draft] = []
    doc = ctx.doc
    for m in _COLON_RE.finditer(ctx.text):
        prefix = m.group(1).strip()
        words = prefix.split()
        if not 1 <= len(words) <= 4 or prefix.lower() in ctx.lex.label_prefixes:
            continue
        if words[0].lower() in ctx.lex.label_prefixes:
            continue
        if not all(w[0].isupper() for w in words):
            continue
        span = doc.char_span(m.start(1), m.start(1) + len(prefix), alignment_mode="expand")
        body = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if span is None or body is None or len(body) < 3:
            continue
        head = span.root
        colon = m.end(1)
        d = Draft([head.i], ":", head, content=set(range(body.start, body.end)), category="colon")
        d.cue_span = (colon, colon + 1)
        out.append(d)
    return out


def dash_signature(ctx: ArticleContext, q: Quote) -> Draft | None:
    """ "“…” ― Krystal Correa": a quotation signed with a dash and a name closing the
    paragraph (epigraphs, reader voices). The quote pass gives it the quotation as content."""
    m = _SIGNATURE_RE.match(ctx.text, q.end)
    if m is None:
        return None
    name = ctx.doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
    if name is None or len(name) == 0:
        return None
    d = Draft([name.root.i], "―", name.root, category="signature", finder="dash-signature")
    d.cue_span = (m.start(1), m.end(1))
    return d
