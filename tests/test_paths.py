"""The checkout's own folders have one home (`pipeline/common/paths.py`): no other module builds
the dbt project's or its seeds' path from folder names again."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.common import paths, value_sets
from pipeline.extract.lexicon import CURATED_DIR
from tests import one_home

PIPELINE = Path(__file__).resolve().parents[1] / "pipeline"
# "dbt_project" or "expectations" joined onto a path: `ROOT / "dbt_project"`, `"seeds" / ...`
_BUILT = re.compile(r"""/\s*(["'])(dbt_project|expectations)\1|parents\[\d\]\s*/\s*["']""")


def built_again(root: Path) -> list[str]:
    """`path:line` of every module under `root` that builds one of the home's paths itself."""
    return one_home.copies(_BUILT, root, home=PIPELINE / "common" / "paths.py")


def test_no_module_builds_the_project_folders_again():
    assert built_again(PIPELINE) == []


def test_a_copy_is_found(tmp_path: Path):
    (tmp_path / "mod.py").write_text(
        'from pathlib import Path\nSEEDS = Path(__file__).resolve().parents[2] / "dbt_project"\n'
    )
    assert built_again(tmp_path) == [f"{tmp_path.name}/mod.py:2"]


def test_the_readers_of_the_seeds_use_the_home():
    assert CURATED_DIR == paths.DBT_SEEDS_DIR
    assert value_sets.VALUE_SETS_FILE.parent == paths.DBT_SEEDS_DIR
    assert (paths.DBT_SEEDS_DIR / "value_sets.csv").is_file()
    assert (paths.DBT_PROJECT_DIR / "dbt_project.yml").is_file()
    assert any(paths.EXPECTATIONS_DIR.glob("*.json"))
