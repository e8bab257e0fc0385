"""What a dbt build must redo: the nodes downstream of the inputs that changed since the last one.

A complete build records its inputs (`input_hashes`): the content hash of every raw source table
and the hash of every file dbt reads. The next run compares (`rebuild_plan`): when only raw
tables, seed CSVs or model SQL files changed, dbt rebuilds those nodes and everything downstream
of them (`dbt build --select raw.claims+ claim_corrections+`, their tests with them), and the
other models stay as built; any other change (a yml with tests, a macro, `dbt_project.yml`, the
profile, the dbt version) or no record means everything is built. A correction (a seed edit) so
rebuilds the models that read it, not the staging views, the other seeds or their tests.

    plan = rebuild_plan(manifest, before=record_inputs, now=input_hashes(...))
    plan.selectors    # ['claim_corrections+']
    plan.built        # unique ids of the models and seeds dbt rebuilds
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

# The files whose change stays local to their own node (and its descendants): a model's SQL and
# a seed's rows. Anything else dbt reads can change any node or test.
_NODE_FILE_SUFFIXES = (".sql", ".csv")
_BUILT_TYPES = ("model", "seed", "snapshot")


@dataclass(frozen=True)
class RebuildPlan:
    """A partial build: dbt's selectors, the nodes they rebuild and what changed."""

    selectors: tuple[str, ...]
    built: frozenset[str]
    changed: tuple[str, ...]

    def describe(self) -> str:
        """One line for the run log, e.g. 'seeds/claim_corrections.csv changed: 9 of 37 ...'."""
        what = ", ".join(self.changed[:4]) + (" …" if len(self.changed) > 4 else "")
        return f"{what} changed"


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:16]


def table_hash(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """Content hash of one table (`schema.name`), order-independent; 'missing' when absent."""
    try:
        row = con.execute(f"SELECT count(*), bit_xor(hash(t)) FROM {table} t").fetchone()
    except duckdb.CatalogException:
        return "missing"
    return _sha1(repr(row).encode())


def input_hashes(
    manifest: Mapping, project_dir: Path, files: Iterable[Path], con: duckdb.DuckDBPyConnection
) -> dict[str, str]:
    """`{"source:<unique id>": content hash, "file:<path in the project>": file hash}`: what
    a build reads. `files` are the project's files (`builds.project_files`)."""
    hashes = {
        f"source:{uid}": table_hash(con, f"{s['schema']}.{s['identifier']}")
        for uid, s in manifest["sources"].items()
    }
    for path in files:
        rel = Path(path).relative_to(project_dir).as_posix()
        hashes[f"file:{rel}"] = _sha1(Path(path).read_bytes())
    return hashes


def rebuild_plan(
    manifest: Mapping, before: Mapping[str, str] | None, now: Mapping[str, str]
) -> RebuildPlan | None:
    """The partial build that brings a build with inputs `before` up to `now`, or None when
    everything must be built (no record, or a change that is not a table, a model's SQL or a
    seed's rows). An empty plan (nothing changed) selects nothing.

    >>> rebuild_plan({"nodes": {}, "child_map": {}, "sources": {}}, None, {})  # no record
    """
    if before is None:
        return None
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    by_file = {
        n["original_file_path"]: uid
        for uid, n in manifest["nodes"].items()
        if n["resource_type"] in _BUILT_TYPES
    }
    roots: set[str] = set()
    for key in changed:
        kind, _, name = key.partition(":")
        if key not in now:
            return None  # a removed model, seed or source
        if kind == "source" and name in manifest["sources"]:
            roots.add(name)
        elif kind == "file" and name.endswith(_NODE_FILE_SUFFIXES) and name in by_file:
            roots.add(by_file[name])
        else:
            return None  # a yml, a macro, the profile, a removed model, a dropped source ...
    built = _downstream(manifest, roots)
    selectors = tuple(sorted(_selector(manifest, uid) for uid in roots))
    return RebuildPlan(selectors, frozenset(built), tuple(_shown(k) for k in changed))


def _shown(key: str) -> str:
    """An input as the run log names it: `raw.claims`, `seeds/claim_corrections.csv`."""
    kind, _, name = key.partition(":")
    return name.split(".", 2)[2] if kind == "source" else name


def _downstream(manifest: Mapping, roots: set[str]) -> set[str]:
    """The models, seeds and snapshots among `roots` and everything below them."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        uid = todo.pop()
        if uid in seen:
            continue
        seen.add(uid)
        todo.extend(manifest["child_map"].get(uid, []))
    nodes = manifest["nodes"]
    return {uid for uid in seen if uid in nodes and nodes[uid]["resource_type"] in _BUILT_TYPES}


def _selector(manifest: Mapping, uid: str) -> str:
    """dbt's selector for a node and its descendants: `source:raw.claims+`, `fct_claims+`."""
    if uid in manifest["sources"]:
        source = manifest["sources"][uid]
        return f"source:{source['source_name']}.{source['name']}+"
    return f"{manifest['nodes'][uid]['name']}+"


def inputs_fingerprint(inputs: Mapping[str, str]) -> str:
    """One hash of all of a build's inputs: equal means there is nothing to build."""
    return _sha1(json.dumps(dict(sorted(inputs.items()))).encode())
