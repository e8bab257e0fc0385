"""Operations benchmark: how long the everyday commands take, timed as whole processes.

    uv run python -m pipeline.devtools.ops_bench [--ref REF] [--repeat N] [--no-tests]  # bench-ops

Clones the repository at REF (default: the committed HEAD) into a temporary folder, installs it
(`make install`, not timed against a target) and then times, as separate processes with a clean
environment (no virtualenv on PATH, like cron or an IDE):

- `make run` on the fresh clone;
- `make run` again with nothing new (its printed lines are counted too);
- `.venv/bin/newsclaims run` invoked by its path with nothing new;
- the same with one new article added to the clone's seeds, and `newsclaims extract` of that
  article alone (the reference of the "one new article ≤ 4.5 x extract" target);
- one new article dropped into a watching process (`newsclaims run --watch`,
  `pipeline.devtools.watch_bench`);
- `make test`.

Each figure is the median of N repetitions (the machine is shared: wall times are noisy, so the
CPU seconds of the whole process tree are printed next to them). Nothing in the clone is patched;
uncommitted changes of the working tree are not measured.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.devtools.watch_bench import time_watch

REPO_ROOT = Path(__file__).resolve().parents[2]
NEW_ARTICLE = REPO_ROOT / "tests" / "fixtures" / "articles" / "putin_talks.json"


@dataclass
class Timing:
    """Repeated measurements of one command."""

    label: str
    target: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    failures: int = 0

    def cell(self, values: list[float], fmt: str = "{:.1f}") -> str:
        if not values:
            return "-"
        mid = fmt.format(statistics.median(values))
        if len(values) == 1:
            return mid
        return f"{mid} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def clean_env(clone: Path, venv_on_path: bool = False) -> dict[str, str]:
    """The caller's environment without any virtualenv, so the clone finds only its own tools
    (`venv_on_path` puts the clone's `.venv/bin` first, as `uv run` or an activated venv does)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_", "DBT_"))}
    env = {k: v for k, v in env.items() if not k.startswith(("NEWSCLAIMS_", "DAGSTER_"))}
    venvs = tuple(
        str(p) for p in (REPO_ROOT / ".venv", clone / ".venv", os.environ.get("VIRTUAL_ENV")) if p
    )
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(venvs)
    )
    if venv_on_path:
        env["PATH"] = os.pathsep.join([str(clone / ".venv" / "bin"), env["PATH"]])
    return env


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str, int]:
    """(wall s, CPU s of the process tree, combined output, exit status) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout + proc.stderr, proc.returncode


def measure(timing: Timing, cmd: list[str], cwd: Path, env: dict[str, str], log: Path) -> str:
    wall, cpu, output, status = timed(cmd, cwd, env)
    with log.open("a", encoding="utf-8") as fh:
        fh.write(f"\n===== {timing.label}: {' '.join(cmd)} -> {status} in {wall:.1f} s\n{output}")
    if status != 0:
        timing.failures += 1
        print(f"  {timing.label}: exit {status} (see {log})", file=sys.stderr)
    timing.wall.append(wall)
    timing.cpu.append(cpu)
    timing.lines.append(len(output.splitlines()))
    print(f"  {timing.label}: {wall:.1f} s wall, {cpu:.1f} s CPU", file=sys.stderr)
    return output


def add_article(seeds: Path, n: int) -> None:
    """One new article: a fixture article with a distinct id and title."""
    item = json.loads(NEW_ARTICLE.read_text(encoding="utf-8"))
    item["id"] = f"bench-{n}"
    item["title"] = f"{item['title']} (bench {n})"
    item["text"] = item["text"].replace("Saturday", f"day {n}")
    (seeds / f"bench_{n:03d}.json").write_text(json.dumps(item), encoding="utf-8")


def run_bench(
    ref: str, repeat: int, with_tests: bool, workdir: Path, log: Path, venv_on_path: bool = False
) -> list[Timing]:
    """Clone `ref` into `workdir` and time each path; returns the timings."""
    clone = workdir / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO_ROOT), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", ref], check=True)
    env = clean_env(clone, venv_on_path)
    make = ["make", "--no-print-directory"]
    newsclaims = [str(clone / ".venv" / "bin" / "newsclaims"), "run"]
    install = Timing("make install (fresh clone)", "-")
    fresh = Timing("make run (fresh clone, after install)", "≤ 45 s")
    noop_make = Timing("make run with nothing new", "≤ 30 lines")
    noop = Timing("newsclaims run with nothing new", "≤ 8 s")
    one_new = Timing("newsclaims run with one new article", "≤ 4.5 x extract")
    extract_one = Timing("newsclaims extract of that article", "-")
    watching = Timing("one new article into `newsclaims run --watch`", "≤ 4.5 x extract")
    tests = Timing("make test", "≤ 120 s")
    print(f"bench-ops: {ref} cloned into {clone}; log in {log}", file=sys.stderr)
    measure(install, [*make, "install"], clone, env, log)
    measure(fresh, [*make, "run"], clone, env, log)
    for _ in range(repeat):
        measure(noop_make, [*make, "run"], clone, env, log)
    for _ in range(repeat):
        measure(noop, newsclaims, clone, env, log)
    for i in range(repeat):
        add_article(clone / "seeds", i)
        measure(one_new, newsclaims, clone, env, log)
    for _ in range(repeat):  # the reference of the "≤ 4.5 x" target: that article alone
        measure(
            extract_one,
            [newsclaims[0], "extract", str(clone / "seeds" / "bench_000.json")],
            clone,
            env,
            log,
        )
    time_watch(watching, clone, env, repeat, log, add_article)
    for added in (clone / "seeds").glob("bench_*.json"):
        added.unlink()  # the tests read seeds/
    if with_tests:
        measure(tests, [*make, "test"], clone, env, log)
    timings = [install, fresh, noop_make, noop, one_new, extract_one, watching]
    return [*timings, *([tests] if with_tests else [])]


def format_table(timings: list[Timing], ref: str, repeat: int) -> str:
    """A markdown table: median wall seconds (min–max), CPU seconds, printed lines."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    rows = [
        f"ops bench of {ref} (median of {repeat}, min–max in brackets; {os.cpu_count()} cores, "
        f"load average at the end {load}: wall times grow with the load, CPU times much less)",
        "",
        "| path | target | wall s | CPU s | lines printed |",
        "| --- | --- | --- | --- | --- |",
    ]
    for t in timings:
        lines = str(int(statistics.median(t.lines))) if t.lines else "-"
        failed = f" **{t.failures} failed**" if t.failures else ""
        rows.append(
            f"| {t.label}{failed} | {t.target} | {t.cell(t.wall)} | {t.cell(t.cpu)} | {lines} |"
        )
    by_label = {t.label: t for t in timings}
    reference = by_label.get("newsclaims extract of that article")
    if reference and reference.wall:
        rows.append("")
        for t in timings:
            if t.target.endswith("x extract") and t.wall:
                wall = statistics.median(t.wall) / statistics.median(reference.wall)
                cpu = statistics.median(t.cpu) / statistics.median(reference.cpu)
                rows.append(f"{t.label}: {wall:.1f} x extract wall, {cpu:.1f} x CPU")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Clone, time the table's paths and print it; exit 1 when a command failed."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.devtools.ops_bench", description=__doc__
    )
    parser.add_argument("--ref", default="HEAD", help="git ref to measure (default: HEAD)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of the quick paths")
    parser.add_argument("--no-tests", action="store_true", help="do not time `make test`")
    parser.add_argument("--keep", type=Path, help="clone here and keep it (default: temporary)")
    parser.add_argument(
        "--venv-on-path",
        action="store_true",
        help="put the clone's .venv/bin on PATH (for refs whose CLI needs it, like `uv run`)",
    )
    args = parser.parse_args(argv)
    ref = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", args.ref],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="newsclaims-bench-ops-"))
    workdir.mkdir(parents=True, exist_ok=True)
    log = Path(tempfile.mkstemp(prefix=f"bench-ops-{ref}-", suffix=".log")[1])
    try:
        timings = run_bench(ref, args.repeat, not args.no_tests, workdir, log, args.venv_on_path)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(format_table(timings, ref, args.repeat))
    print(f"\ncommand output: {log}")
    return 1 if any(t.failures for t in timings) else 0


if __name__ == "__main__":
    sys.exit(main())
