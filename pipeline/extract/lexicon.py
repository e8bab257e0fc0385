"""Attribution cue lexicon: reporting, belief and stance verbs with the argument they take.

Two layers decide which argument frames a cue verb may take its content from:

- `CURATED_FRAMES`: the hand-written table below (reporting/belief/stance verb classes);
- the cue table learned from the PolNeAR training split (cue_table.py, written by
  cue_learning.py): for every (lemma, realised frame) pair the candidate run produced, how
  many claims it gave and how many matched gold. `frame_allowed` keeps a pair whose smoothed
  precision reaches `MIN_PRECISION` and blocks the others (e.g. "spoke to X", "knows X"),
  and admits frequent cue verbs the curated table lacked ("decided to …", "voted for …",
  "released a statement"). Unseen pairs fall back to the curated table.

Verb forms are generated from lemmas here (regular inflection plus an irregular table), so the
spaCy lemmatizer is not needed at run time. Every table is plain data; `rules_fingerprint()`
hashes them (the learned CUE_STATS included) so the extractor version changes whenever a rule
table changes.
"""

from __future__ import annotations

import hashlib
import json

from .cue_table import CANDIDATE_LEMMAS, CUE_STATS  # noqa: F401 (hashed by rules_fingerprint)

# --- cue verbs and their frames ---------------------------------------------------------------
# Each cue lemma lists the argument frames that give its content:
#   clause  - clausal complement (ccomp: "said (that) …", "asked whether …")
#   quote   - an adjacent quotation ("“…,” she said", "he said: “…”")
#   xcomp   - infinitival complement ("vowed to …", "urged Congress to …")
#   object  - direct object, with a predicative complement ("called it a hoax", "sees X as Y")
#   passobj - the same, passive only ("is considered a liberal")
#   accuse  - object through an of/for phrase ("accused Y of Z", "criticized Y for Z")
#   seem    - subject + complement, no source ("Kasich appears to have the state to himself")
#   p:PREP  - prepositional object ("referred to X", "called for X", "talked about X")
# The list was curated from reporting/belief/stance verb classes and checked against the
# PolNeAR training split (verbs whose uses are mostly annotated attributions).
_FRAME_TABLE = """
say: clause quote
tell: clause quote xcomp
add: clause quote
note: clause quote object
explain: clause quote object
state: clause quote
announce: clause quote object xcomp
declare: clause quote object
claim: clause quote object xcomp
argue: clause quote p:for p:against
contend: clause quote
insist: clause quote p:on
assert: clause quote
maintain: clause quote
write: clause quote p:about
tweet: clause quote object p:about
post: clause quote
report: clause quote object
reply: clause quote
respond: clause quote p:to
answer: quote
ask: clause quote xcomp p:about p:for object
warn: clause quote xcomp p:of p:about p:against
predict: clause quote object
promise: clause quote xcomp object
vow: clause quote xcomp
pledge: clause quote xcomp
acknowledge: clause quote object
admit: clause quote object
concede: clause quote object
confirm: clause quote object
complain: clause quote p:about p:of
mention: quote object
remark: clause quote
recall: clause quote object
reveal: clause quote object
disclose: clause quote
emphasize: clause quote object
stress: clause quote object
observe: clause quote
testify: clause quote p:about
allege: clause quote
quip: clause quote
joke: clause quote p:about
boast: clause quote p:about
brag: clause quote p:about
counter: clause quote
retort: clause quote
shout: clause quote
muse: clause quote
opine: clause quote
speculate: clause quote p:about
estimate: clause quote
caution: clause quote p:against
advise: clause quote xcomp
recommend: clause quote object
propose: clause quote object xcomp
urge: clause quote xcomp object
demand: clause quote xcomp
lament: clause quote object
repeat: clause quote object
reiterate: clause quote object
echo: clause quote object
assure: clause quote
guarantee: clause quote
swear: clause quote xcomp
threaten: clause quote xcomp
hint: clause quote p:at
imply: clause quote
indicate: clause quote object
signal: clause quote object
recount: clause quote object
email: clause quote
exclaim: clause quote
plead: clause quote p:for
remind: clause quote
inform: clause quote
chant: clause quote object
comment: clause quote
cite: clause quote object
conclude: clause quote
suggest: clause quote
deny: clause quote object
reject: clause quote object
dismiss: clause quote object
dispute: clause quote object
refute: clause quote object
contradict: clause quote object
question: clause quote object
accuse: accuse clause quote
blame: accuse object
charge: accuse clause
fault: accuse object
criticize: accuse object
praise: accuse object
credit: accuse object
slam: accuse object
blast: accuse object
attack: accuse
thank: accuse object
apologize: p:for
think: clause p:of p:about
believe: clause p:in
know: clause object
hope: clause xcomp p:for
fear: clause
worry: clause p:about
expect: xcomp
doubt: clause object
suspect: clause
assume: clause
realize: clause
recognize: clause object
figure: clause
guess: clause
imagine: clause
bet: clause
wonder: clause quote
learn: clause
see: object
remember: clause
consider: clause passobj
view: object
regard: object
deem: object
wish: clause xcomp
show: clause object
find: clause
demonstrate: clause
want: xcomp
intend: xcomp
refuse: xcomp
decline: xcomp
seek: xcomp
agree: clause xcomp p:with
offer: xcomp object
push: xcomp p:for
aim: xcomp
encourage: xcomp
order: xcomp
convince: xcomp clause
press: xcomp p:for
call: object xcomp p:for p:on
prefer: xcomp object
endorse: object
describe: object
defend: object
oppose: object
support: object
back: object
discuss: object
mock: object
denounce: object
condemn: object
decry: object
applaud: object
portray: object
highlight: object
list: object
reference: object
voice: object
express: object
favor: object
assail: object
characterize: object
label: object
dub: object
tout: object
hail: object
laud: object
champion: object
advocate: p:for
ridicule: object
lambaste: object
chide: object
rebuke: object
outline: object
name: object
refer: p:to
talk: p:about
speak: p:about p:of p:to
point: p:to p:out
focus: p:on
rail: p:against
continue: quote
quote: object
congratulate: accuse object
disavow: object
bemoan: clause object
envision: clause object
rebut: clause object
vouch: p:for
clarify: clause quote
articulate: object
interject: clause quote
proclaim: clause quote
recite: object
liken: object
allude: p:to
lash: p:at
reaffirm: clause object
lambaste: object
balk: p:at
deride: object
rebuff: object
forecast: clause
side: p:with
contemplate: object
detail: object clause
underscore: clause object
request: passobj
promote: object
notice: clause
spar: p:with
yell: clause quote
retweet: object
document: clause object
seem: seem
appear: seem
"""


