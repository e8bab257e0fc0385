"""`newsclaims run --watch`: one warm process that runs the pipeline whenever its inputs change.

A run started by the sensor or by `newsclaims run` is a new process: Python, Dagster, the
definitions, spaCy, the encoder and the GX worker load again before one new article is read
(≈ 8 s of a 20 s run on 30 articles). A feed that drops articles one by one pays that each
time. Watching keeps them loaded: every `every_s` seconds it asks the run stamp
(`pipeline.run.stamp`) whether anything a run depends on changed, and runs in this process
when it did — the same run, lock and Dagster instance as `newsclaims run`, so the UI lists it.

    watch(cfg, run_once=lambda: run_and_stamp(cfg), every_s=30)   # until Ctrl-C

A change to the Python code or its data files (`pipeline/`, the lock file) cannot be picked
up by a process that already loaded them: watching then stops with a line saying so (a
supervisor restarts it). A correction, a dbt model or a suite is read by each run afresh. A
run that fails is not repeated for the same inputs; the next change runs again.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.common.settings import Settings
from pipeline.run.stamp import RunStamp, code_hash

# exit status when the code changed under a watching process: restart it (EX_TEMPFAIL)
CODE_CHANGED = 75


@dataclass
class Watcher:
    """The loop's memory: what the last failed run saw, and the code this process runs.

    w = Watcher(stamp=RunStamp(Settings.from_env()))
    w.step(run_once=lambda: 0)   # calls run_once when something changed since the last run
    """

    stamp: RunStamp
    say: Callable[[str], None] = lambda line: print(f"newsclaims run --watch: {line}", flush=True)
    failed_state: dict | None = None
    # `--force` / `--full-refresh`: the first look runs even when nothing changed
    run_first: bool = False
    code: str = field(default_factory=lambda: code_hash(folders=("pipeline",)))

    def step(self, run_once: Callable[[], int]) -> int | None:
        """Look once: run if the inputs changed. None, or `CODE_CHANGED` to stop watching."""
        if code_hash(folders=("pipeline",)) != self.code:
            self.say("the code changed since this process started; restart it to run the new code")
            return CODE_CHANGED
        state = self.stamp.state()
        forced, self.run_first = self.run_first, False
        if not forced and (state == self.failed_state or self.stamp.unchanged(state) is not None):
            return None
        status = run_once()
        # after a failure the stamp is not written: remember what failed so it is not run
        # again and again for the same inputs (the state as the run left it: its own writes)
        self.failed_state = self.stamp.state() if status else None
        return None


def watch(
    cfg: Settings,
    run_once: Callable[[], int],
    every_s: float,
    run_first: bool = False,
) -> int:
    """Run `run_once` now if anything changed, then whenever something changes; Ctrl-C stops.

    `run_first` runs at the first look even when nothing changed (`--force`).
    Returns the exit status: 0 when stopped by Ctrl-C between runs, `CODE_CHANGED` when the
    code changed. (A signal during a run stops the run the way `newsclaims run` does.)
    """
    watcher = Watcher(stamp=RunStamp(cfg), run_first=run_first)
    watcher.say(
        f"watching {cfg.seeds_dir} every {every_s:g} s (Ctrl-C stops); "
        f"warehouse {cfg.warehouse_path}"
    )
    if not run_first and (reason := watcher.stamp.unchanged()):
        watcher.say(reason)
    try:
        while True:
            status = watcher.step(run_once)
            if status is not None:
                return status
            time.sleep(every_s)
    except KeyboardInterrupt:
        print("\nnewsclaims run --watch: stopped", file=sys.stderr, flush=True)
        return 0
