"""Settings: one frozen object made once from the environment (`pipeline/common/settings.py`),
the only module that reads a variable; docs/configuration.md's table is generated from its
`VARIABLES`."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.common.settings import VARIABLES, Settings, SettingsError, markdown_table
from tests import one_home

ROOT = Path(__file__).resolve().parents[1]
PIPELINE = ROOT / "pipeline"
# os.environ read or written, os.getenv/putenv: only settings.py, and these (each says why)
_ENVIRON = re.compile(r"os\.environ|os\.(get|put|unset)env")
PASSING_ON = {
    # dbt's own variables (DBT_TARGET_PATH from a caller) are dropped from the parse's environment
    "pipeline/dbt_build/builds.py",
    # the warm client hands dbt its whole environment; the server is that client's dbt process
    "pipeline/dbt_build/warm.py",
    # the benchmark runs a fresh clone without this checkout's virtualenv
    "pipeline/devtools/ops_bench.py",
}


def test_the_documented_table_is_the_settings_table():
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    table = doc.split("\n\n| variable", 1)[1]
    assert "| variable" + table == markdown_table(), (
        "docs/configuration.md: paste markdown_table() at its end"
    )


def test_every_variable_sets_one_field_and_every_field_has_a_variable():
    fields = [f.name for f in dataclasses.fields(Settings)]
    assert sorted(v.field for v in VARIABLES) == sorted(fields)
    assert len({v.name for v in VARIABLES}) == len(VARIABLES)


def test_only_the_settings_module_reads_the_environment():
    found = one_home.copies(_ENVIRON, PIPELINE, home=PIPELINE / "common" / "settings.py")
    assert {line.rsplit(":", 1)[0] for line in found} <= PASSING_ON, found


def test_the_settings_are_built_again_from_what_they_hand_on(tmp_path: Path):
    cfg = Settings.from_env({"NEWSCLAIMS_SEEDS": str(tmp_path), "NEWSCLAIMS_PRESTART": "never"})
    assert cfg.seeds_dir == tmp_path and cfg.prestart_now() is False
    assert Settings.from_env(cfg.as_environment()) == cfg
    moved = cfg.replace(warehouse_path=tmp_path / "w" / "n.duckdb")
    assert moved.report_dir == tmp_path / "w" / "report"  # the report follows the warehouse
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.seeds_dir = Path("elsewhere")  # type: ignore[misc]


def test_a_set_variable_wins_and_a_changed_environment_needs_new_settings(monkeypatch):
    monkeypatch.setenv("NEWSCLAIMS_MAX_FILE_BYTES", "1000")
    cfg = Settings.from_env()
    monkeypatch.setenv("NEWSCLAIMS_MAX_FILE_BYTES", "2000")
    assert cfg.max_file_bytes == 1000 and Settings.from_env().max_file_bytes == 2000
    assert "NEWSCLAIMS_MAX_FILE_BYTES" in cfg.run_inputs()
    assert "NEWSCLAIMS_QUERY_TIMEOUT_S" not in cfg.run_inputs()  # how long a query may run


def test_a_value_that_cannot_be_read_is_one_line_naming_the_variable(tmp_path: Path):
    with pytest.raises(SettingsError, match="NEWSCLAIMS_BATCH_SIZE='many'"):
        Settings.from_env({"NEWSCLAIMS_BATCH_SIZE": "many"})
    with pytest.raises(SettingsError, match="NEWSCLAIMS_PRESTART='sometimes'.*auto, always"):
        Settings.from_env({"NEWSCLAIMS_PRESTART": "sometimes"})
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli.main", "report"],
        env={"NEWSCLAIMS_QUERY_MAX_ROWS": "ten", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "newsclaims: error: NEWSCLAIMS_QUERY_MAX_ROWS='ten' cannot be read "
        "(invalid literal for int() with base 10: 'ten')"
    ]
