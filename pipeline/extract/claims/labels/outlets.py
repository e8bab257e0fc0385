"""Which outlet an article credits for a claim (`reported_by`).

- an outlet that is the claim's only source is its speaker, not also its reporter ("according
  to Reuters", "the agency said", "DW reported": reported_by stays empty, as the analysis
  guide has it since Dec 2026);
- a claim inside an outlet's "reported"/"according to" ("Kremlin accused …, Daily Mail
  reported");
- the outlet a speaker talked to, in the claim's sentence: "told the BBC", "Speaking to
  Reuters, …", "stated to the CBC", "in an interview with Dawn", "when interviewed by the BBC",
  "as reported by Hurriyet Daily News", "in a DW report", "BBC's Jonathan Marcus said";
- a show or network the speaker was on ("said on CNN", "on MSNBC's “Morning Joe”", "told “Fox
  and Friends”": the network, `speakers/shows.tsv`), sat down with ("Sitting down with MSNBC's
  …"), a publication the claim appeared in ("In an article from Politico", "In the April
  issue of The Atlantic"), the outlet a writer belongs to ("Jonah Goldberg of the National
  Review");
- later claims of the same speaker in the same paragraph keep that outlet (`credits.py`).

An outlet is a name with a media word or a known outlet name (`data/speakers/`), or any
organisation in the constructions above that is not an institution ("told police" is not).

    credit = reported_by(ctx, d, info, infos, refs)   # Credit("BBC", interview=False)
    name = credits.carry(d, info, credit)               # or the speaker's earlier credit
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ...speakers import SpeakerInfo
from ..context import ArticleContext
from ..decision.rules import REPORT_LEMMAS
from ..draft import Draft
from ..refs import ActorRefs

# nouns whose "with"/"by"/owner phrase names the outlet ("an interview with Dawn", "a DW report")
_MEDIUM_NOUNS = frozenset(
    "interview interviews report article story broadcast documentary podcast programme "
    "program piece column editorial sit-down conversation appearance panel".split()
)
# an interview frames the paragraph: its credit covers the speaker's later claims there
_INTERVIEW_NOUNS = frozenset("interview interviews sit-down conversation appearance".split())
# publications whose "of"/"from" phrase names the outlet ("the April issue of The Atlantic")
_PUBLICATION_NOUNS = frozenset(
    "article story column piece op-ed editorial issue edition episode segment report".split()
)
# verbs whose "by" phrase names the outlet ("interviewed by the BBC", "as reported by …")
_BY_VERBS = frozenset("interviewed reported quoted cited published broadcast aired".split())
_TALK = ("spea", "spok", "talk")
# verbs whose "with" phrase is whom the speaker talked to ("Sitting down with MSNBC's …")
_WITH_VERBS = ("spea", "spok", "talk", "sit", "sat", "chat")


@dataclass(frozen=True)
class Credit:
    """An outlet credited for a claim; `interview`: it frames the paragraph ("in an interview
    with The Post"), so the speaker's later claims there keep it."""

    outlet: str
    interview: bool = False


def reported_by(
    ctx: ArticleContext,
    d: Draft,
    info: SpeakerInfo | None,
    infos: list[tuple[Draft, SpeakerInfo | None]],
    refs: ActorRefs,
) -> Credit | None:
    """The outlet credited for claim `d` (see the module doc), or None."""
    if info is not None and info.name and ctx.lex.is_outlet_name(info.name):
        return None  # the outlet speaks: it is the source, nobody else reports it
    nested = _reporting_outlet(ctx, d, infos)
    if nested is not None:
        return Credit(nested)
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
) -> Credit | None:
    """The outlet the speaker talked to, named in the claim's sentence outside its content,
    or the network of a show quoted in it ('told "Meet the Press"')."""
    doc, starts, tags = ctx.doc, ctx.tok_starts, ctx.tags
    first, last = ctx.sent_bounds(d.cue_i)
    network = _quoted_show(ctx, doc[first].idx, doc[last - 1].idx + len(doc[last - 1]))
    if network is not None:
        return Credit(network)
    for i in range(first, last):
        if not tags[i].startswith("NN"):
            continue
        tok = doc[i]
        if _in_spans(starts[i], d.spans) and not _addressee(ctx, d, tok):
            continue
        position = _credit_position(ctx, d, tok, info)
        if position is None:
            continue
        name = outlet_name(ctx, tok, refs)
        if name is not None and (position == "talked-to" or ctx.lex.is_outlet_name(name)):
            return Credit(name, _in_interview(tok))
    return None


