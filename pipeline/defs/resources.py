"""Resources shared by every asset, check, schedule and sensor."""

import dagster as dg

from pipeline.common import settings
from pipeline.dbt_build.warm import client_executable
from pipeline.defs.dbt import LocalDbtCliResource, dbt_project
from pipeline.run.lifecycle import one_writer_executor
from pipeline.run.resources import ArticleSourceResource, ExtractorResource, WarehouseResource


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        # One process per run (spaCy and GX load once), one run per warehouse at a time.
        executor=one_writer_executor,
        resources={
            "warehouse": WarehouseResource(
                path=str(settings.warehouse_path()), lock_timeout_s=settings.lock_timeout_s()
            ),
            "article_source": ArticleSourceResource(
                seeds_dir=str(settings.seeds_dir()),
                max_file_bytes=settings.max_file_bytes(),
                max_article_chars=settings.max_article_chars(),
            ),
            "dbt": LocalDbtCliResource(
                project_dir=dbt_project,
                dbt_executable=client_executable() or settings.dbt_executable(),
            ),
            "extractor": ExtractorResource(
                model=settings.spacy_model(),
                n_process=settings.n_process(),
                batch_size=settings.batch_size(),
            ),
        },
    )
