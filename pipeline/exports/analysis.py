"""The warehouse's claims and actors per article, in the shape of the analysis gold.

One JSON object per article (`article` = the source file's stem), as in
shared/gold/analysis/*.json: claims with content, content_spans (offsets into the source
file's text), speaker, speaker_mention, speaker_role, cue, form, act, accused, about and
reported_by, and the article's actors with name, type, mentions and roles. The evaluation
(`newsclaims evaluate --analysis`) scores exactly these objects.

    with connection(published, read_only=True) as con:
        for row in export_analysis(con, seeds_dir):
            print(json.dumps(row))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _by_article(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r["article_id"]].append(r)
    return out


def _names_by_claim(con: duckdb.DuckDBPyConnection, bridge: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    sql = f"SELECT claim_id, actor_name FROM marts.{bridge} ORDER BY claim_id, actor_name"
    for claim_id, name in con.execute(sql).fetchall():
        out[claim_id].append(name)
    return out


def article_names(articles: list[dict[str, Any]]) -> dict[str, str]:
    """article_id -> file stem; several articles of one file get "stem:external id"."""
    per_file: dict[str, int] = defaultdict(int)
    for a in articles:
        per_file[a["source_path"]] += 1
    return {
        a["article_id"]: Path(a["source_path"]).stem
        if per_file[a["source_path"]] == 1
        else f"{Path(a['source_path']).stem}:{a['external_id'] or a['article_id']}"
        for a in articles
    }


class SourceOffsets:
    """Maps offsets of a stored article text to the file it was read from (plain text only)."""

    def __init__(self, seeds_dir: Path | None) -> None:
        self.seeds_dir = seeds_dir

    def mapper(self, article: dict[str, Any]):  # noqa: ANN201 - a callable or None
        """(start, end) -> (start, end) in the source file, or None when the file is not
        available (gone, changed, or not a plain-text file)."""
        from pipeline.ingest import Article, read_path
        from pipeline.ingest.cleaning import CleanText

        if self.seeds_dir is None:
            return None
        path = self.seeds_dir / article["source_path"]
        if not path.is_file() or path.suffix != ".txt":
            return None
        for record in read_path(path, keep_offsets=True):
            if isinstance(record, Article) and record.article_id == article["article_id"]:
                if record.source_offsets is None:
                    return None
                source = path.read_text(encoding="utf-8-sig")
                return CleanText(record.text, record.source_offsets, len(source)).to_original
        return None


def _claim(row: dict[str, Any], accused, about, to_source) -> dict[str, Any]:  # noqa: ANN001
    spans = [tuple(s) for s in row["content_spans"] or []]
    out: dict[str, Any] = {"content": row["content"]}
    if to_source is not None and spans:
        out["content_spans"] = [list(to_source(s, e)) for s, e in spans]
    speaker = row["speaker_canonical_name"]
    out.update(
        speaker=speaker,
        # the words naming the speaker actor; a source that is no actor ("the motion") has none
        speaker_mention=row["speaker_mention"] if speaker else None,
        speaker_role=row["speaker_role"] if speaker else None,
        cue=row["cue"],
        form=row["form"],
        act=row["act"],
        accused=accused.get(row["claim_id"], []),
        about=about.get(row["claim_id"], []),
        reported_by=row["reported_by_name"],
        confidence=row["confidence"],
    )
    return out


def export_analysis(
    con: duckdb.DuckDBPyConnection, seeds_dir: Path | None = None
) -> Iterator[dict[str, Any]]:
    """One gold-shaped object per article of the warehouse, in file-name order.

    `seeds_dir` is the folder the articles were ingested from: with it, content_spans are
    offsets into each source file (plain-text files); without it, only content is given.
    """
    articles = _rows(con, "SELECT article_id, source_path, external_id FROM marts.dim_articles")
    claims = _by_article(
        _rows(
            con,
            """
            SELECT c.*, r.canonical_name AS reported_by_name
            FROM marts.fct_claims c
            LEFT JOIN marts.dim_actors r ON r.actor_id = c.reported_by_actor_id
            ORDER BY c.article_id, c.content_start, c.cue_start
            """,
        )
    )
    actors = _by_article(
        _rows(con, "SELECT * FROM marts.bridge_article_actors ORDER BY article_id, actor_id")
    )
    accused = _names_by_claim(con, "bridge_claim_accused")
    about = _names_by_claim(con, "bridge_claim_about")
    names = article_names(articles)
    offsets = SourceOffsets(seeds_dir)
    for a in sorted(articles, key=lambda a: names[a["article_id"]]):
        to_source = offsets.mapper(a)
        yield {
            "article": names[a["article_id"]],
            "source_file": a["source_path"],
            "claims": [_claim(c, accused, about, to_source) for c in claims[a["article_id"]]],
            "actors": [
                {
                    "name": x["canonical_name"],
                    "type": x["actor_type"],
                    "mentions": list(x["mentions"]),
                    "roles": list(x["roles"]),
                }
                for x in actors[a["article_id"]]
            ],
        }
