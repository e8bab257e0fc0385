"""The rule tables of the extractor, loaded once from data files into one `Lexicon` object.

Every word list and table the rules read lives in `pipeline/extract/data/` (one file per list,
`#` comments allowed), is registered by name in `lexicon_tables.py` (name -> file, reader) and
is passed around as an explicit, read-only `Lexicon`; nothing is a module global that a tool
could mutate. Example::

    lex = Lexicon.load()                 # or default_lexicon(): loaded once per process
    lex.person_nouns                     # a table, by its name in the registry
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
import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pipeline.common.paths import DBT_SEEDS_DIR

from .lexicon_files import LexiconError, phrase_pattern
from .lexicon_tables import read_tables, seed_files

DATA_DIR = Path(__file__).resolve().parent / "data"
# Curated name lists shared with dbt (one home: the dbt seeds): demonyms.csv, actor_aliases.csv,
# known_actors.csv, title_abbreviations.csv.
CURATED_DIR = DBT_SEEDS_DIR
# What the rules read of those seeds. The fingerprint (and so the extractor version) hashes these
# tables' contents, not the seed files: an alias of a person or a new known actor is applied by
# dbt alone and must not re-extract every article; a place alias, a demonym or a title
# abbreviation ("Gov." -> governor, read by the antecedent rules) changes records.
CURATED_TABLES_READ = ("demonyms", "place_aliases", "title_abbreviations")

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
_VOWELS = frozenset("aeiou")


_WEB_NAME_RE = re.compile(r"^[\w-]+\.(?:com|net|org|co|hu|pl|de|fr|ru|in|uk|ca|au|io|news)$")


def smoothed_precision(n: int, matched: int) -> float:
    """Precision of a learned (lemma, frame) pair, pulled towards PRIOR when n is small."""
    return (matched + PRIOR_WEIGHT * PRIOR) / (n + PRIOR_WEIGHT)


class Lexicon:
    """All rule tables of the extractor, by name (`lexicon_tables.py`: name -> file, reader).
    Build with `Lexicon.load()`; read-only. Ask a table by name, `lex.person_nouns` or
    `lex.table("person_nouns")`; the tables computed from several (`cue_frames`, `verb_forms`,
    the patterns ...) are attributes set when it is built."""

    def __init__(
        self,
        tables: Mapping[str, Any],
        sources: tuple[Path, ...] = (),
        fingerprint: str = "",
        allow_all_frames: bool = False,
    ) -> None:
        """`tables`: every table and view by name (`lexicon_tables.read_tables`); `sources`: the
        files they came from, `fingerprint` a hash of their contents; `allow_all_frames`: a
        lexicon in candidate mode allows every frame (cue learning, candidate generation)."""
        set_ = object.__setattr__
        set_(self, "_tables", MappingProxyType(dict(tables)))
        set_(self, "sources", sources)
        set_(self, "fingerprint", fingerprint)
        set_(self, "allow_all_frames", allow_all_frames)
        for name, value in _derived(self).items():
            set_(self, name, value)

    def table(self, name: str) -> Any:
        """The table `name` of the registry (a `LexiconError` naming the known ones if none)."""
        try:
            return self._tables[name]
        except KeyError:
            known = ", ".join(sorted(self._tables))
            raise LexiconError(f"no rule table {name!r} (lexicon_tables.py has: {known})") from None

    def __getattr__(self, name: str) -> Any:
        tables = self.__dict__.get("_tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"Lexicon has no table or attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Lexicon is read-only (setting {name!r})")

    # --- loading ------------------------------------------------------------------------------
    @classmethod
    def load(cls, data_dir: Path = DATA_DIR, curated_dir: Path = CURATED_DIR) -> Lexicon:
        """Read every table from `data_dir` (default: the package's `data/`) and the curated
        name lists shared with dbt from `curated_dir` (default: `dbt_project/seeds/`)."""
        d, c = Path(data_dir), Path(curated_dir)
        data_files = tuple(sorted(p for p in d.rglob("*") if p.is_file()))
        tables = read_tables(d, c)
        curated = {name: tables[name] for name in CURATED_TABLES_READ}
        return cls(tables, data_files + seed_files(c), _fingerprint(d, data_files, curated))

    def candidate_mode(self, extra_lemmas: Iterable[str] = ()) -> Lexicon:
        """A copy in which every cue lemma (and `extra_lemmas`) may take every learnable frame
        and no frame is blocked: the over-generating run the cue table is learned from."""
        frames: dict[str, tuple[str, ...]] = {}
        for lemma, fr in self.curated_frames.items():
            frames[lemma] = fr if "seem" in fr else tuple(dict.fromkeys(fr + LEARNED_FRAMES))
        for lemma in extra_lemmas:
            frames.setdefault(lemma, LEARNED_FRAMES)
        tables = {**self._tables, "curated_frames": frames}
        return Lexicon(tables, self.sources, self.fingerprint, allow_all_frames=True)

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
        if lemma in self.noun_acts or lemma in self.verb_acts:
            return self.verb_acts.get(lemma) or self.noun_acts.get(lemma)
        # a noun of accusing derived from WordNet ("complaints", "charges"), where the curated
        # tables give no act ("allegations" is listed there for its that-clause only)
        return "accuse" if lemma in self.accusation_nouns else None

    def is_outlet_name(self, name: str) -> bool:
        """Does a name denote a news outlet ("The Daily Mail", "Reuters", "Al Jazeera")?"""
        low = " ".join(name.lower().split())
        if low.startswith("the ") and low[4:] in self.outlets or f"the {low}" in self.outlets:
            return True  # "The Economist", "Atlantic" for "The Atlantic"
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


def _derived(lex: Lexicon) -> dict[str, Any]:
    """The tables computed from several: frames with the learned gate, verb form tables,
    patterns, wrongdoing and talk verb forms."""
    allowed = frozenset(
        k for k, (n, m) in lex.cue_stats.items() if smoothed_precision(n, m) >= MIN_PRECISION
    )
    frames = dict(lex.curated_frames)
    if not lex.allow_all_frames:
        frames = _with_learned(frames, allowed)
    wrong: dict[str, str] = {}
    for entry in sorted(lex.wrongdoing_verbs):
        verb, _, particle = entry.partition(" ")
        for form in lex.inflect(verb):
            wrong.setdefault(form, particle)
    verb_forms = lex._form_table(frozenset(frames) | lex.passive_report_verbs)
    talk = {form for verb in lex.talk_verbs for form in lex.inflect(verb)}
    return {
        "learned_allowed": allowed,
        "learned_blocked": frozenset(lex.cue_stats) - allowed,
        "cue_frames": frames,
        "speech_verbs": frozenset(
            lemma for lemma, fr in lex.curated_frames.items() if "quote" in fr
        ),
        "verb_forms": verb_forms,
        # support-verb form -> lemma
        "support_forms": lex._form_table(frozenset(v for v, _ in lex.support_cues)),
        "noncommittal_re": re.compile("|".join(lex.noncommittal_patterns), re.I),
        "empty_refusal_re": re.compile("|".join(lex.empty_refusal_patterns), re.I),
        "discourse_marker_re": phrase_pattern(lex.discourse_markers),
        # verb form of wrongdoing -> the particle it needs ("" or "at" for "fire at")
        "wrongdoing_forms": wrong,
        # forms of the verbs of talking about the talk: cue verbs and acts/talk_verbs.txt
        "talk_forms": frozenset(talk) | frozenset(verb_forms),
    }


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


def _fingerprint(root: Path, files: Iterable[Path], curated: Mapping[str, Any]) -> str:
    """Hash of the data files' names (relative to `root`) and contents, and of the curated
    tables the rules read (by content, in sorted order: not the seed files they came from)."""
    digest = hashlib.sha1()
    for path in files:
        name = path.relative_to(root).as_posix().encode("utf-8")
        digest.update(name + b"\0" + path.read_bytes() + b"\0")
    digest.update(json.dumps(curated, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()
