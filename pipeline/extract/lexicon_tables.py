"""The registry of the rule tables: each named table is one data file and its reader.

`Lexicon.load` reads every `TABLES` entry once (the readers of `lexicon_files.py` name file and
line of what they refuse), then computes every `VIEWS` entry, a named projection of one or more
tables. Rules ask for either by name::

    lex.person_nouns                      # the table speakers/person_nouns.txt, a frozenset
    lex.table("naming_verbs")             # a view of cues/cue_verbs.tsv

A new word list is a file under `data/` and one line in `TABLES` (`Table("my_words",
"acts/my_words.txt", read_words)`); nothing else changes. Files named `seeds/...` are the
curated lists shared with dbt (`dbt_project/seeds/`, their one home).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .lexicon_files import LexiconError, read_lines, read_map, read_table, read_words

ACTS = ("accuse", "deny", "hedge")
# the classes of lexicons/wordnet_classes.tsv
WORD_CLASSES = ("wrong", "wrongdoer", "accuse", "deny", "sanction")
VERB_TAGS = ("naming", "passive-report")
SEEDS = "seeds/"  # prefix of the curated files, read from the dbt seeds folder

Rows = list[dict[str, str]]


@dataclass(frozen=True)
class Table:
    """A named table: the file it is read from (under `data/`, or `seeds/` for a curated list
    shared with dbt) and the reader that turns the file into the table."""

    name: str
    file: str
    read: Callable[[Path], Any]


@dataclass(frozen=True)
class View:
    """A named table computed from other tables (by name), once, when the lexicon loads."""

    name: str
    tables: tuple[str, ...]
    compute: Callable[..., Any]


def checked(read: Callable[[Path], Rows]) -> Callable[[Path], Rows]:
    """`read`, with every row's `act` and `tags` checked against `ACTS` and `VERB_TAGS`."""

    def read_checked(path: Path) -> Rows:
        rows = read(path)
        for row in rows:
            if row.get("act") and row["act"] not in ACTS:
                raise LexiconError(f"{row['_where']}: unknown act {row['act']!r} (use {ACTS})")
            for tag in row.get("tags", "").split():
                if tag not in VERB_TAGS:
                    raise LexiconError(f"{row['_where']}: unknown tag {tag!r} (use {VERB_TAGS})")
        return rows

    return read_checked


def read_word_classes(path: Path) -> dict[tuple[str, str], frozenset[str]]:
    """(word form, pos "n"/"v") -> its classes among `WORD_CLASSES`, of a derived table."""
    out = {}
    for row in read_table(path, ("word", "pos", "classes"), key=2):
        classes = frozenset(row["classes"].split(","))
        if row["pos"] not in ("n", "v") or not classes <= set(WORD_CLASSES):
            raise LexiconError(f"{row['_where']}: pos must be n or v, classes among {WORD_CLASSES}")
        out[(row["word"], row["pos"])] = classes
    return out


def read_valences(path: Path) -> dict[str, float]:
    """word -> mean valence (-4 .. 4), of a derived table."""
    out = {}
    for row in read_table(path, ("word", "valence")):
        try:
            out[row["word"]] = float(row["valence"])
        except ValueError:
            raise LexiconError(f"{row['_where']}: valence must be a number") from None
    return out


def _table(columns: str, key: int = 1) -> Callable[[Path], Rows]:
    return partial(read_table, columns=tuple(columns.split()), key=key)


def _words(*files: str) -> tuple[Table, ...]:
    """Word lists named after their files ("acts/insults.txt" -> "insults")."""
    return tuple(Table(Path(f).stem, f, read_words) for f in files)


