"""The dbt generic test `probability` (dbt_project/macros/test_probability.sql), run on DuckDB,
and the confidence columns of the models that carry it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import jinja2
import yaml

DBT = Path(__file__).resolve().parents[1] / "dbt_project"


def test_the_probability_test_refuses_values_outside_0_1_and_passes_nulls() -> None:
    macro = (DBT / "macros" / "test_probability.sql").read_text(encoding="utf-8")
    body = macro.split("{% test probability(model, column_name) %}")[1].split("{% endtest %}")[0]
    rows = "(VALUES (0.0), (0.93), (1.0), (NULL), (1.2), (-0.1)) t(act_confidence)"
    sql = jinja2.Environment().from_string(body).render(model=rows, column_name="act_confidence")
    with duckdb.connect() as con:
        bad = sorted(r[0] for r in con.execute(sql).fetchall())
    assert [float(v) for v in bad] == [-0.1, 1.2]


def test_every_confidence_column_is_tested_as_a_probability() -> None:
    """The analysis model's confidences (and the decision model's) carry the test wherever a
    model documents them."""
    untested = []
    for path in sorted(DBT.glob("models/**/*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
            for col in model.get("columns", []):
                if col["name"].endswith("confidence") and "probability" not in col.get(
                    "data_tests", []
                ):
                    untested.append(f"{model['name']}.{col['name']}")
    assert not untested, untested
