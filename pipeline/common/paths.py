"""Where the checkout's own folders are: they move with the code, never with the environment
(settings.py holds what a user may set). The one home of each path below.

    from pipeline.common.paths import DBT_SEEDS_DIR
    DBT_SEEDS_DIR / "value_sets.csv"   # .../dbt_project/seeds/value_sets.csv
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
# the curated lists and value sets: dbt seeds, read by the extractor, ingest and the GX suites too
DBT_SEEDS_DIR = DBT_PROJECT_DIR / "seeds"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