TABLES: tuple[Table, ...] = (
    # cues: the curated cue tables (one row per cue) and their word lists
    Table("cue_verb_rows", "cues/cue_verbs.tsv", checked(_table("lemma frames act tags"))),
    Table(
        "cue_noun_rows",
        "cues/cue_nouns.tsv",
        checked(_table("noun possessed_preps unattributed act")),
    ),
    Table(
        "support_rows",
        "cues/support_verbs.tsv",
        checked(_table("verb words content act speaker via", 2)),
    ),
    Table("cue_adjective_rows", "cues/cue_adjectives.tsv", _table("adjective preps")),
    # derived from WordNet (pipeline/training/accusation_cues.py): nouns and verbs of accusing
    Table("accusation_noun_rows", "cues/accusation_nouns.tsv", _table("noun sense")),
    Table("accusation_verb_rows", "cues/accusation_verbs.tsv", _table("lemma sense")),
    Table("inflection_rows", "cues/verb_inflections.tsv", _table("lemma doubles forms")),
    *_words("cues/hedge_adverbs.txt", "cues/evidence_nouns.txt"),
    *_words("cues/raising_passive_verbs.txt", "cues/label_prefixes.txt", "cues/document_nouns.txt"),
    Table("noncommittal_patterns", "cues/noncommittal.txt", lambda p: tuple(read_lines(p))),
    Table("empty_refusal_patterns", "cues/empty_refusals.txt", lambda p: tuple(read_lines(p))),
    Table("discourse_markers", "cues/discourse_markers.txt", lambda p: tuple(read_lines(p))),
    # acts: wrongdoing, innocence, rejection, hedging, insults, attitudes, talk about talk
    *_words("acts/wrongdoing_verbs.txt", "acts/wrongdoing_words.txt", "acts/hedge_markers.txt"),
    Table("innocence_phrases", "acts/innocence.txt", read_words),
    Table("rejection_phrases", "acts/rejection.txt", read_words),
    *_words("acts/insults.txt", "acts/attitude_cues.txt", "acts/kin_nouns.txt"),
    *_words("acts/talk_verbs.txt", "acts/finding_nouns.txt", "acts/setting_nouns.txt"),
    *_words("acts/direction_words.txt", "acts/side_nouns.txt"),
    # speakers
    *_words("speakers/person_nouns.txt", "speakers/org_nouns.txt", "speakers/media_words.txt"),
    *_words("speakers/outlets.txt", "speakers/government_nouns.txt"),
    *_words("speakers/partitive_words.txt"),
    Table("role_gender_rows", "speakers/role_genders.tsv", _table("noun gender")),
    Table("show_rows", "speakers/shows.tsv", _table("show network")),
    # names
    *_words("names/title_words.txt", "names/person_titles.txt", "names/bare_titles.txt"),
    *_words("names/headline_small_words.txt", "names/not_actors.txt"),
    *_words("names/portfolio_words.txt", "names/law_words.txt", "names/work_nouns.txt"),
    *_words("names/org_designators.txt", "names/other_thing_heads.txt", "names/whole_names.txt"),
    Table("first_name_rows", "names/first_names.tsv", _table("name gender")),
    Table("entity_fix_rows", "names/entity_fixes.tsv", _table("label phrase", 2)),
    # curated lists shared with dbt
    Table("demonyms", SEEDS + "demonyms.csv", partial(read_map, key="demonym", value="place")),
    Table(
        "actor_aliases",
        SEEDS + "actor_aliases.csv",
        partial(read_map, key="alias", value="canonical_name"),
    ),
    Table(
        "actor_types",
        SEEDS + "known_actors.csv",
        partial(read_map, key="canonical_name", value="actor_type"),
    ),
    # derived from WordNet 3.0 and VADER for the learned act model (`make lexicons`;
    # provenance and licences in lexicons/README.md)
    Table("word_classes", "lexicons/wordnet_classes.tsv", read_word_classes),
    Table("valences", "lexicons/valence.tsv", read_valences),
    Table(  # also int_actor_roles: "Sen." and "senator" are one role
        "title_abbreviations",
        SEEDS + "title_abbreviations.csv",
        partial(read_map, key="abbreviation", value="role"),
    ),
    # learned from PolNeAR train (`python -m pipeline.evaluation.cue_learning`)
    Table("cue_stat_rows", "learned/cue_table.tsv", _table("lemma frame claims matched", 2)),
    # learned from PolNeAR train (`python -m pipeline.evaluation.phrasal_cues`): "shrugged off"
    Table("phrasal_stat_rows", "learned/phrasal_cues.tsv", _table("lemma frame claims matched", 2)),
    Table("candidate_lemmas", "learned/cue_candidates.txt", lambda p: tuple(read_lines(p))),
)


def _lemmas_tagged(tag: str) -> Callable[[Rows], frozenset[str]]:
    return lambda rows: frozenset(r["lemma"] for r in rows if tag in r["tags"].split())


# the frames of a verb of accusing the curated table does not list ("trashed Comey", "savaging
# funders as corrupt insiders", "branded him a liar")
ACCUSATION_VERB_FRAMES = ("accuse", "object")


def _verb_frames(rows: Rows, accusation_rows: Rows) -> dict[str, tuple[str, ...]]:
    """lemma -> frames: the curated table's, then the WordNet verbs of accusing it lacks."""
    out = {r["lemma"]: tuple(r["frames"].split()) for r in rows if r["frames"]}
    listed = {r["lemma"] for r in rows}
    for r in accusation_rows:
        if r["lemma"] not in listed:
            out[r["lemma"]] = ACCUSATION_VERB_FRAMES
    return out


