"""`newsclaims` command line: run the pipeline, extract claims as JSON, evaluate, query, report.

Heavy imports (dagster, spaCy, great_expectations) happen inside the commands that need them,
so `newsclaims query` starts in well under a second.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from pipeline.cli import correct, export, run
from pipeline.cli.extract import cmd_extract
from pipeline.cli.ingest import cmd_ingest
from pipeline.common.settings import Settings, SettingsError


def _analysis_export(args: argparse.Namespace, seeds: Path | None = None) -> list[dict]:
    from pipeline.exports.analysis import export_analysis
    from pipeline.warehouse.connection import connection

    path = _published(args)
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}; run `newsclaims run` first")
    seeds = args.settings.seeds_dir if args.seeds else seeds or args.settings.seeds_dir
    with connection(path, read_only=True, timeout_s=args.settings.lock_timeout_s) as con:
        return list(export_analysis(con, seeds))


def _cmd_export(args: argparse.Namespace) -> int:
    for row in _analysis_export(args):
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


def _cmd_evaluate_analysis(args: argparse.Namespace) -> int:
    from pipeline.evaluation.analysis import format_report, load_gold, read_predictions, score

    gold_dir = Path(args.analysis)
    articles = Path(args.articles) if args.articles else gold_dir / "articles"
    golds = load_gold(gold_dir, articles)
    if args.predictions:
        with open(args.predictions, encoding="utf-8") as fh:
            predictions = read_predictions(fh)
    else:
        predictions = {row["article"]: row for row in _analysis_export(args, articles)}
    missing = [g.article for g in golds if g.article not in predictions]
    if len(missing) == len(golds):
        print(
            f"newsclaims: warning: no gold article is in the predictions; ingest them first: "
            f"NEWSCLAIMS_SEEDS={gold_dir / 'articles'} newsclaims run",
            file=sys.stderr,
        )
    report = score(golds, predictions)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluation.scorer import evaluate, format_report

    if args.analysis:
        return _cmd_evaluate_analysis(args)
    if args.analysis_oof:
        from pipeline.training.analysis_oof import evaluate_oof, format_oof

        clf = Path(args.act_classifier) if args.act_classifier else None
        report = evaluate_oof(
            Path(args.analysis_oof), args.folds, args.seed, args.limit, classifier=clf
        )
        print(json.dumps(report, indent=2) if args.json else format_oof(report))
        return 0
    predictions = None
    if args.predictions:
        with open(args.predictions, encoding="utf-8") as fh:
            predictions = [json.loads(line) for line in fh if line.strip()]
    extractor = None
    if predictions is None:
        from pipeline.extract import Extractor

        options = args.settings.extractor_options()
        extractor = Extractor(**{**options, "model": args.model or options["model"]})
    report = evaluate(Path(args.gold), predictions=predictions, extractor=extractor)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    from pipeline.sql.access import run_query

    if args.file is not None:
        try:
            sql = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"newsclaims: error: cannot read {args.file}: {exc}", file=sys.stderr)
            return 2
    else:
        sql = args.sql
    if args.output and (written := export.query_output(args, sql)) is not None:
        return written  # Parquet or JSON lines, or a suffix it cannot write
    output = Path(args.output) if args.output else None
    return run_query(sql, args.settings, fmt=args.format, max_width=args.max_width, output=output)


def _cmd_sql(args: argparse.Namespace) -> int:
    from pipeline.sql.shell import open_shell

    return open_shell(args.settings, max_width=args.max_width)


def _cmd_report(args: argparse.Namespace) -> int:
    from pipeline.cli.report import report_command

    return report_command(
        args.settings, Path(args.out).resolve() if args.out else None, args.build, args.open
    )


def _published(args: argparse.Namespace) -> Path:
    return args.settings.warehouse_path


def with_flags(cfg: Settings, args: argparse.Namespace) -> Settings:
    """`cfg` with the command's --warehouse and --seeds, where given."""
    changes = {}
    if getattr(args, "warehouse", None):
        changes["warehouse_path"] = Path(args.warehouse).resolve()
    if getattr(args, "seeds", None):
        changes["seeds_dir"] = Path(args.seeds).resolve()
    return cfg.replace(**changes)


