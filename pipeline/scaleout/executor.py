"""The executor of lake-mode runs: in-process (spaCy loads once per run), the run tagged with
the process that executes it, so a run whose worker was killed can be told from a live one
(`pipeline.run.lifecycle.clean_stale_runs`, which `python -m pipeline.scaleout.runs` calls before
it queues a re-run: the run queue lets one run per partition through, and a dead run's
STARTED status would hold its partition's slot)."""

from __future__ import annotations

import dagster as dg

from pipeline.run.lifecycle import DelegatingExecutor, owner_tags


class TaggedExecutor(DelegatingExecutor):
    """The in-process executor; the run gets `owner_tags` before its first step."""

    def execute(self, plan_context, execution_plan):
        plan_context.instance.add_run_tags(plan_context.run_id, owner_tags())
        yield from self._inner.execute(plan_context, execution_plan)


@dg.executor(name="in_process", config_schema=dg.in_process_executor.config_schema)
def lake_executor(init_context) -> dg.Executor:
    """Every step of a run in its worker's process; many runs at once across the workers."""
    return TaggedExecutor(dg.in_process_executor.executor_creation_fn(init_context))