def _verb_acts(rows: Rows, accusation_rows: Rows) -> dict[str, str]:
    """lemma -> act: the curated table's, and `accuse` for the WordNet verbs it lacks."""
    out = {r["lemma"]: r["act"] for r in rows if r["act"]}
    listed = {r["lemma"] for r in rows}
    out.update({r["lemma"]: "accuse" for r in accusation_rows if r["lemma"] not in listed})
    return out


def _place_aliases(aliases: Mapping[str, str], types: Mapping[str, str]) -> dict[str, str]:
    """The curated aliases of actors typed `place` ("u.s." -> United States): the extractor
    normalises place mentions with them; dbt merges actors with all aliases."""
    return {alias: name for alias, name in aliases.items() if types.get(name.lower()) == "place"}


VIEWS: tuple[View, ...] = (
    # cue verbs: lemma -> curated frames, lemma -> act, tagged lemmas
    View("curated_frames", ("cue_verb_rows", "accusation_verb_rows"), _verb_frames),
    View("verb_acts", ("cue_verb_rows", "accusation_verb_rows"), _verb_acts),
    View("naming_verbs", ("cue_verb_rows",), _lemmas_tagged("naming")),
    View("passive_report_verbs", ("cue_verb_rows",), _lemmas_tagged("passive-report")),
    # inflection exceptions
    View(
        "irregular_forms",
        ("inflection_rows",),
        lambda rows: {r["lemma"]: tuple(r["forms"].split()) for r in rows},
    ),
    View(
        "doubling",
        ("inflection_rows",),
        lambda rows: frozenset(r["lemma"] for r in rows if r["doubles"] == "yes"),
    ),
    # cue nouns and adjectives
    View(
        "possessed_noun_cues",
        ("cue_noun_rows",),
        lambda rows: {
            r["noun"]: tuple(r["possessed_preps"].split()) for r in rows if r["possessed_preps"]
        },
    ),
    View(
        "noun_cues",
        ("cue_noun_rows",),
        lambda rows: frozenset(r["noun"] for r in rows if r["unattributed"] == "yes"),
    ),
    View(
        "noun_acts",
        ("cue_noun_rows",),
        lambda rows: {r["noun"]: r["act"] for r in rows if r["act"]},
    ),
    View(
        "accusation_nouns",
        ("accusation_noun_rows",),
        lambda rows: frozenset(r["noun"] for r in rows),
    ),
    View(
        "adjective_cues",  # adjective -> prepositions of its object
        ("cue_adjective_rows",),
        lambda rows: {r["adjective"]: tuple(r["preps"].split()) for r in rows},
    ),
    # support verbs: (verb lemma, word) -> (content slots, act, the preposition of the speaker
    # when the subject is the one spoken about, else ""); a word reached through a preposition
    # is keyed with it: ("come", "under fire")
    View(
        "support_cues",
        ("support_rows",),
        lambda rows: {
            (r["verb"], f"{r['via']} {word}".strip()): (
                tuple(r["content"].split()),
                r["act"],
                r["speaker"],
            )
            for r in rows
            for word in r["words"].split()
        },
    ),
    # names
    View("first_names", ("first_name_rows",), lambda rows: {r["name"]: r["gender"] for r in rows}),
    View("show_networks", ("show_rows",), lambda rows: {r["show"]: r["network"] for r in rows}),
    View(
        "role_genders", ("role_gender_rows",), lambda rows: {r["noun"]: r["gender"] for r in rows}
    ),
    View(
        "entity_fixes",
        ("entity_fix_rows",),
        lambda rows: tuple((r["label"], r["phrase"]) for r in rows),
    ),
    View("place_aliases", ("actor_aliases", "actor_types"), _place_aliases),
    # learned: (lemma, frame key) -> (claims, matched)
    View(  # the phrasal pairs only where the cue table has not seen the pair
        "cue_stats",
        ("phrasal_stat_rows", "cue_stat_rows"),
        lambda phrasal, rows: {
            (r["lemma"], r["frame"]): (int(r["claims"]), int(r["matched"]))
            for r in (*phrasal, *rows)
        },
    ),
)


def read_tables(data_dir: Path, seeds_dir: Path) -> dict[str, Any]:
    """Every table of `TABLES` read from its file, then every view of `VIEWS`, by name."""
    out: dict[str, Any] = {}
    for table in TABLES:
        rel = table.file
        path = seeds_dir / rel.removeprefix(SEEDS) if rel.startswith(SEEDS) else data_dir / rel
        out[table.name] = table.read(path)
    for view in VIEWS:
        out[view.name] = view.compute(*(out[name] for name in view.tables))
    return out


def seed_files(seeds_dir: Path) -> tuple[Path, ...]:
    """The curated files the tables read from the dbt seeds folder, in registry order."""
    return tuple(seeds_dir / t.file.removeprefix(SEEDS) for t in TABLES if t.file.startswith(SEEDS))
