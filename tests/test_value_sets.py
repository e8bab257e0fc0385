"""One home for every value set, `dbt_project/seeds/value_sets.csv`: Python, dbt and the
expectation suites read it, and no copy anywhere else (dbt yml, suite JSON, Python constants,
README and dbt docs) drifts from it."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import duckdb
import jinja2
import pytest
import yaml

from pipeline.common import value_sets
from pipeline.common.paths import DBT_PROJECT_DIR, EXPECTATIONS_DIR
from pipeline.common.value_sets import VALUE_SETS_FILE, ValueSetError, read_value_sets
from pipeline.extract import entities, records
from pipeline.ingest import readers
from pipeline.ingest.records import QUARANTINE_REASONS, QuarantineItem
from pipeline.report import data as report_data

ROOT = Path(__file__).resolve().parents[1]
DBT = DBT_PROJECT_DIR
SETS = read_value_sets()
# what the code holds, read from the home; a constant written out by hand would drift
PYTHON_COPIES = {
    "ingest QUARANTINE_REASONS": (QUARANTINE_REASONS, "quarantine_reason"),
    "ingest SUPPORTED_SUFFIXES": (readers.SUPPORTED_SUFFIXES, "input_suffix"),
    "ingest FORMAT_READERS": (tuple(readers.FORMAT_READERS), "source_format"),
    "extract CLAIM_FORMS": (records.CLAIM_FORMS, "claim_form"),
    "extract CLAIM_ACTS": (records.CLAIM_ACTS, "claim_act"),
    "extract TARGET_ROLES": (records.TARGET_ROLES, "target_role"),
    "extract SPEAKER_TYPES": (records.SPEAKER_TYPES, "speaker_type"),
    "extract MENTION_LABELS": (tuple(entities.MENTION_LABELS), "entity_label"),
    "report FORMS": (report_data.FORMS, "claim_form"),
    "report ACTS": (report_data.ACTS, "claim_act"),
}


def _dbt_tests(node: object) -> list[dict]:
    """Every generic test configuration ({name: config}) in a parsed dbt yml."""
    found = []
    if isinstance(node, dict):
        found.extend(t for t in node.get("data_tests", []) if isinstance(t, dict))
        for value in node.values():
            found.extend(_dbt_tests(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_dbt_tests(item))
    return found


def _dbt_problems() -> list[str]:
    """accepted_values lists (copies) anywhere in the dbt project; in_value_set names a set."""
    problems = []
    for path in sorted([*DBT.glob("models/**/*.yml"), *DBT.glob("seeds/*.yml")]):
        for test in _dbt_tests(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if "accepted_values" in test:
                problems.append(f"{path.name}: accepted_values copies a value set: in_value_set")
            if "in_value_set" in test:
                name = test["in_value_set"]["arguments"]["value_set"]
                if name not in SETS:
                    problems.append(f"{path.name}: in_value_set names unknown set {name!r}")
    return problems


def _suite_problems() -> list[str]:
    """In the suite JSON (as written, before loading): a value set is a parameter naming a set
    of the home; a literal list of strings is only a rule's subset (accuse and deny) of one
    set, never a whole set written out."""
    problems = []
    for path in sorted(EXPECTATIONS_DIR.glob("*.json")):
        for exp in json.loads(path.read_text(encoding="utf-8"))["expectations"]:
            value = exp["kwargs"].get("value_set")
            where = f"{path.name} {exp['kwargs'].get('column')}"
            if isinstance(value, dict):
                if value.get("$PARAMETER") not in SETS:
                    problems.append(f"{where}: parameter {value} names no value set")
            elif value and all(isinstance(v, str) for v in value):
                if not any(set(value) <= set(values) for values in SETS.values()):
                    problems.append(f"{where}: {value} is no subset of any value set")
                whole = [name for name, values in SETS.items() if set(value) == set(values)]
                if whole:
                    problems.append(f"{where}: {value} copies value set {whole[0]}: $PARAMETER")
    return problems


def _literal_copies() -> list[str]:
    """String collections written out in pipeline/ that hold a whole value set (of 3 or
    more values): hand copies that would not follow the home."""
    problems = []
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Tuple | ast.List | ast.Set):
                continue
            strings = {e.value for e in node.elts if isinstance(e, ast.Constant)}
            for name, values in SETS.items():
                if len(values) >= 3 and set(values) <= strings:
                    rel = path.relative_to(ROOT)
                    problems.append(f"{rel}:{node.lineno}: a copy of value set {name}")
    return problems


def _docs_problems() -> list[str]:
    """The README, docs/reliability.md and the dbt docs list values as the home has them."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reliability = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    reasons = reliability.split("whose reason is one of:")[1].split("\n\n")[1]
    listed = {
        "quarantine_reason": dict(re.findall(r"^\| `(\w+)` \| (.+) \|$", reasons, re.M)),
        "input_suffix": re.findall(
            r"`(\.\w+)`", readme.split("1. **Input.**")[1].split("To read another")[0]
        ),
        "claim_form": re.search(r"`form` \(([^:]+):", readme).group(1).split(", "),
        "claim_act": re.search(r"`act` \(([^:]+):", readme).group(1).split(", "),
        "actor_type": re.sub(
            r"\bor ", "", re.search(r"real-world actor \(([^:]+):", readme).group(1)
        ).split(", "),
    }
    docs = (DBT / "models" / "claim_values.md").read_text(encoding="utf-8")
    for name, block in (("claim_form", "claim_form"), ("claim_act", "claim_act"),
                        ("target_role", "target_role")):  # fmt: skip
        text = docs.split(f"{{% docs {block} %}}")[1].split("{% enddocs %}")[0]
        text = re.sub(r"\n  +", " ", text)  # a meaning continued on the next line
        listed[f"{name} (dbt docs)"] = dict(re.findall(r"^- `(\w+)`: (.+)$", text, re.M))
    problems = []
    for label, found in listed.items():
        name = label.split(" ")[0]
        want = SETS[name] if isinstance(found, dict) else list(SETS[name])
        if isinstance(found, dict) and found != want:
            wrong = sorted(k for k in found.keys() & want.keys() if found[k] != want[k])
            problems.append(
                f"{label}: missing {sorted(want.keys() - found.keys())}, extra "
                f"{sorted(found.keys() - want.keys())}, other meanings {wrong}"
            )
        elif found != want:
            problems.append(f"{label}: lists {found}, the home has {want}")
    return problems


