"""One sha256 over every record the extractor makes on a fixed set of articles: the proof that a
refactoring of the extraction core is behaviour-preserving (same hash before and after).

    python -m pipeline.evaluation.records_hash            # PolNeAR train+dev, both gold sets
    python -m pipeline.evaluation.records_hash --exclude kind stance  # without these fields

Every field of every claim, target and mention (and each article's error) goes into the hash,
one JSON line per record, sorted. `extractor_version` is always left out: it carries a hash of
the rule package's own files, so any edit to the code changes it even when no record does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from pipeline.extract import ArticleExtraction, Extractor

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
# (name, folder of .txt articles): PolNeAR train and dev, the two analysis gold sets
ARTICLE_SETS = (
    ("polnear-train", "corpora/polnear/train/articles"),
    ("polnear-dev", "corpora/polnear/dev/articles"),
    ("gold-analysis", "gold/analysis/articles"),
    ("gold-analysis-politics", "gold/analysis-politics/articles"),
)
ALWAYS_EXCLUDED = ("extractor_version",)


def articles(shared: Path) -> list[tuple[str, str]]:
    """(set/file stem, text) of every article of `ARTICLE_SETS`, in a fixed order."""
    out = []
    for name, folder in ARTICLE_SETS:
        paths = sorted((shared / folder).glob("*.txt"))
        if not paths:
            raise SystemExit(f"records_hash: no articles in {shared / folder}; pass --shared DIR")
        out += [(f"{name}/{p.stem}", p.read_text(encoding="utf-8")) for p in paths]
    return out


def record_lines(results: Iterable[ArticleExtraction], exclude: Iterable[str]) -> Iterator[str]:
    """One canonical JSON line per record (kind of record first), `exclude` fields left out."""
    dropped = set(exclude) | set(ALWAYS_EXCLUDED)
    for result in results:
        yield json.dumps({"record": "article", "id": result.article_id, "error": result.error})
        for kind, records in (
            ("mention", result.mentions),
            ("claim", result.claims),
            ("target", result.targets),
        ):
            for record in records:
                fields = {k: v for k, v in asdict(record).items() if k not in dropped}
                yield json.dumps({"record": kind, **fields}, sort_keys=True, ensure_ascii=False)


def lines_without(dump: Path, exclude: Iterable[str]) -> Iterator[str]:
    """The lines of a `--dump` file with the `exclude` fields taken out of each record."""
    dropped = set(exclude)
    with dump.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["record"] == "article":
                yield line.rstrip("\n")
                continue
            fields = {k: v for k, v in record.items() if k not in dropped}
            yield json.dumps(fields, sort_keys=True, ensure_ascii=False)


def records_hash(lines: Iterable[str]) -> tuple[str, int]:
    """(sha256 hex digest of the sorted lines, number of lines)."""
    ordered = sorted(lines)
    digest = hashlib.sha256()
    for line in ordered:
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest(), len(ordered)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder")
    parser.add_argument("--exclude", nargs="*", default=[], help="record fields left out")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--dump", type=Path, help="also write the sorted lines to this file")
    parser.add_argument("--from-dump", type=Path, help="hash the lines of a --dump, no extraction")
    args = parser.parse_args(argv)
    if args.from_dump:
        lines = list(lines_without(args.from_dump, args.exclude))
        source = f"lines of {args.from_dump}"
    else:
        texts = articles(args.shared)
        lines = list(record_lines(Extractor(n_process=args.n_process).extract(texts), args.exclude))
        source = f"{len(texts)} articles"
    digest, n = records_hash(lines)
    if args.dump:
        args.dump.write_text("".join(line + "\n" for line in sorted(lines)), encoding="utf-8")
    excluded = ", ".join(sorted(set(args.exclude) | set(ALWAYS_EXCLUDED)))
    print(f"{digest}  {source}, {n} records, without: {excluded}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
