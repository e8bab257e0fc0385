"""`newsclaims extract`: claims of files or folders as JSON lines, without the warehouse.

Offsets are re-expressed into each file as read (HTML markup, BOMs and cleaning undone)::

    newsclaims extract seeds/ --jsonl      # one object per claim
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path


def _input_files(inputs: Sequence[str]) -> list[Path]:
    from pipeline.ingest import list_input_files

    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        files.extend(list_input_files(path) if path.is_dir() else [path])
    return files


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the claims of `args.inputs` (tab-separated, or JSON lines with `--jsonl`)."""
    from pipeline.extract import Extractor
    from pipeline.extract.records import claim_in_source, claim_to_json
    from pipeline.ingest import Article, read_path
    from pipeline.ingest.cleaning import CleanText
    from pipeline.run.steps import quarantine_line

    cfg = args.settings
    flags = {"model": args.model, "n_process": args.n_process, "batch_size": args.batch_size}
    extractor = Extractor(**{**cfg.extractor_options(), **{k: v for k, v in flags.items() if v}})
    articles: list[tuple[str, Article]] = []
    for path in _input_files(args.inputs):
        records = list(read_path(path, max_bytes=cfg.max_file_bytes, keep_offsets=True))
        for record in records:
            if not isinstance(record, Article):
                print(f"skipped {quarantine_line(record)}", file=sys.stderr)
                continue
            name = (
                path.stem
                if len(records) == 1
                else f"{path.stem}:{record.external_id or record.article_id}"
            )
            articles.append((name, record))
    by_name = dict(articles)
    out = sys.stdout
    for result in extractor.extract((name, a.text) for name, a in articles):
        article = by_name[result.article_id]
        source_text = (
            Path(article.source_path).read_text(encoding="utf-8-sig")
            if article.source_offsets is not None
            else None
        )
        for claim in result.claims:
            row = claim_to_json(claim, result.article_id)
            if source_text is not None:
                clean = CleanText(article.text, article.source_offsets or [], len(source_text))
                row = claim_in_source(row, clean.to_original, source_text)
            if args.jsonl:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                speaker = row.get("speaker_name") or row.get("speaker") or "(unattributed)"
                out.write(f"{row['article']}\t{speaker}\t{row['cue']}\t{row['content']}\n")
    return 0