_QUERY_EPILOG = """\
The warehouse is opened read-only and can read nothing else: COPY ... TO, EXPORT DATABASE,
read_text()/read_csv() of files and ATTACH of other files are refused. Use --output to save
results to a file. Unqualified table names find the marts schema (fct_claims, dim_actors, ...);
other schemas need their prefix (raw.articles, raw.quarantine).

Several statements (separated by ;) run in order and every result is shown: tables one after
another; --csv writes one CSV document per result, separated by a blank line; --json writes an
array of objects for one result and an array of such arrays for several. Statements that return
only a status (SET, USE, CREATE TEMP TABLE ...) show nothing. The first failing statement stops
the run (exit 1); CSV and JSON are written only when every statement succeeded.

examples:
  newsclaims query "SELECT speaker_canonical_name, content FROM fct_claims LIMIT 5"
  newsclaims query -f docs/queries.sql --max-width 0
  newsclaims query "SELECT * FROM actor_claim_edges" --output edges.csv
  echo "SELECT count(*) FROM raw.articles" | newsclaims query -f -
"""


def _add_warehouse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warehouse",
        metavar="FILE",
        help="published DuckDB file to query (default: NEWSCLAIMS_WAREHOUSE or "
        "warehouse/newsclaims.duckdb)",
    )


def _add_max_width_option(parser: argparse.ArgumentParser) -> None:
    from pipeline.sql.output import DEFAULT_MAX_WIDTH

    parser.add_argument(
        "--max-width",
        type=int,
        default=DEFAULT_MAX_WIDTH,
        metavar="N",
        help=f"cut table cells longer than N characters, marked with … (default: "
        f"{DEFAULT_MAX_WIDTH}; 0: never cut). CSV and JSON are never cut",
    )


def _add_query_parser(sub: argparse._SubParsersAction) -> None:
    query = sub.add_parser(
        "query",
        help="run SQL statements on the warehouse (read-only) and print their results",
        description="Run SQL statements on the published warehouse, read-only, and print "
        "every result.",
        epilog=_QUERY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = query.add_mutually_exclusive_group(required=True)
    source.add_argument("sql", nargs="?", help="the SQL to run: one or more statements")
    source.add_argument(
        "-f", "--file", metavar="FILE", help="read the SQL from FILE (- reads standard input)"
    )
    _add_warehouse_option(query)
    fmt = query.add_mutually_exclusive_group()
    fmt.add_argument(
        "--csv", dest="format", action="store_const", const="csv", help="print results as CSV"
    )
    fmt.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        help="print results as JSON (an array of objects per result)",
    )
    _add_max_width_option(query)
    query.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the results to FILE instead of printing them (replaced atomically; format "
        "from --csv/--json, else from the suffix: .csv, .json, .parquet, .jsonl, or .txt and "
        "none for a table; any other suffix is refused)",
    )
    query.set_defaults(func=_cmd_query, format=None)


