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
    if missing := [item for item in args.inputs if not Path(item).exists()]:
        print(f"newsclaims: error: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
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
    # the extractor is given each article's own id (a hash of its text), so claim_id is the
    # warehouse's (fct_claims.claim_id) and not a hash of the file name
    names = {a.article_id: name for name, a in reversed(articles)}
    by_id = {a.article_id: a for _, a in articles}
    out = sys.stdout
    for result in extractor.extract((a.article_id, a.text) for a in by_id.values()):
        article = by_id[result.article_id]
        source_text = (
            Path(article.source_path).read_text(encoding="utf-8-sig")
            if article.source_offsets is not None
            else None
        )
        targets = _targets_by_claim(result.targets)
        for claim in result.claims:
            row = claim_to_json(claim, names[result.article_id])
            row |= _warehouse_fields(claim, targets.get(claim.claim_id, []), extractor.version)
            if source_text is not None:
                clean = CleanText(article.text, article.source_offsets or [], len(source_text))
                row = claim_in_source(row, clean.to_original, source_text)
            if args.jsonl:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                speaker = row.get("speaker_name") or row.get("speaker") or "(unattributed)"
                out.write(f"{row['article']}\t{speaker}\t{row['cue']}\t{row['content']}\n")
    return 0


def _targets_by_claim(targets) -> dict[str, list]:
    out: dict[str, list] = {}
    for target in targets:
        out.setdefault(target.claim_id, []).append(target)
    return out


def _warehouse_fields(claim, targets: list, version: str) -> dict:
    """What fct_claims and its bridges say of a claim beyond `claim_to_json`, as the extractor
    found it: the article's id, the sentence, the speaker as written, the accused and about
    actors by name (dbt later resolves names to actors) and the extractor version."""
    from pipeline.extract.records import SHOWN_ROLES

    accused = [t.target_name for t in targets if t.role == "accused"]
    return {
        "article_id": claim.article_id,
        "sentence_index": claim.sentence_index,
        "speaker_mention": claim.speaker_text,
        "accused": list(dict.fromkeys(accused)),
        "about": list(dict.fromkeys(t.target_name for t in targets if t.role in SHOWN_ROLES)),
        "extractor_version": version,
    }
