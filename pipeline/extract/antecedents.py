"""Who "they", "the judge", "the company" and "the WHO's website" stand for.

Speakers and claim targets are often named by a plural pronoun, a role noun with "the", or a
document; the article names the actor earlier:

- "they"/"them": the last organisation or group named as a subject before, in this or the
  previous sentences ("USCIRF criticized the move. They said …"), else the plural noun
  phrase subject itself ("two French police officers … They indicated …");
- "the judge", "the governor", "the agency", "the company": the last actor the article
  described with that noun: as a title ("Judge Bernard Schwartz"), an apposition
  ("Matt Simister, Tesco's CEO"), a descriptor ("retailer Tesco") or in its name ("Saudi
  Press Agency");
- a document ("the motion", "The WHO's website", "a DW report"): its issuer when the phrase
  names one, or for "the report" the issuer of the last report the article named one for
  ("a report by Amnesty International … The report said …", "Amnesty released a report …"),
  else nobody (a document is not an actor).

    found = definite_antecedent(resolver, doc[17])     # Mention("Bernard Schwartz", ...)
"""

from __future__ import annotations

from spacy.tokens import Token

from .mention import Mention
from .pronouns import resolve_pronoun
from .speaker_state import SpeakerState

_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# descriptors that stand for an organisation of any kind
_COMPANY_NOUNS = frozenset("company firm chain retailer group business corporation".split())
# how far after a role noun the article may first name the actor (about three sentences)
_LOOKAHEAD_TOKENS = 120


def singular(tok: Token) -> str:
    low = tok.lower_
    return low[:-1] if tok.tag_ in ("NNS", "NNPS") and low.endswith("s") else low


def definite_antecedent(r: SpeakerState, head: Token) -> Mention | None:
    """The actor a definite role noun ("the judge", "the agency") refers to, if the article
    described one with that noun before (asked for the same head by several passes: kept)."""
    if head.i not in r.definite:
        r.definite[head.i] = _definite_antecedent(r, head)
    return r.definite[head.i]


def _definite_antecedent(r: SpeakerState, head: Token) -> Mention | None:
    if not any(ch.dep_ == "det" and ch.lower_ in ("the", "this", "that") for ch in head.children):
        return None
    noun = singular(head)
    lex = r.lex
    if noun not in lex.person_nouns and noun not in lex.org_nouns and noun not in _COMPANY_NOUNS:
        return None
    # a role only a person holds ("the governor") is never a place described with it
    return _described(r, head, noun in lex.person_nouns and noun not in lex.org_nouns)


_INDEFINITE = frozenset({"a", "an", "another", "any", "each", "every", "no", "some"})


def role_holder(r: SpeakerState, head: Token) -> Mention | None:
    """ "FBI director", "Donald Trump's campaign manager", "his lawyer": a role owned by an
    actor, without a determiner, as the person the article described with that role ("FBI
    Director James Comey", "Corey Lewandowski, Trump's campaign manager"), not its owner."""
    if head.tag_ != "NN" or singular(head) not in r.lex.person_nouns:
        return None
    if any(ch.dep_ == "det" and ch.lower_ in _INDEFINITE for ch in head.children):
        return None  # "a Cabinet officer": someone new, not the one described before
    if not any(
        ch.dep_ in ("poss", "compound")
        and ch.i < head.i
        and (r.token_mention[ch.i] is not None or ch.tag_ == "PRP$")
        for ch in head.children
    ):
        return None
    return _described(r, head, True)


def _described(r: SpeakerState, head: Token, person: bool) -> Mention | None:
    """The actor the article described with the noun `head` (a person only, if `person`):
    the last one named before it, else one first named shortly after."""
    noun = singular(head)
    if r.described is None:
        r.described = _descriptor_index(r)
    found = [m for m in r.described.get(noun, ()) if not person or m.label == "PERSON"]
    before = [m for m in found if m.start < head.i]
    if before:
        return _last_mentioned(r, before, head.i)
    after = found[0] if found else None
    if after is not None and r.doc[after.start].sent.start - head.sent.end < _LOOKAHEAD_TOKENS:
        return after  # "the Greek foreign minister … This Wednesday Foreign Minister X said"
    return None


