"""`newsclaims correct`: append a reviewed correction, checked, to the file dbt applies.

    newsclaims correct actor split Jackson "Amy Berman Jackson" --article 5dec2ee0d569e90b
    newsclaims correct actor never_merge Jackson "Andrew Jackson"   # -> actor_never_merge.csv
    newsclaims correct claim not_claim 7496b5c6fcd9a765 --note "an action, not a claim"
    newsclaims correct claim act 7496b5c6fcd9a765 deny
    newsclaims correct --check          # validate both files, one line per problem

The row is validated (action, value sets, ids) and, when the published warehouse exists, its
subject must be there: the claim_id in fct_claims, the actor among dim_actors' names, the
article in dim_articles, and an actor correction must match what dbt keys (a name the
extractor resolved to a longer one in its article matches nothing: corrections/matching.py).
`newsclaims run` then applies it in dbt, without re-extracting.
`never_merge` is no correction: it appends a row to actor_never_merge.csv, the one home of
merges that must never happen.
"""

from __future__ import annotations

import argparse
import sys

from pipeline.common.settings import Settings


def _known(cfg: Settings, kind: str, fields: dict[str, str]) -> str | None:
    """Why the subject is not in the published warehouse, or None (also when there is none)."""
    from pipeline.warehouse.connection import connection

    warehouse = cfg.warehouse_path
    if not warehouse.is_file():
        return None
    checks = []
    if kind == "claim":
        checks.append(("fct_claims WHERE claim_id = ?", fields["claim_id"], "claim_id"))
    else:
        checks.append(
            (
                "dim_actors WHERE list_contains(list_transform(aliases, lambda a: lower(a)), "
                "lower(?))",
                fields["name"],
                "actor name (as dim_actors.canonical_name or aliases)",
            )
        )
        if fields.get("article_id"):
            checks.append(("dim_articles WHERE article_id = ?", fields["article_id"], "article"))
    with connection(warehouse, read_only=True, timeout_s=cfg.lock_timeout_s) as con:
        for where, value, what in checks:
            if not con.execute(f"SELECT count(*) FROM marts.{where}", [value]).fetchone()[0]:
                return f"no {what} {value!r} in {warehouse}; check the spelling, or --force"
        if kind == "actor":
            # a name written in the article may still be keyed by another (the extractor's)
            from pipeline.corrections.matching import actor_problem

            split = fields["action"] == "split"
            article = fields.get("article_id") if split else None
            return actor_problem(con, fields["action"], fields["name"], article or None)
    return None


def cmd_correct(args: argparse.Namespace) -> int:
    """Append one correction (or, with --check, validate both files)."""
    from pipeline.corrections import (
        CorrectionError,
        add_correction,
        check_corrections,
        corrections_file,
        row_problem,
    )

    try:
        if args.check:
            print(f"corrections: {check_corrections()} rows, all valid")
            return 0
        if not args.kind or len(args.fields) < 2:
            print(
                "newsclaims: error: name what to correct: newsclaims correct {actor,claim} "
                "ACTION SUBJECT [VALUE] (newsclaims correct --help has examples)",
                file=sys.stderr,
            )
            return 2
        # a pasted id keeps the \r of `newsclaims query --csv` (RFC 4180 lines) or a stray space
        action, subject, *rest = (field.strip() for field in args.fields)
        if args.kind == "actor" and action == "never_merge":
            return _never_merge(subject, " ".join(rest), args.note or "", args.settings)
        name = "name" if args.kind == "actor" else "claim_id"
        fields = {"action": action, name: subject, "value": " ".join(rest)}
        fields |= {"article_id": (args.article or "").strip(), "note": args.note or ""}
        problem = row_problem(args.kind, fields)
        if problem:
            raise CorrectionError(f"{corrections_file(args.kind)}: not added: {problem}")
        # the published warehouse: NEWSCLAIMS_WAREHOUSE, or --warehouse when given
        missing = None if args.force else _known(args.settings, args.kind, fields)
        if missing:
            print(f"newsclaims: error: {missing}", file=sys.stderr)
            return 2
        line = add_correction(args.kind, fields)
    except CorrectionError as exc:
        print(f"newsclaims: error: {exc}", file=sys.stderr)
        return 2
    print(
        f"added {args.kind} correction (line {line}): {action} {subject} {fields['value']}".rstrip()
        + "; `newsclaims run` applies it in dbt (no article is re-extracted)"
    )
    return 0


def _never_merge(name: str, other: str, note: str, cfg: Settings) -> int:
    """`correct actor never_merge NAME OTHER`: a row of actor_never_merge.csv, not a correction;
    a note when the extractor made that join itself in an article (dbt cannot undo it)."""
    from pipeline.corrections import add_never_merge
    from pipeline.corrections.matching import extractor_joins
    from pipeline.warehouse.connection import connection

    line = add_never_merge(name, other, note)  # a CorrectionError is the caller's one line
    print(
        f"added to actor_never_merge.csv (line {line}): {name} never merges with {other}; "
        "`newsclaims run` applies it in dbt (no article is re-extracted)"
    )
    if other != "*" and cfg.warehouse_path.is_file():
        with connection(cfg.warehouse_path, read_only=True, timeout_s=cfg.lock_timeout_s) as con:
            n = extractor_joins(con, name, other)
        if n:
            print(
                f"note: the extractor itself resolved {name!r} to {other!r} in {n} article(s), "
                "which this file does not undo: correct those claims' speakers "
                "(newsclaims correct claim speaker CLAIM_ID NAME)"
            )
    return 0


EPILOG = """\
actor actions (value set actor_correction): merge NAME OTHER, split NAME OTHER --article ID,
rename NAME NEW_NAME, type NAME {person,organisation,place,group}; never_merge NAME OTHER (or
NAME '*') appends to dbt_project/seeds/actor_never_merge.csv instead
claim actions (value set claim_correction): not_claim ID, speaker ID NAME, act ID ACT,
accused_add ID NAME, accused_remove ID NAME

examples:
  newsclaims correct actor split Jackson "Amy Berman Jackson" --article 5dec2ee0d569e90b
  newsclaims correct claim not_claim 7496b5c6fcd9a765 --note "an action, not a claim"
  newsclaims correct --check
The files: dbt_project/seeds/actor_corrections.csv and claim_corrections.csv (docs/analyst.md).
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `newsclaims correct`."""
    correct = sub.add_parser(
        "correct",
        help="append a reviewed correction (actor or claim) that dbt applies on every run",
        description="Append one validated row to dbt_project/seeds/{actor,claim}_corrections.csv.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    correct.add_argument("kind", nargs="?", choices=["actor", "claim"])
    correct.add_argument("fields", nargs="*", metavar="ACTION SUBJECT [VALUE]")
    correct.add_argument("--article", help="split: the article_id it applies in")
    correct.add_argument("--note", help="why (kept in the file and in fct_corrections)")
    correct.add_argument("--warehouse", help="published DuckDB file the subject is checked in")
    correct.add_argument(
        "--force", action="store_true", help="add it though the warehouse lacks its subject"
    )
    correct.add_argument("--check", action="store_true", help="validate both files and stop")
    correct.set_defaults(func=cmd_correct)
