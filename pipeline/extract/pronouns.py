"""Which earlier actor a pronoun speaker stands for: the pronoun half of speaker resolution.

Personal pronouns ("he", "she", "it") resolve to an earlier entity of the article by recency,
subject preference and gender hints, or to the named subject of the reporting verb ("Anwar said
she believed ..."); "they" to a plural antecedent; relative pronouns ("who") to the noun they
modify::

    resolve_pronoun(state, doc[17])   # -> ("Vyacheslav Gladkov", "PERSON")
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon
from .mention import Mention
from .speaker_state import SpeakerState

PERSONAL_PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
}
GROUP_PRONOUNS = frozenset({"they", "them", "we", "us"})
FIRST_PERSON = frozenset({"i", "me", "we", "us"})
# who may be "they": an organisation or a group
_PLURAL_SOURCES = frozenset({"ORG", "NORP"})
# endings of nouns for people ("protesters", "investors", "analysts", "officials", "residents")
_PEOPLE_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ic", "ee")


def denotes_people(noun: str, lex: Lexicon) -> bool:
    """Does a (singularised) plural noun denote people? `denotes_people("protester", lex)` is
    True, `denotes_people("demand", lex)` False: "they" and a source stand for people."""
    return noun in lex.person_nouns or noun.endswith(_PEOPLE_SUFFIXES)


def relative_antecedent(pron: Token) -> Token | None:
    """The noun a relative pronoun ("who", "which") modifies, or None."""
    verb = pron.head
    while verb.dep_ not in ("relcl", "acl") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ in ("relcl", "acl"):
        return verb.head
    return None


def resolve_pronoun(
    s: SpeakerState, pron: Token, not_name: str | None = None
) -> tuple[str | None, str]:
    """(resolved name, speaker type) for a personal pronoun speaker; never `not_name` (a
    quotation's speaker is not "he" in their own words)."""
    low = pron.lower_
    if low in ("i", "me") and not s.in_quote[pron.i]:
        return s.turn_speaker(pron.idx), "PERSON"  # "((Zara Kay))  I was born in …"
    if low in FIRST_PERSON:
        return None, "PERSON" if low in ("i", "me") else "GROUP"
    if low in ("they", "them"):
        mention, noun = plural_antecedent(s, pron)
        if mention is not None:
            return mention.resolved, "ORG" if mention.label == "ORG" else "GROUP"
        if noun is not None:
            start, end = s.phrase_span(noun)
            span = s.doc[start:end]
            return s.text[span.start_char : span.end_char], "GROUP"
        return None, "GROUP"
    if low in GROUP_PRONOUNS:
        return None, "GROUP"
    if low in ("it", "its"):
        m = _recent(s, pron.i, {"ORG"}, None, not_name=not_name)
        return (m.resolved if m else None), "ORG"
    gender = PERSONAL_PRONOUNS.get(low)
    bound = _reporting_subject(s, pron, gender)
    if bound is not None and bound.resolved != not_name:
        return bound.resolved, "PERSON"
    m = _recent(s, pron.i, {"PERSON"}, gender, not_name=not_name)
    return (m.resolved if m else None), "PERSON"


def plural_antecedent(s: SpeakerState, pron: Token) -> tuple[Mention | None, Token | None]:
    """(mention, noun) "they" refers to: an organisation or group mention, or a plural
    common-noun subject when no name fits."""
    sents = list(s.doc.sents)
    k = next((i for i, sent in enumerate(sents) if sent.start == pron.sent.start), 0)
    for sent in reversed(sents[max(0, k - 2) : k + 1]):
        for tok in reversed(sent):
            if tok.i >= pron.i or tok.dep_ not in ("nsubj", "nsubjpass", "conj"):
                continue
            m = s.token_mention[tok.i]
            if s.in_quote[tok.i]:
                continue
            # a lowercase plural the NER took for a group ("masks, and helmets") is a thing
            if m is not None and m.label in _PLURAL_SOURCES and not tok.text.islower():
                return m, None
            if m is None and tok.tag_ == "NNS" and tok.dep_ != "conj":
                if _people_phrase(tok, s.lex):  # "thousands of protesters", not "demands"
                    return None, tok
    return None, None


def _people_phrase(noun: Token, lex: Lexicon) -> bool:
    """A plural noun for people, or a quantity of them ("thousands of protesters")."""
    heads = [noun]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            heads += [o for o in prep.children if o.dep_ == "pobj"]
    return any(denotes_people(t.lower_.removesuffix("s"), lex) for t in heads)


def _reporting_subject(s: SpeakerState, pron: Token, gender: str | None) -> Mention | None:
    """ "Anwar said she believed …": a pronoun in a reported clause refers to the
    reporting verb's (named) subject when the gender fits."""
    cur = pron
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        if cur.dep_ == "ccomp":
            subj = next((c for c in cur.head.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.i == pron.i:
                return None
            m = s.token_mention[subj.i]
            if m is None:
                for c in subj.children:
                    if c.dep_ == "appos" and s.token_mention[c.i] is not None:
                        m = s.token_mention[c.i]
            if m is None or m.label != "PERSON":
                return None
            if gender is not None and m.gender is not None and m.gender != gender:
                return None
            return m
        cur = cur.head
    return None


def _recent(
    s: SpeakerState,
    i: int,
    labels: set[str],
    gender: str | None,
    max_sent: int = 6,
    not_name: str | None = None,
) -> Mention | None:
    """Most salient earlier mention: recent, outside quotes, subjects preferred; but the one
    person named in the pronoun's paragraph wins over a subject of an earlier one (see
    `_paragraph_person`)."""
    doc = s.doc
    sent_start = doc[i].sent.start
    if labels == {"PERSON"}:
        only = _paragraph_person(s, i, gender, not_name)
        if only is not None:
            return only
    fallback: Mention | None = None
    cur_sent = None
    sents_seen = 0
    for m in reversed(s.mentions):
        if m.start >= i or m.label not in labels or m.resolved == not_name:
            continue
        if gender is not None and m.gender is not None and m.gender != gender:
            continue
        if cur_sent != m.sentence_index:
            cur_sent = m.sentence_index
            sents_seen += 1
            if sents_seen > max_sent:
                break
        if s.in_quote[m.start] and not s.in_quote[i]:
            if fallback is None:
                fallback = m
            continue
        head = doc[m.end - 1]
        if head.dep_ in ("nsubj", "nsubjpass") or m.start < sent_start <= m.end:
            return m
        if fallback is None or s.in_quote[fallback.start]:
            fallback = m
    return fallback


def _paragraph_person(
    s: SpeakerState, i: int, gender: str | None, not_name: str | None
) -> Mention | None:
    """The only person (of the pronoun's gender) named outside quotations in the paragraph
    before a subject pronoun outside quotations, when named in an earlier sentence: "…
    tweeted Ken Gude.¶ The inquiry has support from Mark Amodei. He continued …" is Amodei.
    None when the paragraph names two ("Volker's position … the Trump administration's
    affairs. In July, he helped …": an earlier paragraph's subject decides), when its
    subject is a name the NER missed ("…," Fiorina told Fox. "…," she said), or for "his"
    and pronouns inside quotations."""
    doc = s.doc
    if doc[i].dep_ != "nsubj" or s.in_quote[i]:
        return None
    paragraph = max(s.text.rfind("\n\n", 0, doc[i].idx), 0)
    if _named_subject_before(s, i, paragraph):
        return None
    people = [
        m
        for m in s.mentions
        if m.label == "PERSON"
        and paragraph <= m.start_char
        and m.start < i
        and not s.in_quote[m.start]
        and m.resolved != not_name
        and (gender is None or m.gender is None or m.gender == gender)
    ]
    if len({m.resolved for m in people}) != 1 or people[-1].start >= doc[i].sent.start:
        return None
    return people[-1]


def _named_subject_before(s: SpeakerState, i: int, since: int) -> bool:
    """Is there a proper-noun subject outside quotations between character `since` and
    token `i`?"""
    k = i - 1
    while k >= 0 and s.doc[k].idx >= since:
        t = s.doc[k]
        if t.dep_ == "nsubj" and t.tag_ == "NNP" and not s.in_quote[k]:
            return True
        k -= 1
    return False
