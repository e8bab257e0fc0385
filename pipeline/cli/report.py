"""`newsclaims report`: where the site is, optionally (re)built and opened.

newsclaims report            # prints .../warehouse/report/index.html
newsclaims report --build    # rebuilds it from the published warehouse first
newsclaims report --open     # opens it in the default browser
"""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path

from pipeline.common.settings import Settings


def report_command(cfg: Settings, out: Path | None, build: bool, open_it: bool) -> int:
    """Print the site's index path (`out`, else the settings' report folder, next to the
    warehouse `--warehouse` names); exit 2 with a hint when there is no site yet."""
    warehouse = cfg.warehouse_path
    root = out or cfg.report_dir
    if build:
        from pipeline.report import build_site

        result = build_site(warehouse, root)
        print(
            f"built {result.stats.pages} pages ({result.stats.written} written, "
            f"{result.stats.removed} removed) in {result.seconds:.1f} s",
            file=sys.stderr,
        )
    index = root / "index.html"
    if not index.exists():
        print(
            f"newsclaims: error: no report at {index}: run `newsclaims run` "
            "(or `newsclaims report --build`)",
            file=sys.stderr,
        )
        return 2
    print(index)
    if open_it:
        webbrowser.open(index.as_uri())
    return 0
