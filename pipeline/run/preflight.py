"""Problems found before Dagster starts, each one line naming the problem and the fix (exit 2):
an input folder that is missing, not a folder or holds no article file, a corrections file with a
bad row, and (for `make ui`) a port another program listens on. The warehouse's own folders
and locks are proven in `lifecycle.guarded_run`, which also runs before any step.

    check_run_inputs(Path("seeds"))         # PreflightError("input folder ... has no article ...")
    python -m pipeline.run.preflight --port 3000 --port 3001   # what `make ui` runs first
"""

from __future__ import annotations

import argparse
import errno
import socket
import sys
from collections.abc import Sequence
from pathlib import Path


class PreflightError(RuntimeError):
    """A problem found before the run starts; the message names the problem and the fix."""


def check_input_folder(folder: Path) -> None:
    """The input folder exists, is a folder and holds at least one file ingest reads."""
    from pipeline.common.value_sets import input_suffixes
    from pipeline.ingest import list_input_files

    fix = "set NEWSCLAIMS_SEEDS (or --seeds) to the folder of your articles"
    if not folder.exists():
        raise PreflightError(f"input folder {folder} does not exist; {fix}")
    if not folder.is_dir():
        raise PreflightError(f"input folder {folder} is a file, not a folder; {fix}")
    try:
        files = list_input_files(folder)
    except OSError as exc:
        raise PreflightError(
            f"input folder {folder} cannot be read ({exc.strerror}); {fix}"
        ) from None
    if not files:
        suffixes = ", ".join(input_suffixes())
        raise PreflightError(
            f"input folder {folder} holds no article file ({suffixes}); put articles there or {fix}"
        )


def check_run_inputs(folder: Path) -> None:
    """Everything a run reads that a user edits: the input folder and the corrections files."""
    from pipeline.corrections import CorrectionError, check_corrections

    check_input_folder(folder)
    try:
        check_corrections()
    except CorrectionError as exc:
        raise PreflightError(f"{exc} (newsclaims correct --check checks both files)") from None


def check_port_free(port: int, host: str = "127.0.0.1", setting: str = "UI_PORT") -> None:
    """Nothing listens on `host:port` yet (else `make ui` would start half a UI)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            raise PreflightError(
                f"port {port} on {host} is in use by another program; stop it, or choose "
                f"another: make ui {setting}={port + 10}"
            ) from None


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m pipeline.run.preflight --port N[:SETTING] ...`: exit 2 with one line when
    one is taken."""
    parser = argparse.ArgumentParser(description="check ports before `make ui` starts")
    parser.add_argument("--port", action="append", default=[], metavar="N[:SETTING]")
    args = parser.parse_args(argv)
    try:
        for item in args.port:
            port, _, setting = item.partition(":")
            check_port_free(int(port), setting=setting or "UI_PORT")
    except PreflightError as exc:
        print(f"newsclaims: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
