"""One home per curated list: the extractor and dbt read the same seeds and agree on them."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import jinja2
import pytest

from pipeline.common.paths import DBT_PROJECT_DIR
from pipeline.extract.lexicon import CURATED_DIR, default_lexicon
from pipeline.extract.names import demonym_country, normalize_name

ROOT = Path(__file__).resolve().parents[1]
DBT = DBT_PROJECT_DIR
LEX = default_lexicon()
# NER labels of the extractor's entity fixes and the actor types of known_actors.csv
LABEL_TYPES = {"ORG": "organisation", "GPE": "place", "LOC": "place", "PERSON": "person"}


def _rows(name: str) -> list[dict[str, str]]:
    with (CURATED_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _render(sql: str, **tables: str) -> str:
    """dbt SQL with `ref()` pointing at plain DuckDB table expressions and macros loaded."""
    macros = (DBT / "macros" / "actor_key.sql").read_text(encoding="utf-8")
    template = jinja2.Environment().from_string(macros + sql)
    return template.render(ref=lambda name: tables[name])


def test_the_extractor_reads_the_dbt_seeds():
    assert {CURATED_DIR / "demonyms.csv", CURATED_DIR / "actor_aliases.csv"} <= set(LEX.sources)
    assert LEX.demonyms == {r["demonym"].lower(): r["place"] for r in _rows("demonyms.csv")}
    places = {r["canonical_name"] for r in _rows("known_actors.csv") if r["actor_type"] == "place"}
    aliases = {r["alias"]: r["canonical_name"] for r in _rows("actor_aliases.csv")}
    assert LEX.place_aliases == {a: n for a, n in aliases.items() if n in places}
    assert LEX.place_aliases["u.s."] == "United States"


def test_demonym_forms_agree_between_python_and_sql():
    seed = f"read_csv('{CURATED_DIR / 'demonyms.csv'}', header=true, all_varchar=true)"
    model = (DBT / "models" / "intermediate" / "int_demonym_forms.sql").read_text()
    forms = dict(duckdb.sql(_render(model, demonyms=seed)).fetchall())
    for demonym, place in LEX.demonyms.items():
        assert forms[demonym] == place
    for form, place in forms.items():
        assert demonym_country(form, LEX) == place, form
    assert forms["ukrainians"] == "Ukraine" and demonym_country("Ukrainians", LEX) == "Ukraine"


def test_entity_fixes_agree_with_known_actors():
    known = {r["canonical_name"]: r["actor_type"] for r in _rows("known_actors.csv")}
    checked = 0
    for label, phrase in LEX.entity_fixes:
        name = re.sub(r"^the ", "", phrase)
        if name in known and label in LABEL_TYPES:
            assert LABEL_TYPES[label] == known[name], f"{phrase}: {label} vs {known[name]}"
            checked += 1
    assert checked >= 5  # Kremlin, White House, NATO, FSB, Daily Mail, ...


@pytest.mark.parametrize(
    "surface, label",
    [
        ("the Kremlin's", "ORG"),
        ("Putin’s", "PERSON"),
        ("The White House", "ORG"),
        ("  Daily   Mail ", "ORG"),
        ("“Gazprom”", "ORG"),
        ("Belgorod,", "GPE"),
    ],
)
def test_sql_actor_key_and_python_normalisation_agree(surface, label):
    # both strip possessives, a leading "the", quotes and extra spaces the same way: the
    # key dbt computes from the extractor's name equals the key of the text as written
    name, _ = normalize_name(surface, label, LEX)
    sql = _render("select {{ actor_key('$1') }}")
    key_of = lambda text: duckdb.execute(sql, [text]).fetchone()[0]  # noqa: E731
    assert key_of(name) == key_of(surface)
    assert key_of(name) == name.lower()


def _lexicon_with(tmp_path: Path, **rows: str):
    """The lexicon loaded with copies of the seeds, `rows` appended to the named seed files."""
    import shutil

    from pipeline.extract.lexicon import DATA_DIR, Lexicon

    seeds = tmp_path / "seeds"
    shutil.copytree(CURATED_DIR, seeds)
    for name, row in rows.items():
        with (seeds / f"{name}.csv").open("a", encoding="utf-8") as fh:
            fh.write(row + "\n")
    return Lexicon.load(DATA_DIR, seeds)


def test_an_alias_dbt_alone_applies_keeps_the_extractor_version(tmp_path: Path):
    """Editing actor_aliases.csv re-extracted every article (the lexicon hashed the seed files):
    only what the rules read of the seeds (demonyms, the aliases of places) counts."""
    from pipeline.extract import rules_hash

    base = rules_hash(LEX)
    person = _lexicon_with(tmp_path / "a", actor_aliases="judge jackson,Amy Berman Jackson")
    assert rules_hash(person) == base
    typed = _lexicon_with(tmp_path / "b", known_actors="Amy Berman Jackson,person")
    assert rules_hash(typed) == base
    place = _lexicon_with(tmp_path / "c", actor_aliases="the states,United States")
    assert place.place_aliases["the states"] == "United States"
    assert rules_hash(place) != base
    demonym = _lexicon_with(tmp_path / "d", demonyms="narnian,Narnia")
    assert rules_hash(demonym) != base
    # the antecedent rules read title_abbreviations.csv: an edit re-extracts
    title = _lexicon_with(tmp_path / "e", title_abbreviations="brig,brigadier")
    assert title.title_abbreviations["brig"] == "brigadier"
    assert rules_hash(title) != base


def test_the_rules_read_curated_seeds_only_through_the_hashed_tables():
    """A rule reading `lex.actor_aliases` or `lex.actor_types` directly would escape the
    fingerprint: they are read through the `place_aliases` view only."""
    from pipeline.extract.lexicon import CURATED_TABLES_READ

    assert set(CURATED_TABLES_READ) == {"demonyms", "place_aliases", "title_abbreviations"}
    package = ROOT / "pipeline" / "extract"
    pattern = re.compile(r"\.(actor_aliases|actor_types)\b|table\(\"(actor_aliases|actor_types)")
    readers = [
        p.relative_to(ROOT).as_posix()
        for p in package.rglob("*.py")
        if p.name != "lexicon_tables.py" and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert readers == []


def test_no_curated_alias_is_a_forbidden_merge():
    # the extractor applies actor_aliases.csv inside an article without reading
    # actor_never_merge.csv: an alias the never-merge list forbids would merge there anyway
    key = _render("select {{ actor_key('$1') }}")
    key_of = lambda text: duckdb.execute(key, [text]).fetchone()[0]  # noqa: E731
    forbidden = {
        frozenset((key_of(r["name"]), key_of(r["other_name"])))
        for r in _rows("actor_never_merge.csv")
        if r["other_name"].strip() != "*"
    }
    assert forbidden  # the list is read: "republicans" / "Republican Party" at least
    for row in _rows("actor_aliases.csv"):
        pair = frozenset((key_of(row["alias"]), key_of(row["canonical_name"])))
        assert pair not in forbidden, (
            f"actor_aliases.csv: {row['alias']} is in actor_never_merge.csv"
        )
