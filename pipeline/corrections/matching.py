"""Would an actor correction match anything? Asked of the published warehouse before
`newsclaims correct` appends the row, with dbt's own key (macros/actor_key.sql, its one home).

A name can be written in an article and still match nothing there: the extractor resolved it
to a longer name of the same article ("the Navy, who told it ..." -> "Navy Information
Agency"), and dbt keys references by the resolved name. Such a row used to be appended, and
the run then listed it `applied` false in fct_corrections. Now it is refused, naming the
resolved name (`extractor_joins` counts such joins for a never_merge row, which cannot
undo them either)::

    with connection(path, read_only=True) as con:
        actor_problem(con, "split", "Navy", "e0068a391c04184a")
    # "a split of 'Navy' in article e0068a391c04184a would match nothing: the extractor
    #  resolved 'Navy' there to 'Navy Information Agency'; ..."
"""

from __future__ import annotations

import re
from functools import cache

import duckdb

from pipeline.common.paths import DBT_PROJECT_DIR

_MACRO = re.compile(r"\{%-?\s*macro actor_key\(expr\)\s*-?%\}(.*?)\{%-?\s*endmacro", re.S)
# the keys a split or merge is matched against: the references before any split, as
# marts/fct_corrections.sql counts them (n_matched)
REFERENCES = """
    SELECT article_id, base_key AS key FROM intermediate.int_mentions_keyed WHERE is_actor_label
    UNION ALL SELECT article_id, speaker_base_key FROM intermediate.int_claims_keyed
    UNION ALL SELECT article_id, base_key FROM intermediate.int_claim_targets_keyed
"""


@cache
def _key_template() -> str:
    text = (DBT_PROJECT_DIR / "macros" / "actor_key.sql").read_text(encoding="utf-8")
    found = _MACRO.search(text)
    if not found or found.group(1).count("{{ expr }}") != 1:
        raise RuntimeError("dbt_project/macros/actor_key.sql: no actor_key(expr) using expr once")
    return found.group(1).strip()


def actor_key_sql(expr: str) -> str:
    """dbt's actor_key macro applied to the SQL expression `expr`.

    >>> duckdb.sql(f"SELECT {actor_key_sql(repr('The Kremlin’s'))}").fetchone()[0]
    'kremlin'
    """
    return _key_template().replace("{{ expr }}", expr)


def actor_problem(
    con: duckdb.DuckDBPyConnection, action: str, name: str, article_id: str | None = None
) -> str | None:
    """Why the actor correction `action` of `name` (in `article_id`, for a split) would match
    nothing in the warehouse of `con`, or None (also for a warehouse without the
    intermediate tables)."""
    key = con.execute(f"SELECT {actor_key_sql('?')}", [name]).fetchone()[0]
    here, params = ("article_id = ? AND ", [article_id]) if article_id else ("", [])
    try:
        if action in ("split", "merge"):
            sql = f"SELECT count(*) FROM ({REFERENCES}) WHERE {here}key = ?"
        else:  # rename, type: an actor's canonical name
            sql = f"SELECT count(*) FROM intermediate.int_actor_map WHERE {here}canonical_key = ?"
        if con.execute(sql, [*params, key]).fetchone()[0]:
            return None
        resolved = [
            row[0]
            for row in con.execute(
                "SELECT DISTINCT resolved_name FROM intermediate.int_mentions_keyed "
                f"WHERE {here}{actor_key_sql('normalized_name')} = ? AND base_key <> ? "
                "ORDER BY 1",
                [*params, key, key],
            ).fetchall()
        ]
    except duckdb.CatalogException:
        return None
    where = f" in article {article_id}" if article_id else ""
    problem = f"a {action} of {name!r}{where} would match nothing: "
    if resolved:
        names = " or ".join(map(repr, resolved[:3]))
        return problem + (
            f"the extractor resolved {name!r} to {names} in {'it' if article_id else 'its article'}"
            "; correct that actor (a split moves all its references in an article), or a "
            "claim's speaker alone with `newsclaims correct claim speaker CLAIM_ID NAME`"
        )
    return problem + "no reference is keyed by that name; check the spelling, or --force"


def extractor_joins(con: duckdb.DuckDBPyConnection, name: str, other: str) -> int:
    """In how many articles the extractor itself resolved the written `name` to `other`, a
    join that actor_never_merge.csv (read by dbt) cannot undo; 0 without the tables."""
    try:
        return con.execute(
            "SELECT count(DISTINCT article_id) FROM intermediate.int_mentions_keyed WHERE "
            f"{actor_key_sql('normalized_name')} = {actor_key_sql('?')} "
            f"AND base_key = {actor_key_sql('?')} AND base_key <> {actor_key_sql('?')}",
            [name, other, name],
        ).fetchone()[0]
    except duckdb.CatalogException:
        return 0