def _parse_frames(table: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in table.strip().splitlines():
        lemma, _, frames = line.partition(":")
        out[lemma.strip()] = tuple(frames.split())
    return out


CURATED_FRAMES: dict[str, tuple[str, ...]] = _parse_frames(_FRAME_TABLE)

# --- learned frame gate (cue_table.py) ---------------------------------------------------------
# Frames every candidate lemma is tried with when the cue table is learned (cue_learning.py).
LEARNED_FRAMES: tuple[str, ...] = tuple(
    "clause xcomp object p:about p:for p:on p:against p:to p:of p:with p:over p:at p:as".split()
)
# A (lemma, frame key) pair seen in the training split is kept when its smoothed precision
# (matched + PRIOR_WEIGHT * PRIOR) / (n + PRIOR_WEIGHT) reaches MIN_PRECISION. Frame keys are
# the realised frames: "clause", "xcomp", "object", "accuse", "p:about", each possibly with a
# "passive-" prefix. Pairs the table has not seen fall back to the curated frames.
MIN_PRECISION = 0.45
PRIOR = 0.4
PRIOR_WEIGHT = 2.0


def _smoothed(n: int, matched: int) -> float:
    return (matched + PRIOR_WEIGHT * PRIOR) / (n + PRIOR_WEIGHT)


LEARNED_ALLOWED: frozenset[tuple[str, str]] = frozenset(
    key for key, (n, m) in CUE_STATS.items() if _smoothed(n, m) >= MIN_PRECISION
)
LEARNED_BLOCKED: frozenset[tuple[str, str]] = frozenset(
    key for key, (n, m) in CUE_STATS.items() if _smoothed(n, m) < MIN_PRECISION
)


# Content frames that the curated table implies (the parse lost or moved the complement).
_DERIVED_FRAMES: dict[str, tuple[str, ...]] = {
    "as-clause": ("clause",),
    "clause-surface": ("clause",),
    "clause-fallback": ("clause", "quote"),
    "parataxis": ("quote",),
    "answer": ("quote",),
}


def _curated_allows(lemma: str, key: str) -> bool:
    frames = CURATED_FRAMES.get(lemma, ())
    passive = key.startswith("passive-")
    base = key.removeprefix("passive-")
    needs = _DERIVED_FRAMES.get(base)
    if needs is not None:
        return all(f in frames for f in needs)
    if base == "object":
        return "object" in frames or (passive and "passobj" in frames)
    return base in frames


def frame_allowed(lemma: str, key: str) -> bool:
    """May the cue `lemma` take its content through frame `key` ("passive-p:as", …)?"""
    if (lemma, key) in LEARNED_BLOCKED:
        return False
    return (lemma, key) in LEARNED_ALLOWED or _curated_allows(lemma, key)


def _with_learned(curated: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    out = dict(curated)
    for lemma, key in sorted(LEARNED_ALLOWED):
        base = key.removeprefix("passive-")
        if base == "object" and key.startswith("passive-"):
            base = "passobj"
        frames = out.get(lemma, ())
        if base not in frames and not (base == "passobj" and "object" in frames):
            out[lemma] = (*frames, base)
    return out


CUE_FRAMES: dict[str, tuple[str, ...]] = _with_learned(CURATED_FRAMES)

# Speech verbs: may take an adjacent quotation and a speaker next to it.
SPEECH_VERBS = frozenset(lemma for lemma, frames in CURATED_FRAMES.items() if "quote" in frames)

# Verbs whose agentless passive names something rather than reporting a claim.
NAMING_VERBS = frozenset("call name title dub label".split())

# Accusation verbs (kind "accusation").
ACCUSE_VERBS = frozenset("accuse blame charge fault".split())

# Denial verbs (kind "denial", stance "deny").
DENY_VERBS = frozenset("deny reject dismiss refute rebut dispute contradict".split())

# Hedging cues: the reporter signals uncertainty (stance "hedged").
HEDGE_VERBS = frozenset(
    "speculate suggest hint imply suspect guess allege seem appear sound".split()
)

# Verbs used in agentless passives to report unattributed claims ("it is expected that …").
PASSIVE_REPORT_VERBS = frozenset(
    """
    say report believe expect think know rumor allege announce estimate fear predict consider
    see view
    """.split()
)

# Predicate adjectives/participles of belief and feeling with a clausal complement
# ("some Democrats are concerned that …", "he is confident that …").
ADJECTIVE_CUES = frozenset(
    """
    concerned worried confident convinced sure certain aware afraid hopeful optimistic
    pessimistic skeptical sceptical adamant fearful doubtful unsure uncertain pleased happy
    glad disappointed surprised shocked angry upset frustrated proud determined insistent
    """.split()
)

# Documents and data that are sources in "In a new poll, …" ("In exit polls, voters …").
EVIDENCE_NOUNS = frozenset("poll polls survey surveys study studies report analysis census".split())

# Nouns of saying/stance whose possessor is the source and whose complement is the content
# ("his attacks on Clinton", "Trump's call for a ban", "her vow to …"): noun -> prepositions.
POSSESSED_NOUN_CUES: dict[str, tuple[str, ...]] = {
    "attack": ("on", "against"),
    "attacks": ("on", "against"),
    "call": ("for", "to"),
    "calls": ("for", "to"),
    "criticism": ("of",),
    "opposition": ("to",),
    "endorsement": ("of",),
    "vow": ("to",),
    "pledge": ("to",),
    "promise": ("to",),
    "promises": ("to",),
    "plan": ("to", "for"),
    "proposal": ("to", "for"),
    "refusal": ("to",),
    "claim": ("that",),
    "claims": ("that",),
    "assertion": ("that",),
    "insistence": ("that", "on"),
    "argument": ("that", "for", "against"),
    "praise": ("for", "of"),
    "defense": ("of",),
    "accusation": ("that", "of"),
    "accusations": ("that", "of"),
    "warning": ("that", "about", "of"),
    "warnings": ("that", "about", "of"),
    "description": ("of",),
    "characterization": ("of",),
    "comments": ("about", "on"),
    "embrace": ("of",),
    "rejection": ("of",),
    "denial": ("of", "that"),
    "demand": ("for", "that"),
    "demands": ("for", "that"),
    "hope": ("that", "for", "to"),
    "hopes": ("that", "for", "to"),
    "belief": ("that", "in"),
    "concern": ("that", "about", "over"),
    "concerns": ("that", "about", "over"),
}

# Nouns that head an unattributed claim ("there have been fears that …").
NOUN_CUES = frozenset(
    """
    fear fears speculation report reports claim claims allegation
    allegations suggestion suggestions rumor rumors rumour rumours belief sense hope hopes
    expectation expectations worry worries suspicion suspicions assertion assertions
    """.split()
)

# Adverbs that mark a hedged, unattributed claim.
HEDGE_ADVERBS = frozenset("reportedly allegedly purportedly supposedly".split())

# Words in content or cue that make a claim non-committal.
NONCOMMITTAL_PATTERNS = (
    r"\bneither confirm nor (?:deny|reject|refute)\b",
    r"\b(?:can(?:no|')?t|could ?n[o']t|cannot|would ?n[o']t|will ?n[o']t|did ?n[o']t|"
    r"do(?:es)? ?n[o']t|unable to|not able to|declined to|refused to) "
    r"(?:immediately )?(?:confirm|comment|say|verify|speculate)\b",
    r"\bno comment\b",
)

# --- inflection ----------------------------------------------------------------------------
IRREGULAR_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "think": ("thought",),
    "know": ("knew", "known"),
    "feel": ("felt",),
    "see": ("saw", "seen"),
    "find": ("found",),
    "show": ("shown",),
    "hear": ("heard",),
    "read": ("read",),
    "swear": ("swore", "sworn"),
    "understand": ("understood",),
    "bet": ("bet",),
    "forecast": ("forecast",),
    "learn": ("learnt",),
    "mean": ("meant",),
    "seek": ("sought",),
    "speak": ("spoke", "spoken"),
    "dub": ("dubbed", "dubbing"),
    "hope": ("hoped", "hoping"),
    "make": ("made",),
    "take": ("took", "taken"),
    "give": ("gave", "given"),
    "put": ("put",),
    "cast": ("cast",),
    "draw": ("drew", "drawn"),
    "lay": ("laid",),
    "hold": ("held",),
    "hit": ("hit", "hitting"),
    "stand": ("stood",),
    "run": ("ran", "running"),
    "bring": ("brought",),
    "choose": ("chose", "chosen"),
    "lead": ("led",),
    "pay": ("paid",),
    "send": ("sent",),
    "throw": ("threw", "thrown"),
    "win": ("won", "winning"),
    "set": ("set", "setting"),
    "shoot": ("shot",),
    "strike": ("struck",),
    "leave": ("left",),
    "keep": ("kept",),
    "fight": ("fought",),
    "become": ("became",),
    "ban": ("banned", "banning"),
    "rip": ("ripped", "ripping"),
    "grow": ("grew", "grown"),
    "sue": ("sued", "suing"),
}

# Verbs that double their final consonant (admit -> admitted).
_DOUBLING = frozenset("admit quip bet commit refer prefer regret slam dub plan rebut".split())
_VOWELS = set("aeiou")


def inflect(lemma: str) -> set[str]:
    """All surface forms of a verb lemma (base, -s, -ed, -ing and irregular forms)."""
    forms = {lemma}
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma in _DOUBLING and lemma not in ("scoff",):
        stem = lemma + lemma[-1]
        forms.update({stem + "ed", stem + "ing"})
    elif lemma.endswith("e"):
        forms.add(lemma + "d")
        forms.add((lemma if lemma.endswith(("ee", "ye", "oe")) else lemma[:-1]) + "ing")
    elif lemma.endswith("y") and lemma[-2] not in _VOWELS:
        forms.update({lemma[:-1] + "ied", lemma + "ing"})
    else:
        forms.update({lemma + "ed", lemma + "ing"})
    forms.update(IRREGULAR_FORMS.get(lemma, ()))
    return forms


def _form_table(lemmas: frozenset[str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for lemma in sorted(lemmas):
        for form in inflect(lemma):
            table.setdefault(form, lemma)
    return table


ALL_CUE_LEMMAS = frozenset(CUE_FRAMES) | PASSIVE_REPORT_VERBS
# lower-cased surface form -> lemma
VERB_FORMS: dict[str, str] = _form_table(ALL_CUE_LEMMAS)


def verb_lemma(form: str) -> str | None:
    """Lemma of a cue-verb surface form, or None when the form is not a cue."""
    return VERB_FORMS.get(form.lower())


def rules_fingerprint(*extra: object) -> str:
    """Short stable hash of all rule tables (plus any extra tables passed in)."""
    payload = {
        name: sorted(map(repr, value))
        if isinstance(value, frozenset)
        else sorted(map(repr, value.items()))
        if isinstance(value, dict)
        else value
        for name, value in sorted(globals().items())
        if name.isupper() and isinstance(value, frozenset | tuple | dict)
    }
    blob = json.dumps([payload, [repr(x) for x in extra]], sort_keys=True, default=sorted)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:8]
