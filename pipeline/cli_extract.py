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
from typing import TYPE_CHECKING

from pipeline import settings

if TYPE_CHECKING:
    from pipeline.ingest import Article


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
    from pipeline.extract.records import claim_to_json
    from pipeline.ingest import Article, read_path
    from pipeline.steps import quarantine_line

    options = {"n_process": args.n_process, "batch_size": args.batch_size}
    extractor = Extractor(model=args.model, **{k: v for k, v in options.items() if v})
    articles: list[tuple[str, Article]] = []
    for path in _input_files(args.inputs):
        records = list(read_path(path, max_bytes=settings.max_file_bytes(), keep_offsets=True))
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
                row = _to_source_offsets(row, article, source_text)
            if args.jsonl:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                speaker = row.get("speaker_name") or row.get("speaker") or "(unattributed)"
                out.write(f"{row['article']}\t{speaker}\t{row['cue']}\t{row['content']}\n")
    return 0


def _to_source_offsets(row: dict, article: Article, source_text: str) -> dict:
    """Re-express a claim's spans (and their text) as offsets into the file as read."""
    from pipeline.ingest.cleaning import CleanText

    clean = CleanText(article.text, article.source_offsets or [], len(source_text))
    row = dict(row)
    fields = {"content": "content", "speaker": "speaker", "cue": "cue"}
    for prefix, text_key in fields.items():
        start, end = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
        if start is None or end is None:
            continue
        o_start, o_end = clean.to_original(start, end)
        row[f"{prefix}_start"], row[f"{prefix}_end"] = o_start, o_end
        if prefix != "content" or not row.get("content_spans") or len(row["content_spans"]) == 1:
            row[text_key] = source_text[o_start:o_end]
    if row.get("content_spans"):
        row["content_spans"] = [list(clean.to_original(s, e)) for s, e in row["content_spans"]]
    return row