def _quoted_show(ctx: ArticleContext, start: int, end: int) -> str | None:
    """The network of a show whose title is a quotation between `start` and `end`."""
    for q in ctx.quotes_overlapping(start, end):
        title = ctx.text[q.start : q.end].strip(" \"'“”‘’,.").lower().removeprefix("the ")
        if title in ctx.lex.show_networks:
            return ctx.lex.show_networks[title]
    return None


def _in_interview(tok: Token) -> bool:
    """Is the outlet named as the other side of an interview ("an interview with The Post")?"""
    return any(t.lower_ in _INTERVIEW_NOUNS for t in (tok.head, tok.head.head))


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
    by X") or "owner" (only a known outlet or show: "BBC's Jonathan Marcus", "a DW report",
    "said on CNN", "Jonah Goldberg of the National Review")."""
    head = tok.head
    lex = ctx.lex
    if tok.dep_ in ("dobj", "dative") and lex.verb_lemma(head.lower_) == "tell":
        return "talked-to"
    if tok.dep_ == "poss" and info is not None and head.i == info.head:
        return "owner"
    if tok.dep_ in ("compound", "poss", "nmod") and head.lower_ in _MEDIUM_NOUNS:
        return "owner"
    if tok.dep_ == "poss" and head.dep_ in ("pobj", "dobj") and head.i != tok.i:
        # the network of a show: "on MSNBC's “Morning Joe”", "Sitting down with MSNBC's …"
        return "owner" if _credit_position(ctx, d, head, info) else None
    if tok.dep_ == "appos" and head.dep_ == "pobj":
        return _credit_position(ctx, d, head, info)  # "with magazine The Bark"
    if tok.dep_ != "pobj":
        return None
    return _object_position(ctx, d, tok, info)


def _object_position(
    ctx: ArticleContext, d: Draft, tok: Token, info: SpeakerInfo | None
) -> str | None:
    """The position of a preposition's object (see `_credit_position`)."""
    head = tok.head
    gov = head.head
    word = head.lower_
    lex = ctx.lex
    if word == "to":  # "stated to the CBC", "Speaking to Reuters", "described Day to the BBC"
        # the claim's own cue, not "admitted to hospital" nor "reported to the authorities"
        cue = gov.i == d.verb_i and lex.verb_lemma(gov.lower_) not in REPORT_LEMMAS
        if gov.tag_.startswith("VB") and (cue or gov.lower_[:4] in _TALK):
            return "talked-to"
    elif word == "with" and (gov.lower_ in _MEDIUM_NOUNS or _talks_with(gov)):
        return "talked-to"
    elif word == "by" and gov.lower_ in _BY_VERBS:
        return "talked-to"
    elif word == "on" and (gov.tag_.startswith("VB") or gov.ent_type_ == "DATE"):
        return "owner"  # "said on CNN", "On Dec. 7 on MSNBC, Bush said"
    elif word in ("of", "from", "in") and gov.lower_ in _PUBLICATION_NOUNS:
        # "In an article from Politico", "the April issue of The Atlantic", "in a guest
        # column in Saturday's New York Times"
        return "owner"
    elif word == "of" and info is not None and info.start_char <= gov.idx < info.end_char:
        return "owner"  # a writer's outlet: "Jonah Goldberg of the anti-Trump National Review"
    return None


def _talks_with(gov: Token) -> bool:
    """ "spoke with", "talking with", "Sitting down with": a verb of talking to someone."""
    return gov.tag_.startswith("VB") and gov.lower_.startswith(_WITH_VERBS)


def outlet_name(ctx: ArticleContext, tok: Token, refs: ActorRefs) -> str | None:
    """The outlet's name at `tok`: the network of a known show (`speakers/shows.tsv`), a known
    outlet, or an organisation that is not an institution ("the police", "the court")."""
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
    for key in _show_key(ctx, tok, name):
        if key in lex.show_networks:
            return lex.show_networks[key]
    if lex.is_outlet_name(name):
        return name
    # the NER often takes a one-word outlet for a person or place ("told Dawn")
    if label != "ORG" and " " in name:
        return None
    words = {w.lower() for w in name.split()}
    return None if words & lex.org_nouns else name


def _show_key(ctx: ArticleContext, tok: Token, name: str) -> tuple[str, str]:
    """A show's title as `speakers/shows.tsv` keys it, from the name and from the words of its
    phrase (quotes, "the" and the network's possessive dropped): “Fox and Friends” -> "fox and
    friends", CNN's “State of the Union” -> "state of the union"."""
    phrase = ctx.doc[tok.left_edge.i : tok.right_edge.i + 1]
    words = [t.lower_ for t in phrase if not t.is_punct and t.dep_ not in ("poss", "case", "det")]
    return name.lower().removeprefix("the "), " ".join(words)
