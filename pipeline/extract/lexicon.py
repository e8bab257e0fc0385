"""The rule tables of the extractor, loaded once from data files into one `Lexicon` object.

Every word list and table the rules read lives in `pipeline/extract/data/` (one file per list,
`#` comments allowed) and is passed around as an explicit `Lexicon`; nothing is a module global
that a tool could mutate. Example::

    lex = Lexicon.load()                 # or default_lexicon(): loaded once per process
    lex.verb_lemma("Told")               # -> "tell"
    lex.frame_allowed("say", "clause")   # -> True

Which argument frames a cue verb may take its content from is decided in two layers:

- the curated frames of `data/cues/cue_verbs.tsv` (reporting/belief/stance verb classes);
- the table learned from the PolNeAR training split (`data/learned/cue_table.tsv`, written by
  `python -m pipeline.evaluation.cue_learning`): for every (lemma, realised frame) pair, how many
  claims it gave and how many matched gold. A pair whose smoothed precision reaches
  `MIN_PRECISION` is allowed, one below it is blocked ("spoke to X", "knows X"); unseen pairs
  fall back to the curated frames.

Verb forms are generated from lemmas (regular inflection plus `verb_inflections.tsv`), so the
spaCy lemmatizer is not needed at run time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .lexicon_files import (
    LexiconError,  # noqa: F401  (re-exported: callers catch it from here)
    cue_tables,
    phrase_pattern,
    place_aliases,
    read_lines,
    read_map,
    read_table,
    read_words,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
# Curated name lists shared with dbt (one home: the dbt seeds): demonyms.csv, actor_aliases.csv,
# known_actors.csv.
CURATED_DIR = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"

# Frames every candidate lemma is tried with when the cue table is learned (and by a lexicon
# in candidate mode, see `Lexicon.candidate_mode`).
LEARNED_FRAMES: tuple[str, ...] = tuple(
    "clause xcomp object p:about p:for p:on p:against p:to p:of p:with p:over p:at p:as".split()
)
# A (lemma, frame key) pair seen in training is kept when its smoothed precision
# (matched + PRIOR_WEIGHT * PRIOR) / (n + PRIOR_WEIGHT) reaches MIN_PRECISION. Frame keys are the
# realised frames ("clause", "xcomp", "object", "accuse", "p:about", ...), possibly with a
# "passive-" prefix.
MIN_PRECISION = 0.45
PRIOR = 0.4
PRIOR_WEIGHT = 2.0

# Content frames that the curated table implies (the parse lost or moved the complement).
_DERIVED_FRAMES: dict[str, tuple[str, ...]] = {
    "as-clause": ("clause",),
    "clause-surface": ("clause",),
    "clause-fallback": ("clause", "quote"),
    "parataxis": ("quote",),
    "answer": ("quote",),
}
ACTS = ("accuse", "deny", "hedge")
VERB_TAGS = ("naming", "passive-report")
_VOWELS = frozenset("aeiou")


_WEB_NAME_RE = re.compile(r"^[\w-]+\.(?:com|net|org|co|hu|pl|de|fr|ru|in|uk|ca|au|io|news)$")


def smoothed_precision(n: int, matched: int) -> float:
    """Precision of a learned (lemma, frame) pair, pulled towards PRIOR when n is small."""
    return (matched + PRIOR_WEIGHT * PRIOR) / (n + PRIOR_WEIGHT)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """All rule tables of the extractor. Build with `Lexicon.load()`; treat as read-only."""

    # cue verbs (cues/cue_verbs.tsv): lemma -> curated frames, lemma -> act, tagged lemmas
    curated_frames: Mapping[str, tuple[str, ...]]
    verb_acts: Mapping[str, str]
    naming_verbs: frozenset[str]
    passive_report_verbs: frozenset[str]
    # inflection exceptions (cues/verb_inflections.tsv)
    irregular_forms: Mapping[str, tuple[str, ...]]
    doubling: frozenset[str]
    # other cues
    possessed_noun_cues: Mapping[str, tuple[str, ...]]
    noun_cues: frozenset[str]
    adjective_cues: Mapping[str, tuple[str, ...]]  # adjective -> prepositions of its object
    hedge_adverbs: frozenset[str]
    evidence_nouns: frozenset[str]
    noncommittal_patterns: tuple[str, ...]
    empty_refusal_patterns: tuple[str, ...]
    discourse_markers: tuple[str, ...]
    raising_passive_verbs: frozenset[str]
    label_prefixes: frozenset[str]
    document_nouns: frozenset[str]
    noun_acts: Mapping[str, str]
    # support verbs (cues/support_verbs.tsv): (verb lemma, word) -> (content slots, act,
    # the preposition of the speaker when the subject is the one spoken about, else "")
    support_cues: Mapping[tuple[str, str], tuple[tuple[str, ...], str, str]]
    # speech acts (acts/): words of wrongdoing, innocence, rejection, hedging, insults, and
    # cues of attitudes rather than speech
    wrongdoing_verbs: frozenset[str]
    wrongdoing_words: frozenset[str]
    innocence_phrases: frozenset[str]
    rejection_phrases: frozenset[str]
    hedge_markers: frozenset[str]
    insults: frozenset[str]
    attitude_cues: frozenset[str]
    kin_nouns: frozenset[str]
    talk_verbs: frozenset[str]
    finding_nouns: frozenset[str]
    setting_nouns: frozenset[str]
    direction_words: frozenset[str]
    side_nouns: frozenset[str]
    # speakers
    person_nouns: frozenset[str]
    org_nouns: frozenset[str]
    media_words: frozenset[str]
    outlets: frozenset[str]
    government_nouns: frozenset[str]
    partitive_words: frozenset[str]
    # names
    title_words: frozenset[str]
    person_titles: frozenset[str]
    bare_titles: frozenset[str]
    headline_small_words: frozenset[str]
    first_names: Mapping[str, str]
    demonyms: Mapping[str, str]
    place_aliases: Mapping[str, str]
    entity_fixes: tuple[tuple[str, str], ...]
    not_actors: frozenset[str]
    portfolio_words: frozenset[str]
    law_words: frozenset[str]
    work_nouns: frozenset[str]
    # learned (learned/cue_table.tsv): (lemma, frame key) -> (claims, matched)
    cue_stats: Mapping[tuple[str, str], tuple[int, int]]
    candidate_lemmas: tuple[str, ...]
    # files the tables came from, and a hash of their contents when loaded
    sources: tuple[Path, ...] = ()
    fingerprint: str = ""
    # a lexicon in candidate mode allows every frame (cue learning, candidate generation)
    allow_all_frames: bool = False
    # derived tables, filled in __post_init__
    cue_frames: Mapping[str, tuple[str, ...]] = field(init=False)
    speech_verbs: frozenset[str] = field(init=False)
    verb_forms: Mapping[str, str] = field(init=False)
    support_forms: Mapping[str, str] = field(init=False)  # support-verb form -> lemma
    learned_allowed: frozenset[tuple[str, str]] = field(init=False)
    learned_blocked: frozenset[tuple[str, str]] = field(init=False)
    noncommittal_re: re.Pattern[str] = field(init=False)
    empty_refusal_re: re.Pattern[str] = field(init=False)
    discourse_marker_re: re.Pattern[str] = field(init=False)
    # verb form of wrongdoing -> the particle it needs ("" or "at" for "fire at")
    wrongdoing_forms: Mapping[str, str] = field(init=False)
    # forms of the verbs of talking about the talk: cue verbs and acts/talk_verbs.txt
    talk_forms: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        allowed = frozenset(
            k for k, (n, m) in self.cue_stats.items() if smoothed_precision(n, m) >= MIN_PRECISION
        )
        blocked = frozenset(self.cue_stats) - allowed
        set_ = object.__setattr__
        set_(self, "learned_allowed", allowed)
        set_(self, "learned_blocked", blocked)
        frames = dict(self.curated_frames)
        if not self.allow_all_frames:
            frames = _with_learned(frames, allowed)
        set_(self, "cue_frames", frames)
        set_(
            self,
            "speech_verbs",
            frozenset(lemma for lemma, fr in self.curated_frames.items() if "quote" in fr),
        )
        lemmas = frozenset(frames) | self.passive_report_verbs
        set_(self, "verb_forms", self._form_table(lemmas))
        set_(self, "support_forms", self._form_table(frozenset(v for v, _ in self.support_cues)))
        set_(self, "noncommittal_re", re.compile("|".join(self.noncommittal_patterns), re.I))
        set_(self, "empty_refusal_re", re.compile("|".join(self.empty_refusal_patterns), re.I))
        set_(self, "discourse_marker_re", phrase_pattern(self.discourse_markers))
        wrong: dict[str, str] = {}
        for entry in sorted(self.wrongdoing_verbs):
            verb, _, particle = entry.partition(" ")
            for form in self.inflect(verb):
                wrong.setdefault(form, particle)
        set_(self, "wrongdoing_forms", wrong)
        talk = {form for verb in self.talk_verbs for form in self.inflect(verb)}
        set_(self, "talk_forms", frozenset(talk) | frozenset(self.verb_forms))

    # --- loading ------------------------------------------------------------------------------
    @classmethod
    def load(cls, data_dir: Path = DATA_DIR, curated_dir: Path = CURATED_DIR) -> Lexicon:
        """Read every table from `data_dir` (default: the package's `data/`) and the curated
        name lists shared with dbt from `curated_dir` (default: `dbt_project/seeds/`)."""
        d, c = Path(data_dir), Path(curated_dir)
        curated = [c / "demonyms.csv", c / "actor_aliases.csv", c / "known_actors.csv"]
        sources = tuple(sorted(p for p in d.rglob("*") if p.is_file())) + tuple(curated)
        verbs, nouns, support, adjectives = cue_tables(d / "cues", ACTS, VERB_TAGS)
        inflections = read_table(d / "cues" / "verb_inflections.tsv", ("lemma", "doubles", "forms"))
        acts = d / "acts"
        learned = read_table(
            d / "learned" / "cue_table.tsv", ("lemma", "frame", "claims", "matched"), key=2
        )
        names = d / "names"
        return cls(
            curated_frames={r["lemma"]: tuple(r["frames"].split()) for r in verbs if r["frames"]},
            verb_acts={r["lemma"]: r["act"] for r in verbs if r["act"]},
            naming_verbs=frozenset(r["lemma"] for r in verbs if "naming" in r["tags"].split()),
            passive_report_verbs=frozenset(
                r["lemma"] for r in verbs if "passive-report" in r["tags"].split()
            ),
            irregular_forms={r["lemma"]: tuple(r["forms"].split()) for r in inflections},
            doubling=frozenset(r["lemma"] for r in inflections if r["doubles"] == "yes"),
            possessed_noun_cues={
                r["noun"]: tuple(r["possessed_preps"].split())
                for r in nouns
                if r["possessed_preps"]
            },
            noun_cues=frozenset(r["noun"] for r in nouns if r["unattributed"] == "yes"),
            adjective_cues={r["adjective"]: tuple(r["preps"].split()) for r in adjectives},
            hedge_adverbs=read_words(d / "cues" / "hedge_adverbs.txt"),
            evidence_nouns=read_words(d / "cues" / "evidence_nouns.txt"),
            noncommittal_patterns=tuple(read_lines(d / "cues" / "noncommittal.txt")),
            empty_refusal_patterns=tuple(read_lines(d / "cues" / "empty_refusals.txt")),
            discourse_markers=tuple(read_lines(d / "cues" / "discourse_markers.txt")),
            raising_passive_verbs=read_words(d / "cues" / "raising_passive_verbs.txt"),
            label_prefixes=read_words(d / "cues" / "label_prefixes.txt"),
            document_nouns=read_words(d / "cues" / "document_nouns.txt"),
            noun_acts={r["noun"]: r["act"] for r in nouns if r["act"]},
            support_cues={
                (r["verb"], word): (tuple(r["content"].split()), r["act"], r["speaker"])
                for r in support
                for word in r["words"].split()
            },
            wrongdoing_verbs=read_words(acts / "wrongdoing_verbs.txt"),
            wrongdoing_words=read_words(acts / "wrongdoing_words.txt"),
            innocence_phrases=read_words(acts / "innocence.txt"),
            rejection_phrases=read_words(acts / "rejection.txt"),
            hedge_markers=read_words(acts / "hedge_markers.txt"),
            insults=read_words(acts / "insults.txt"),
            attitude_cues=read_words(acts / "attitude_cues.txt"),
            kin_nouns=read_words(acts / "kin_nouns.txt"),
            talk_verbs=read_words(acts / "talk_verbs.txt"),
            finding_nouns=read_words(acts / "finding_nouns.txt"),
            setting_nouns=read_words(acts / "setting_nouns.txt"),
            direction_words=read_words(acts / "direction_words.txt"),
            side_nouns=read_words(acts / "side_nouns.txt"),
            person_nouns=read_words(d / "speakers" / "person_nouns.txt"),
            org_nouns=read_words(d / "speakers" / "org_nouns.txt"),
            media_words=read_words(d / "speakers" / "media_words.txt"),
            outlets=read_words(d / "speakers" / "outlets.txt"),
            government_nouns=read_words(d / "speakers" / "government_nouns.txt"),
            partitive_words=read_words(d / "speakers" / "partitive_words.txt"),
            title_words=read_words(names / "title_words.txt"),
            person_titles=read_words(names / "person_titles.txt"),
            bare_titles=read_words(names / "bare_titles.txt"),
            headline_small_words=read_words(names / "headline_small_words.txt"),
            first_names={
                r["name"]: r["gender"]
                for r in read_table(names / "first_names.tsv", ("name", "gender"))
            },
            demonyms=read_map(curated[0], "demonym", "place"),
            place_aliases=place_aliases(curated[1], curated[2]),
            entity_fixes=tuple(
                (r["label"], r["phrase"])
                for r in read_table(names / "entity_fixes.tsv", ("label", "phrase"), key=2)
            ),
            not_actors=read_words(names / "not_actors.txt"),
            portfolio_words=read_words(names / "portfolio_words.txt"),
            law_words=read_words(names / "law_words.txt"),
            work_nouns=read_words(names / "work_nouns.txt"),
            cue_stats={
                (r["lemma"], r["frame"]): (int(r["claims"]), int(r["matched"])) for r in learned
            },
            candidate_lemmas=tuple(read_lines(d / "learned" / "cue_candidates.txt")),
            sources=sources,
            fingerprint=_fingerprint(d, sources, c),
        )

    def candidate_mode(self, extra_lemmas: Iterable[str] = ()) -> Lexicon:
        """A copy in which every cue lemma (and `extra_lemmas`) may take every learnable frame
        and no frame is blocked: the over-generating run the cue table is learned from."""
        frames: dict[str, tuple[str, ...]] = {}
        for lemma, fr in self.curated_frames.items():
            frames[lemma] = fr if "seem" in fr else tuple(dict.fromkeys(fr + LEARNED_FRAMES))
        for lemma in extra_lemmas:
            frames.setdefault(lemma, LEARNED_FRAMES)
        return replace(self, curated_frames=frames, allow_all_frames=True)

    # --- queries ------------------------------------------------------------------------------
    def verb_lemma(self, form: str) -> str | None:
        """Lemma of a cue-verb surface form, or None when the form is not a cue."""
        return self.verb_forms.get(form.lower())

    def frame_allowed(self, lemma: str, key: str) -> bool:
        """May the cue `lemma` take its content through frame `key` ("passive-p:as", ...)?"""
        if self.allow_all_frames:
            return True
        if (lemma, key) in self.learned_blocked:
            return False
        return (lemma, key) in self.learned_allowed or self.curated_allows(lemma, key)

    def curated_allows(self, lemma: str, key: str) -> bool:
        """Does the curated table alone allow frame `key` for `lemma`?"""
        frames = self.curated_frames.get(lemma, ())
        passive = key.startswith("passive-")
        base = key.removeprefix("passive-")
        needs = _DERIVED_FRAMES.get(base)
        if needs is not None:
            return all(f in frames for f in needs)
        if base == "object":
            return "object" in frames or (passive and "passobj" in frames)
        return base in frames

    def act_of(self, lemma: str) -> str | None:
        """The speech act a cue verb lemma, cue noun or support pair ("take shot") signals
        ("accuse", "deny", "hedge") or None."""
        if " " in lemma:
            verb, _, word = lemma.partition(" ")
            return self.support_cues.get((verb, word), ((), "", ""))[1] or None
        return self.verb_acts.get(lemma) or self.noun_acts.get(lemma)

    def is_outlet_name(self, name: str) -> bool:
        """Does a name denote a news outlet ("The Daily Mail", "Reuters", "Al Jazeera")?"""
        low = " ".join(name.lower().split())
        if low.startswith("the ") and low[4:] in self.outlets:
            return True
        if _WEB_NAME_RE.match(low):
            return True  # "Portfolio.hu", "Salon.com"
        return low in self.outlets or bool(set(re.findall(r"[\w-]+", low)) & self.media_words)

    def inflect(self, lemma: str) -> set[str]:
        """All surface forms of a verb lemma (base, -s, -ed, -ing and irregular forms)."""
        forms = {lemma}
        if lemma.endswith(("s", "x", "z", "ch", "sh")):
            forms.add(lemma + "es")
        elif lemma.endswith("y") and lemma[-2] not in _VOWELS:
            forms.add(lemma[:-1] + "ies")
        else:
            forms.add(lemma + "s")
        if lemma in self.doubling:
            stem = lemma + lemma[-1]
            forms.update({stem + "ed", stem + "ing"})
        elif lemma.endswith("e"):
            forms.add(lemma + "d")
            forms.add((lemma if lemma.endswith(("ee", "ye", "oe")) else lemma[:-1]) + "ing")
        elif lemma.endswith("y") and lemma[-2] not in _VOWELS:
            forms.update({lemma[:-1] + "ied", lemma + "ing"})
        else:
            forms.update({lemma + "ed", lemma + "ing"})
        forms.update(self.irregular_forms.get(lemma, ()))
        return forms

    def _form_table(self, lemmas: frozenset[str]) -> dict[str, str]:
        table: dict[str, str] = {}
        for lemma in sorted(lemmas):
            for form in self.inflect(lemma):
                table.setdefault(form, lemma)
        return table


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The package's own tables, loaded once per process."""
    return Lexicon.load()


def _with_learned(
    curated: dict[str, tuple[str, ...]], allowed: frozenset[tuple[str, str]]
) -> dict[str, tuple[str, ...]]:
    """Curated frames plus the frames the learned table allows (a lemma may gain frames)."""
    out = dict(curated)
    for lemma, key in sorted(allowed):
        base = key.removeprefix("passive-")
        if base == "object" and key.startswith("passive-"):
            base = "passobj"
        frames = out.get(lemma, ())
        if base not in frames and not (base == "passobj" and "object" in frames):
            out[lemma] = (*frames, base)
    return out


def _fingerprint(root: Path, files: Iterable[Path], curated: Path) -> str:
    """Hash of the files' names (relative to their folder) and contents."""
    digest = hashlib.sha1()
    for path in files:
        name = path.relative_to(root) if path.is_relative_to(root) else path.relative_to(curated)
        digest.update(str(name).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
