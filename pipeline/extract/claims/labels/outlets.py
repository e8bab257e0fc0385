"""Which outlet an article credits for a claim (`reported_by`).

- an outlet that is the claim's only source is its speaker, not also its reporter ("according
  to Reuters", "the agency said", "DW reported": reported_by stays empty, as the analysis
  guide has it since Dec 2026);
- a claim inside an outlet's "reported"/"according to" ("Kremlin accused …, Daily Mail
  reported");
- the outlet a speaker talked to, in the claim's sentence: "told the BBC", "Speaking to
  Reuters, …", "stated to the CBC", "in an interview with Dawn", "when interviewed by the BBC",
  "as reported by Hurriyet Daily News", "in a DW report", "BBC's Jonathan Marcus said";
- later claims of the same speaker in the same paragraph keep that outlet ("He explained …").

An outlet is a name with a media word or a known outlet name (`data/speakers/`), or any
organisation in the constructions above that is not an institution ("told police" is not).

    name = reported_by(ctx, d, info, infos, refs)    # "BBC"
    name = credits.carry(d, info, name)               # or the speaker's earlier credit
"""

from __future__ import annotations

from spacy.tokens import Token

from ...speakers import SpeakerInfo
from ..context import ArticleContext
from ..decision.rules import REPORT_LEMMAS
from ..draft import Draft
from ..refs import ActorRefs

# nouns whose "with"/"by"/owner phrase names the outlet ("an interview with Dawn", "a DW report")
_MEDIUM_NOUNS = frozenset(
    "interview interviews report article story broadcast documentary podcast programme "
    "program piece column editorial".split()
)
# verbs whose "by" phrase names the outlet ("interviewed by the BBC", "as reported by …")
_BY_VERBS = frozenset("interviewed reported quoted cited published broadcast aired".split())
_TALK = ("spea", "spok", "talk")


def reported_by(
    ctx: ArticleContext,
    d: Draft,
    info: SpeakerInfo | None,
    infos: list[tuple[Draft, SpeakerInfo | None]],
    refs: ActorRefs,
) -> str | None:
    """The outlet credited for claim `d` (see the module doc), or None."""
    if info is not None and info.name and ctx.lex.is_outlet_name(info.name):
        return None  # the outlet speaks: it is the source, nobody else reports it
    nested = _reporting_outlet(ctx, d, infos)
    if nested is not None:
        return nested
    return credited_outlet(ctx, d, info, refs)


def _reporting_outlet(
    ctx: ArticleContext, d: Draft, infos: list[tuple[Draft, SpeakerInfo | None]]
) -> str | None:
    """The outlet whose "reported"/"according to" claim contains this claim's cue."""
    for other, info in infos:
        if other is d or other.lemma not in REPORT_LEMMAS:
            continue
        if info is None or info.type != "ORG" or not ctx.is_outlet(other.speaker):
            continue
        if any(s <= d.cue_char < e for s, e in other.spans):
            return info.name or info.text
    return None


def credited_outlet(
    ctx: ArticleContext, d: Draft, info: SpeakerInfo | None, refs: ActorRefs
) -> str | None:
    """The outlet the speaker talked to, named in the claim's sentence outside its content."""
    doc, starts, tags = ctx.doc, ctx.tok_starts, ctx.tags
    for i in range(*ctx.sent_bounds(d.cue_i)):
        if not tags[i].startswith("NN"):
            continue
        tok = doc[i]
        if _in_spans(starts[i], d.spans) and not _addressee(ctx, d, tok):
            continue
        position = _credit_position(ctx, d, tok, info)
        if position is None:
            continue
        name = _outlet_name(ctx, tok, refs)
        if name is not None and (position == "talked-to" or ctx.lex.is_outlet_name(name)):
            return name
    return None


