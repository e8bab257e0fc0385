"""`make bench-scale`: lake mode with 1 and then 2 workers on the same synthetic articles.

    uv run python -m pipeline.devtools.scale_bench [--articles 10000] [--days 20] [--workers 1,2]

The articles are made at bench time from ../shared/corpora (Wikinews and PolNeAR train texts,
each copy dated on one of `--days` days and told apart by a closing line) in a temporary
folder, never in the repository. For each worker count a fresh local cluster
(pipeline/scaleout/cluster.py) runs the folder through `python -m pipeline.scaleout.demo`; the bench
prints articles/s of the extraction phase, the ratio, per-article cost, each worker's peak RSS,
`newsclaims extract` of the same folder (extraction alone, both cores) and a projection of
1 M articles a night.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from pipeline.common import settings
from pipeline.common.paths import PROJECT_ROOT

MILLION = 1_000_000
NIGHT_HOURS = 8


def corpus_texts() -> list[tuple[str, str]]:
    """(title, body) of the shared corpora's articles; empty without ../shared."""
    root = settings.current().shared_dir / "corpora"
    texts = []
    for path in sorted((root / "wikinews" / "articles").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        texts.append((doc["title"], doc["text"]))
    for path in sorted((root / "polnear" / "train" / "articles").glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        texts.append((title.strip(), body))
    return texts


def synthesise(folder: Path, count: int, days: int) -> int:
    """`count` articles as JSONL files of 500 in `folder`, spread over `days` days."""
    texts = corpus_texts()
    if not texts:
        raise SystemExit(
            "bench-scale: needs ../shared/corpora (Wikinews, PolNeAR) to make articles"
        )
    folder.mkdir(parents=True, exist_ok=True)
    first = date(2024, 1, 1)
    for start in range(0, count, 500):
        lines = []
        for i in range(start, min(count, start + 500)):
            title, body = texts[i % len(texts)]
            lines.append(
                json.dumps(
                    {
                        "id": f"bench-{i}",
                        "title": title,
                        "source": f"Bench Wire {i % 7}",
                        "published_at": str(first + timedelta(days=i % days)),
                        "body": f"{body}\n\n(Bench copy {i}.)",
                    }
                )
            )
        (folder / f"bench-{start:06d}.jsonl").write_text("\n".join(lines) + "\n")
    return count


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def lake_pass(seeds: Path, workers: int) -> dict:
    """One fresh cluster with `workers` workers through the demo; its record plus RSS."""
    from pipeline.scaleout import cluster

    folder = Path(tempfile.mkdtemp(prefix="newsclaims-bench-"))
    folder.chmod(0o711)
    try:
        env = cluster.up(folder, workers)
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "pipeline.scaleout.demo", "--workers", str(workers)]
            + ["--folder", str(folder)],
            env=settings.child_environment(env | {"NEWSCLAIMS_SEEDS": str(seeds)}),
            cwd=PROJECT_ROOT, capture_output=True, text=True,
        )  # fmt: skip
        total = time.perf_counter() - started
        if out.returncode != 0:
            raise SystemExit(f"bench-scale: the demo failed: {out.stderr.strip()[-500:]}")
        record = json.loads((folder / "last-demo.json").read_text())
        pids = json.loads((folder / "cluster.json").read_text())["pids"][1:]
        record["rss_mb"] = [_peak_rss_mb(pid) for pid in pids]
        record["total_s"] = total
        record["summary"] = out.stdout.strip()
        return record
    finally:
        cluster.down(folder, quiet=True)
        shutil.rmtree(folder, ignore_errors=True)


def extraction_alone(seeds: Path) -> float:
    """Seconds `newsclaims extract` takes on the folder (parse + extract, both cores, no DB)."""
    newsclaims = str(Path(sys.executable).parent / "newsclaims")
    started = time.perf_counter()
    subprocess.run([newsclaims, "extract", str(seeds)], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def report(n: int, passes: dict[int, dict], alone: float | None) -> str:
    lines = [f"bench-scale: {n} articles, load average {os.getloadavg()[0]:.1f} at the end", ""]
    head = "| workers | extract s | articles/s | ingest s | marts s | end to end s |"
    lines += [head + " peak RSS/worker MB |"]
    lines += ["| --- | --- | --- | --- | --- | --- | --- |"]
    for w, rec in sorted(passes.items()):
        s = rec["seconds"]
        rss = "/".join(f"{r:.0f}" for r in rec["rss_mb"] if r)
        lines.append(
            f"| {w} | {s['extract']:.0f} | {n / s['extract']:.2f} | {s['ingest']:.0f} | "
            f"{s['marts']:.0f} | {rec['total_s']:.0f} | {rss} |"
        )
    if 1 in passes and 2 in passes:
        ratio = passes[1]["seconds"]["extract"] / passes[2]["seconds"]["extract"]
        lines += [
            "",
            f"2 workers / 1 worker (extraction throughput): {ratio:.2f}x (target >= 1.7x)",
        ]
    if 1 in passes:
        per_article = passes[1]["seconds"]["extract"] / n  # one worker = one core
        core_hours = MILLION * per_article / 3600
        lines += [
            f"per-article cost (1 worker, one core): {per_article * 1000:.0f} ms",
            "",
            "| 1 M articles a night | core-hours | workers (1 core each) for an "
            f"{NIGHT_HOURS} h night |",
            "| --- | --- | --- |",
            f"| measured per-core rate | {core_hours:.0f} | {core_hours / NIGHT_HOURS:.0f} |",
        ]
    if alone is not None and passes:
        best = min(passes.values(), key=lambda r: r["total_s"])
        lines.append(
            f"end to end / extraction alone (`newsclaims extract`, {alone:.0f} s): "
            f"{best['total_s'] / alone:.2f}x (target <= 1.3x)"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.devtools.scale_bench")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--no-alone", action="store_true", help="skip `newsclaims extract`")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsclaims-bench-seeds-") as tmp:
        seeds = Path(tmp) / "seeds"
        n = synthesise(seeds, args.articles, args.days)
        passes = {int(w): lake_pass(seeds, int(w)) for w in args.workers.split(",")}
        alone = None if args.no_alone else extraction_alone(seeds)
    print(report(n, passes, alone))
    return 0


if __name__ == "__main__":
    sys.exit(main())