def _last_mentioned(r: SpeakerState, described: list[Mention], i: int) -> Mention:
    """Of the actors described with a role before token `i`, the one the article named last
    before it as a subject, else named last ("Chris Christie, the governor" … "Whitman, the
    former governor" … "Christie refers to …" … "the governor said": Christie)."""
    names = {m.resolved for m in described}
    named = [m for m in r.mentions if m.resolved in names and m.start < i]
    named = [m for m in named if not r.in_quote[m.start]]
    subjects = [m for m in named if r.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
    last = (subjects or named or described)[-1]
    return next(m for m in reversed(described) if m.resolved == last.resolved)


def _descriptor_index(r: SpeakerState) -> dict[str, list[Mention]]:
    """Role noun -> the actor mentions outside quotations described with it, in text order."""
    index: dict[str, list[Mention]] = {}
    for m in r.mentions:
        if m.label not in _ACTOR_LABELS or r.in_quote[m.start]:
            continue
        for noun in _descriptors(r, m):
            index.setdefault(noun, []).append(m)
    return index


def _descriptors(r: SpeakerState, m: Mention) -> set[str]:
    """The nouns the article describes mention `m` with: its own words ("Saudi Press Agency"
    for "the agency"), a title before it, an apposition, a descriptor compound."""
    doc = r.doc
    out: set[str] = set()
    for w in m.text.lower().split():
        out.add(w)
        if w.endswith("s"):
            out.add(w[:-1])
    if m.label == "ORG":
        # "retailer Tesco", "UK-based retailer Tesco", "the Kaufland chain"
        window = doc[max(0, m.start - 3) : min(len(doc), m.end + 2)]
        if any(singular(t) in _COMPANY_NOUNS for t in window):
            out |= _COMPANY_NOUNS
    for t in doc[max(0, m.start - 3) : m.start]:
        if t.tag_.startswith("NN") and m.start <= t.head.i < m.end:
            out.add(singular(t))  # "Judge Bernard Schwartz", "Regional Governor Gladkov"
            # "Gov. Chris Christie" is a governor (seeds/title_abbreviations.csv)
            out.add(r.lex.title_abbreviations.get(t.lower_.rstrip("."), singular(t)))
    head = doc[m.end - 1]
    # "Matt Simister, Tesco's CEO" (an apposition of the name), "The judge …, Bernard Schwartz"
    # (the name in apposition); not a name inside an apposition ("Whitman, the former New
    # Jersey governor": New Jersey is no governor)
    described = [t for t in head.children if t.dep_ == "appos"]
    if head.dep_ == "appos":
        described.append(head.head)
    for t in described:
        out.update(singular(x) for x in t.subtree if x.tag_.startswith("NN"))
    return out


def state_of(r: SpeakerState, head: Token) -> Mention | None:
    """The place a government noun stands for ("the Ukraine government", "Ukrainian officials",
    "the Hong Kong authorities"), as the gold merges a government into its state."""
    if head.lower_ not in r.lex.government_nouns:
        return None
    for child in head.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < head.i:
            m = r.token_mention[child.i]
            if m is not None and m.label == "GPE":
                return m
    return None


def kin_name(r: SpeakerState, head: Token) -> tuple[str, int, int] | None:
    """ "her husband" -> ("Baloch's husband", start, end of "her"): a relative of a
    named person is an actor of their own, named after that person."""
    if head.lower_ not in r.lex.kin_nouns:
        return None
    for child in head.children:
        if child.dep_ != "poss":
            continue
        m = r.token_mention[child.i]
        if m is not None and m.label == "PERSON":
            owner, start, end = m.resolved, m.start_char, m.end_char
        elif child.lower_ in ("his", "her"):
            owner, start, end = resolve_pronoun(r, child)[0], child.idx, child.idx + len(child)
        else:
            continue
        if owner:
            # named after the owner's surname, as a reader would: "Baloch's husband"
            return f"{owner.split()[-1]}'s {head.lower_}", start, end
    return None


def document_issuer(r: SpeakerState, head: Token) -> Mention | None:
    """The organisation or person that issued a document ("The WHO's website", "a DW
    report", "the chain's press release"), or None."""
    for child in head.children:
        if child.dep_ in ("poss", "compound", "nmod") and child.i < head.i:
            m = r.token_mention[child.i]
            if m is not None and m.label in _ACTOR_LABELS:
                return m
            if child.tag_.startswith("NN"):
                found = definite_antecedent(r, child) if child.dep_ == "poss" else None
                if found is not None:
                    return found
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            for obj in child.children:
                m = r.token_mention[obj.i] if obj.dep_ == "pobj" else None
                if m is not None and m.label in ("ORG", "PERSON"):
                    return m
    return None


# verbs whose subject issued their object document ("Amnesty released a report")
_ISSUING_VERBS = frozenset("issued released published wrote sent posted filed produced".split())


def earlier_issuer(r: SpeakerState, head: Token) -> Mention | None:
    """For a definite document ("The report said"), the issuer of the last earlier document
    of the same noun whose issuer the article named, or None. Only a bare "the report": "the
    most recent poll", "a new study" may be another one."""
    lefts = list(head.lefts)
    if len(lefts) != 1 or lefts[0].dep_ != "det" or lefts[0].lower_ not in ("the", "this", "that"):
        return None
    noun = singular(head)
    for tok in reversed(r.doc[: head.i]):
        if tok.tag_.startswith("NN") and singular(tok) == noun and not r.in_quote[tok.i]:
            issuer = document_issuer(r, tok) or _issuing_subject(r, tok)
            if issuer is not None:
                return issuer
    return None


def _issuing_subject(r: SpeakerState, doc_noun: Token) -> Mention | None:
    """ "Amnesty released a report": the subject of an issuing verb."""
    verb = doc_noun.head
    if doc_noun.dep_ != "dobj" or verb.lower_ not in _ISSUING_VERBS:
        return None
    for ch in verb.children:
        m = r.token_mention[ch.i] if ch.dep_ == "nsubj" else None
        if m is not None and m.label in ("ORG", "PERSON", "GPE"):
            return m
    return None