def _addressee(ctx: ArticleContext, d: Draft, tok: Token) -> bool:
    """Whom the cue verb itself addresses ("told the BBC …", "described Day to the BBC"), or
    a parenthetical credit ("— as reported by X —"), even when the content was read to include
    it."""
    head = tok.head
    if head.dep_ == "agent" and head.head.lower_ in _BY_VERBS:  # "… — as reported by X — …"
        return any(ch.dep_ == "mark" and ch.lower_ == "as" for ch in head.head.children)
    if head.dep_ == "prep" and head.lower_ == "to":
        head = head.head
    return head.i == d.verb_i


def _in_spans(char: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in spans)


def _credit_position(
    ctx: ArticleContext, d: Draft, tok: Token, info: SpeakerInfo | None
) -> str | None:
    """Where `tok` stands if it names an outlet: "talked-to" (any organisation there is the
    outlet a speaker talked to: "told X", "Speaking to X", "an interview with X", "interviewed
    by X") or "owner" (only a known outlet: "BBC's Jonathan Marcus", "a DW report")."""
    head = tok.head
    lex = ctx.lex
    if tok.dep_ in ("dobj", "dative") and lex.verb_lemma(head.lower_) == "tell":
        return "talked-to"
    if tok.dep_ == "poss" and info is not None and head.i == info.head:
        return "owner"
    if tok.dep_ in ("compound", "poss", "nmod") and head.lower_ in _MEDIUM_NOUNS:
        return "owner"
    if tok.dep_ == "appos" and head.dep_ == "pobj":
        return _credit_position(ctx, d, head, info)  # "with magazine The Bark"
    if tok.dep_ != "pobj":
        return None
    gov = head.head
    word = head.lower_
    if word == "to":  # "stated to the CBC", "Speaking to Reuters", "described Day to the BBC"
        # the claim's own cue, not "admitted to hospital" nor "reported to the authorities"
        cue = gov.i == d.verb_i and lex.verb_lemma(gov.lower_) not in REPORT_LEMMAS
        if gov.tag_.startswith("VB") and (cue or gov.lower_[:4] in _TALK):
            return "talked-to"
    elif word == "with" and gov.lower_ in _MEDIUM_NOUNS:
        return "talked-to"
    elif word == "by" and gov.lower_ in _BY_VERBS:
        return "talked-to"
    return None


def _outlet_name(ctx: ArticleContext, tok: Token, refs: ActorRefs) -> str | None:
    """The outlet's name at `tok`: a known outlet, or an organisation that is not an
    institution ("the police", "the court")."""
    lex = ctx.lex
    ref = refs.mention(tok)
    if ref is not None:
        name = ref.name
        label = ref.label
    elif tok.tag_ in ("NNP", "NNPS"):
        left = tok
        while left.i > 0 and left.nbor(-1).tag_ in ("NNP", "NNPS") and left.nbor(-1).head == tok:
            left = left.nbor(-1)
        name = ctx.text[left.idx : tok.idx + len(tok.text)]
        label = "ORG"
    else:
        return None
    if lex.is_outlet_name(name):
        return name
    # the NER often takes a one-word outlet for a person or place ("told Dawn")
    if label != "ORG" and " " in name:
        return None
    words = {w.lower() for w in name.split()}
    return None if words & lex.org_nouns else name


class CreditCarry:
    """Carries an outlet credit to the speaker's next claims in the same paragraph when they
    continue it with a pronoun ("X told the CBC that … He explained that …"); a claim naming
    its speaker again starts afresh."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.text = ctx.text
        self.doc = ctx.doc
        self.last: tuple[int, str, str] | None = None  # paragraph start, speaker, outlet

    def carry(self, d: Draft, info: SpeakerInfo | None, outlet: str | None) -> str | None:
        para = self.text.rfind("\n", 0, max(d.cue_char, 0)) + 1
        speaker = info.name if info is not None else None
        if outlet is not None:
            if speaker:
                self.last = (para, speaker, outlet)
            return outlet
        pronoun = info is not None and self.doc[info.head].tag_ == "PRP"
        if self.last is not None and pronoun and self.last[:2] == (para, speaker):
            return self.last[2]
        return None
