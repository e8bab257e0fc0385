"""Reviewed corrections (dbt_project/seeds/{actor,claim}_corrections.csv): the reader and
`newsclaims correct` refuse a bad row in one line naming file, line and fix, and append a
good one that the next dbt build applies (the rules: the dbt unit tests in
dbt_project/models/intermediate/_int_*_unit_tests.yml)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.common.paths import DBT_SEEDS_DIR
from pipeline.common.value_sets import values
from pipeline.corrections import (
    HEADERS,
    CorrectionError,
    add_correction,
    add_never_merge,
    check_corrections,
    corrections_file,
    read_corrections,
)

CLAIM = "7496b5c6fcd9a765"
ARTICLE = "5dec2ee0d569e90b"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for kind in HEADERS:
        shutil.copy(corrections_file(kind), tmp_path)
    return tmp_path


def test_the_shipped_files_are_valid_and_document_their_actions():
    assert check_corrections(DBT_SEEDS_DIR) >= 0
    yml = (DBT_SEEDS_DIR / "_seeds.yml").read_text(encoding="utf-8")
    for kind in HEADERS:
        assert f"value_set: {kind}_correction" in yml
        for action in values(f"{kind}_correction"):
            assert action in yml or kind == "actor", action


@pytest.mark.parametrize(
    ("kind", "row", "message"),
    [
        ("actor", "splt,Jackson,Amy Berman Jackson,,", "action 'splt' is not one of merge"),
        ("actor", "split,Jackson,Amy Berman Jackson,,", "split needs the article_id"),
        ("actor", f"merge,Jackson,Andrew Jackson,{ARTICLE},", "merge takes no article_id"),
        ("actor", "type,Houthis,militia,,", "type value 'militia' is not one of person"),
        ("actor", "never_merge,Jackson,Andrew Jackson,,", "add the pair to actor_never_merge.csv"),
        ("actor", "merge,,Andrew Jackson,,", "name is empty"),
        ("actor", "rename,Houthis,Houthi movement", "3 cells, the header has 5"),
        ("claim", "act,7496b5c6fcd9a765,denied,", "act value 'denied' is not one of accuse"),
        ("claim", "not_claim,7496b5c6fcd9a76,,", "is not 16 hex digits"),
        ("claim", f"not_claim,{CLAIM},deny,", "not_claim takes no value"),
        ("claim", f"speaker,{CLAIM},,", "speaker needs a value"),
    ],
)
def test_a_bad_row_names_file_line_and_fix(folder: Path, kind: str, row: str, message: str):
    path = corrections_file(kind, folder)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(row + "\n")
    with pytest.raises(CorrectionError) as caught:
        read_corrections(kind, path)
    text = str(caught.value)
    assert text.startswith(f"{path}:2: ") and message in text, text
    assert "\n" not in text


def test_a_correction_is_appended_once_and_a_contradiction_refused(folder: Path):
    line = add_correction(
        "actor",
        {"action": "split", "name": "Jackson", "value": "Amy Berman Jackson", "article_id": ARTICLE,
         "note": "the judge, not the president, here"},
        folder,
    )  # fmt: skip
    assert line == 2
    assert add_correction("claim", {"action": "act", "claim_id": CLAIM, "value": "deny"}, folder)
    rows = read_corrections("actor", corrections_file("actor", folder))
    assert rows[0].fields["note"] == "the judge, not the president, here"
    with pytest.raises(CorrectionError, match=r"actor_corrections.csv:2: already has a split"):
        add_correction(
            "actor",
            {"action": "split", "name": "jackson", "value": "Jesse Jackson", "article_id": ARTICLE},
            folder,
        )
    with pytest.raises(CorrectionError, match="not added: act value 'maybe'"):
        add_correction("claim", {"action": "act", "claim_id": CLAIM, "value": "maybe"}, folder)
    assert check_corrections(folder) == 2
    assert not list(folder.glob(".*.tmp"))


def test_a_value_with_a_comma_is_quoted(folder: Path):
    add_correction("actor", {"action": "rename", "name": "Trump", "value": "Trump, Donald"}, folder)
    text = corrections_file("actor", folder).read_text(encoding="utf-8")
    assert text.splitlines()[-1] == 'rename,Trump,"Trump, Donald",,'
    assert read_corrections("actor", corrections_file("actor", folder))[0].fields["value"] == (
        "Trump, Donald"
    )


def test_newsclaims_correct_checks_the_subject_in_the_warehouse(pipeline_run, capsys):
    """`newsclaims correct` refuses a claim_id or actor the published warehouse lacks (one
    line, exit 2) before it writes anything."""
    from pipeline.cli.main import main

    before = {k: corrections_file(k).read_bytes() for k in HEADERS}
    warehouse = ["--warehouse", str(pipeline_run.published)]
    assert main(["correct", "claim", "not_claim", "0" * 16, *warehouse]) == 2
    assert "no claim_id '0000000000000000' in" in capsys.readouterr().err
    assert main(["correct", "actor", "rename", "Vladimir Ptuin", "Putin", *warehouse]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsclaims: error: no actor name") and "\n" not in err
    assert main(["correct", "actor", "splt", "Putin", "x", *warehouse]) == 2
    assert "is not one of merge, split" in capsys.readouterr().err
    assert {k: corrections_file(k).read_bytes() for k in HEADERS} == before


def test_never_merge_has_one_home_actor_never_merge_csv(tmp_path: Path, capsys):
    """A merge that must never happen is a row of actor_never_merge.csv (int_actor_map reads
    it), not an action of actor_corrections.csv: `newsclaims correct actor never_merge`
    appends there, once per pair in either order."""
    from pipeline.cli.main import main

    assert "never_merge" not in values("actor_correction")
    shutil.copy(DBT_SEEDS_DIR / "actor_never_merge.csv", tmp_path)
    path = tmp_path / "actor_never_merge.csv"
    n_lines = len(path.read_text(encoding="utf-8").splitlines())
    line = add_never_merge("Jackson", "Andrew Jackson", "the judge, not the president", tmp_path)
    assert line == n_lines + 1
    last = path.read_text(encoding="utf-8").splitlines()[-1]
    assert last == 'Jackson,Andrew Jackson,"the judge, not the president"'
    with pytest.raises(CorrectionError, match=rf"actor_never_merge.csv:{line}: already forbids"):
        add_never_merge("andrew jackson", "jackson", "", tmp_path)
    assert add_never_merge("Putin", "*", "", tmp_path) == line + 1
    assert not list(tmp_path.glob(".*.tmp"))

    before = (DBT_SEEDS_DIR / "actor_never_merge.csv").read_bytes()
    assert main(["correct", "actor", "never_merge", "Jackson"]) == 2  # the other name missing
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsclaims: error: ") and "actor_never_merge.csv" in err
    assert "\n" not in err
    assert (DBT_SEEDS_DIR / "actor_never_merge.csv").read_bytes() == before


def test_an_actor_correction_that_would_match_nothing_is_refused(pipeline_run, capsys):
    """A name written in an article but resolved there by the extractor to a longer one (a
    surname, "the Navy" -> "Navy Information Agency") is keyed by the longer one: a split or
    merge of the written name would match nothing (fct_corrections: applied false), so
    `newsclaims correct` refuses it in one line naming the resolved name. The key is dbt's
    own (macros/actor_key.sql): it agrees with every base_key dbt computed."""
    import duckdb

    from pipeline.cli.main import main
    from pipeline.corrections.matching import (
        REFERENCES,
        actor_key_sql,
        actor_problem,
        extractor_joins,
    )

    with duckdb.connect(str(pipeline_run.published), read_only=True) as con:
        n, same = con.execute(
            f"SELECT count(*), count(*) FILTER ({actor_key_sql('resolved_name')} = base_key) "
            "FROM intermediate.int_mentions_keyed WHERE base_key IS NOT NULL"
        ).fetchone()
        article, written, resolved = con.execute(
            "SELECT m.article_id, m.normalized_name, m.resolved_name "
            "FROM intermediate.int_mentions_keyed m WHERE m.is_actor_label AND NOT EXISTS ("
            f"SELECT 1 FROM ({REFERENCES}) r WHERE r.article_id = m.article_id "
            f"AND r.key = {actor_key_sql('m.normalized_name')}) ORDER BY ALL LIMIT 1"
        ).fetchone()
        assert actor_problem(con, "split", resolved, article) is None
        assert "no reference" in actor_problem(con, "split", "Nobody Atall", article)
        # a never_merge of the pair cannot undo the extractor's join: `correct` says so
        assert extractor_joins(con, written, resolved) >= 1
        assert extractor_joins(con, resolved, written) == 0
    assert n > 20 and same == n
    before = {k: corrections_file(k).read_bytes() for k in HEADERS}
    warehouse = ["--warehouse", str(pipeline_run.published)]
    args = ["correct", "actor", "split", written, "Someone Else", "--article", article]
    assert main([*args, *warehouse]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"newsclaims: error: a split of {written!r} in article {article}")
    assert f"resolved {written!r} to {resolved!r}" in err and "\n" not in err
    assert {k: corrections_file(k).read_bytes() for k in HEADERS} == before


def test_a_pasted_claim_id_loses_its_line_end(capsys):
    """An id cut from `newsclaims query --csv` ends in \\r (RFC 4180 lines): the CLI strips it, so
    the row is judged on its act (refused here, nothing written) rather than on a bad id."""
    from pipeline.cli.main import main

    before = {k: corrections_file(k).read_bytes() for k in HEADERS}
    assert main(["correct", "claim", "act", f"{CLAIM}\r", "blame "]) == 2
    err = capsys.readouterr().err
    assert "act value 'blame' is not one of" in err and "16 hex digits" not in err
    assert {k: corrections_file(k).read_bytes() for k in HEADERS} == before
