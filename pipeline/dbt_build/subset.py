"""What a subset build (a model materialised alone, in the UI) must bring up to date first.

A dbt model selected alone is rebuilt from the tables upstream of it as they are. An edit of a
seed (a correction, an alias) reaches it only through the seed's table and the models between
the seed and it, so those are built first, quietly: the nodes downstream of a seed and upstream
of a selected model, the selection itself excluded (it is built next, with its events)::

    seed_path_args(["dim_actors"])
    # ['build', '--select', 'resource_type:seed+,+dim_actors', '--exclude', 'dim_actors']
"""

from __future__ import annotations

from collections.abc import Iterable


def seed_path_args(selected: Iterable[str]) -> list[str] | None:
    """dbt arguments that build every node between the seeds and the `selected` nodes (by
    name), or None when nothing is selected."""
    names = sorted(set(selected))
    if not names:
        return None
    between = [f"resource_type:seed+,+{name}" for name in names]
    return ["build", "--select", *between, "--exclude", *names]