def _add_sql_parser(sub: argparse._SubParsersAction) -> None:
    shell = sub.add_parser(
        "sql",
        help="interactive SQL shell on the warehouse (read-only)",
        description="Interactive SQL on the published warehouse, read-only (the same "
        "lockdown and search path as `newsclaims query`). On a terminal this is Harlequin; "
        "with piped input (or NEWSCLAIMS_SQL_SHELL=plain) a line shell runs each statement "
        "ending in ; and prints every result as a table; .quit ends it.",
    )
    _add_warehouse_option(shell)
    _add_max_width_option(shell)
    shell.set_defaults(func=_cmd_sql)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsclaims", description="Who claimed what, about whom, reported by whom."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run.add_parser(sub)

    ingest = sub.add_parser("ingest", help="ingest the input folder only (no NLP)")
    ingest.add_argument("--seeds")
    ingest.add_argument("--warehouse")
    ingest.set_defaults(func=cmd_ingest)

    extract = sub.add_parser("extract", help="print claims of files; never touches the warehouse")
    extract.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    extract.add_argument("--jsonl", action="store_true", help="one JSON object per claim")
    extract.add_argument("--model", help="default: NEWSCLAIMS_SPACY_MODEL")
    extract.add_argument("--n-process", type=int, default=0, help="default: 2 on 2+ cores")
    extract.add_argument("--batch-size", type=int, default=0, help="default: 16")
    extract.set_defaults(func=cmd_extract)

    evaluate = sub.add_parser("evaluate", help="score extraction against gold attributions")
    gold = evaluate.add_mutually_exclusive_group(required=True)
    gold.add_argument("--gold", help="gold JSONL (PolNeAR format): scores the extractor")
    gold.add_argument(
        "--analysis",
        metavar="GOLD_DIR",
        help="claim-analysis gold folder (ARTICLE.json files): scores the warehouse's export",
    )
    gold.add_argument(
        "--analysis-oof",
        metavar="GOLD_ROOT",
        help="folder of analysis/ and analysis-politics/: acts and accused out of fold and "
        "across sets, the rules beside (refits the analysis model per fold)",
    )
    evaluate.add_argument("--folds", type=int, default=5, help="with --analysis-oof")
    evaluate.add_argument("--seed", type=int, default=0, help="with --analysis-oof")
    evaluate.add_argument("--limit", type=int, help="with --analysis-oof: N articles a set")
    evaluate.add_argument(
        "--act-classifier",
        help="with --analysis-oof: the fine-tuned act classifier's out-of-fold logits "
        "(written by `make evaluate-act-classifier`), pooled with the act model",
    )
    evaluate.add_argument(
        "--predictions",
        help="predictions (default: run the extractor, or with --analysis export the warehouse)",
    )
    evaluate.add_argument("--articles", help="with --analysis: article texts (GOLD_DIR/articles)")
    evaluate.add_argument("--warehouse", help="with --analysis: published DuckDB file")
    evaluate.add_argument("--seeds", help="with --analysis: the folder the articles came from")
    evaluate.add_argument("--model", help="default: NEWSCLAIMS_SPACY_MODEL")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.set_defaults(func=_cmd_evaluate)

    export.add_parser(sub, _cmd_export)

    _add_query_parser(sub)
    _add_sql_parser(sub)
    correct.add_parser(sub)
    report = sub.add_parser("report", help="print the report site's path (--open opens it)")
    report.add_argument("--open", action="store_true", help="open it in the default browser")
    report.add_argument("--build", action="store_true", help="(re)build it from the warehouse")
    report.add_argument("--warehouse")
    report.add_argument("--out", help="site folder (default: NEWSCLAIMS_REPORT_DIR)")
    report.set_defaults(func=_cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `newsclaims` console script."""
    args = build_parser().parse_args(argv)
    try:
        args.settings = with_flags(Settings.from_env(), args)  # the settings, made once
    except SettingsError as exc:
        print(f"newsclaims: error: {exc}", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a clear one-line error instead of a traceback
        from pipeline.lake.connect import LakeUnavailableError
        from pipeline.warehouse.connection import (
            WarehouseAccessError,
            WarehouseLockedError,
            WarehouseSpaceError,
        )
        from pipeline.warehouse.storage_format import WarehouseFormatError

        known = WarehouseAccessError | WarehouseLockedError | WarehouseSpaceError
        known |= WarehouseFormatError | LakeUnavailableError
        if isinstance(exc, known | FileNotFoundError):
            print(f"newsclaims: error: {exc}", file=sys.stderr)
            return 2
        raise


def entry() -> NoReturn:
    """The `newsclaims` console script: `main`, then exit without tearing the interpreter down.

    Freeing the objects a run leaves behind (spaCy's model, Dagster's and dbt's module graphs)
    one by one takes ~2 s at exit and does nothing: every file and database is closed by then.
    """
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a closed pipe (`newsclaims query ... | head`)
            stream.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    entry()