def test_no_copy_of_a_value_set_drifts_from_its_home() -> None:
    problems = [f"python {label}: {sorted(held)} != value set {name} {sorted(SETS[name])}"
                for label, (held, name) in PYTHON_COPIES.items()
                if set(held) != set(SETS[name])]  # fmt: skip
    problems += _dbt_problems() + _suite_problems() + _literal_copies() + _docs_problems()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        ("value,value_set,meaning\n", ":1:", "header"),
        ("value_set,value,meaning\nclaim_act,accuse\n", ":2:", "3 non-blank cells"),
        ("value_set,value,meaning\nclaim_act, accuse,x\n", ":2:", "outer spaces"),
        ("value_set,value,meaning\nClaim Act,accuse,x\n", ":2:", "snake_case"),
        ("value_set,value,meaning\na,b,c\na,d,e\na,b,f\n", ":4:", "listed twice in a"),
    ],
)
def test_the_reader_names_file_and_line_of_a_bad_row(
    tmp_path: Path, content: str, where: str, message: str
) -> None:
    path = tmp_path / "value_sets.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueSetError, match=re.escape(f"{path}{where}") + ".*" + message):
        read_value_sets(path)


def test_an_unknown_set_or_reason_fails_where_it_is_named() -> None:
    with pytest.raises(ValueSetError, match="no value set named 'claim_acts'"):
        value_sets.values("claim_acts")
    # a reason dbt and the suites do not accept cannot even be made
    with pytest.raises(ValueError, match="unknown quarantine reason 'vanished'.*value_sets.csv"):
        QuarantineItem("a.txt", "vanished", "gone")
    assert QuarantineItem("a.txt", "reader_error", "bug").reason in SETS["quarantine_reason"]


def test_the_dbt_test_refuses_values_outside_the_set_and_unknown_sets() -> None:
    """`in_value_set` (dbt_project/macros) run on DuckDB against the seed file itself."""
    macro = (DBT / "macros" / "test_in_value_set.sql").read_text(encoding="utf-8")
    seed = f"read_csv('{VALUE_SETS_FILE}', header=true, all_varchar=true)"
    env = jinja2.Environment(extensions=["jinja2.ext.do"])
    env.globals["ref"] = lambda name: {"value_sets": seed}[name]
    body = macro.split("{% test in_value_set(model, column_name, value_set) %}")[1]
    body = body.split("{% endtest %}")[0]
    rows = "(VALUES ('empty'), ('reader_error'), ('symlink'), (NULL), ('vanished')) t(reason)"

    def failures(value_set: str) -> list[tuple]:
        sql = env.from_string(body).render(model=rows, column_name="reason", value_set=value_set)
        with duckdb.connect() as con:  # not the module's default one other tests may hold
            return con.execute(sql).fetchall()

    assert failures("quarantine_reason") == [("vanished", "not in value set quarantine_reason")]
    assert ("empty", "not in value set claim_act") in failures("claim_act")
    assert (None, "no value set named quarantine_reasons in value_sets.csv") in failures(
        "quarantine_reasons"
    )
