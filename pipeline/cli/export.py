"""`newsclaims export`: marts or a query to Parquet, CSV or JSON lines; and the file formats of
`newsclaims query -o`.

    newsclaims export -o out/ --format parquet          # every mart, one file each
    newsclaims export fct_claims -o claims.csv          # one mart, format from the suffix
    newsclaims export --query "SELECT * FROM actor_claim_edges" -o edges.parquet
    newsclaims export analysis                          # the claim-analysis shape (JSON lines)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# what `newsclaims query -o FILE` writes as text (a table, CSV, JSON); the rest of FORMATS
# are written by the export (Parquet, JSON lines), and any other suffix is refused
TEXT_SUFFIXES = {"": "table", ".txt": "table", ".csv": "csv", ".json": "json"}


def _fail(message: str) -> int:
    print(f"newsclaims: error: {message}", file=sys.stderr)
    return 2


def query_output(args: argparse.Namespace, sql: str) -> int | None:
    """`newsclaims query -o FILE` for a Parquet or JSON-lines file (or an unknown suffix: one
    line, exit 2); None when the query shell writes it as text."""
    from pipeline.exports.tables import FORMATS, ExportError, export_query
    from pipeline.sql.access import guard_output

    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return None
    try:  # a warehouse file is refused as such, whatever its suffix
        guard_output(output, args.settings)
    except ValueError as exc:
        return _fail(str(exc))
    if suffix not in FORMATS:
        known = ", ".join(dict.fromkeys([*(s for s in TEXT_SUFFIXES if s), *FORMATS]))
        return _fail(f"cannot tell the format of {output} from its suffix: use one of {known}")
    if args.format:
        return _fail(f"{output} is written as {FORMATS[suffix]}: drop --{args.format}")
    import duckdb

    from pipeline.sql.access import sql_error_text
    from pipeline.sql.limits import QueryStopped

    try:
        n_rows = export_query(args.settings, sql, output)
    except (ExportError, ValueError) as exc:
        return _fail(str(exc))
    except QueryStopped as exc:
        print(f"newsclaims: {exc}", file=sys.stderr)
        return exc.exit_code
    except duckdb.Error as exc:
        print(f"newsclaims: {sql_error_text(exc)}", file=sys.stderr)
        return 1
    print(f"wrote {n_rows} row(s) as {FORMATS[suffix]} to {output}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write marts (default: all) or `--query` to files; `analysis` keeps the analysis export."""
    import duckdb

    from pipeline.exports.tables import ExportError, export_marts, export_query, format_for
    from pipeline.sql.limits import QueryStopped

    cfg = args.settings  # with --warehouse, when given
    warehouse = cfg.warehouse_path
    if not warehouse.exists():
        return _fail(f"no warehouse at {warehouse}; run `newsclaims run` first")
    output = Path(args.output) if args.output else None
    try:
        if args.query is not None:
            if output is None or args.marts:
                return _fail("--query writes one file: give -o FILE and no mart names")
            written = [(output, export_query(cfg, args.query, output, args.format))]
        elif output is not None and output.suffix and len(args.marts) == 1:
            fmt = format_for(output, args.format)
            sql = f'SELECT * FROM marts."{args.marts[0]}"'
            written = [(output, export_query(cfg, sql, output, fmt))]
        elif output is not None and output.suffix:
            format_for(output, args.format)  # an unknown suffix says so first
            return _fail(f"{output} is one file: name one mart, or give a folder for several")
        else:
            folder = output or Path("export")
            written = export_marts(cfg, args.marts, folder, args.format or "parquet")
    except (ExportError, ValueError, duckdb.Error, QueryStopped) as exc:
        return _fail(str(exc).splitlines()[0])
    for path, n_rows in written:
        print(f"wrote {n_rows} row(s) to {path}", file=sys.stderr)
    return 0


def add_parser(sub: argparse._SubParsersAction, analysis) -> None:
    """Register `newsclaims export`; `analysis(args)` prints the analysis shape."""
    export = sub.add_parser(
        "export",
        help="write marts (or a query) to Parquet, CSV or JSON lines; `analysis`: JSON per article",
        description="Write marts, or the result of --query, to Parquet, CSV or JSON lines; the "
        "format from --format or the file's suffix (.parquet, .csv, .jsonl). `newsclaims export "
        "analysis` prints the claim-analysis gold's shape instead, one article a line.",
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("marts", nargs="*", metavar="MART", help="marts to write (default: all)")
    export.add_argument("-o", "--output", help="a file (one mart or --query) or a folder")
    export.add_argument("--query", metavar="SQL", help="write the result of this SELECT")
    export.add_argument("--format", choices=["parquet", "csv", "jsonl"])
    export.add_argument("--warehouse", help="published DuckDB file (default: NEWSCLAIMS_WAREHOUSE)")
    export.add_argument(
        "--seeds", help="analysis: the folder the articles came from (offsets into the files)"
    )
    export.set_defaults(
        func=lambda args: analysis(args) if args.marts == ["analysis"] else cmd_export(args)
    )
