"""The README's screenshots of a built site (docs/report-*.png), taken with headless Chromium.

    uv run python -m pipeline.devtools.screenshots warehouse/report docs

Pages: the network with the strongest edge clicked, the busiest speaker's actor page, the
article with the most claims, a claim search and the quarantine list.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from pipeline.devtools.browser import Chromium

SIZE = (1200, 720)


def _busiest(site: Path, data_file: str, column: int) -> str:
    """The id of the row with the largest value in `column` of data/<data_file>."""
    text = (site / "data" / data_file).read_text(encoding="utf-8")
    rows = json.loads(re.sub(r"^window\.\w+ = |;\s*$", "", text))["rows"]
    return max(rows, key=lambda r: r[column])[0]


def take(site: Path, out: Path, search: str = "ukraine") -> list[Path]:
    """Write report-{network,actor,article,search,quarantine}.png into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with Chromium(width=SIZE[0], height=SIZE[1]) as browser:

        def shoot(name: str, page: Path, wait: str | None = None, then: str | None = None):
            browser.goto(page.as_uri())
            if wait:
                browser.wait_for(wait)
            if then:
                browser.evaluate(then)
            time.sleep(0.8)  # layout and chart transitions settle
            shots.append(browser.screenshot(out / f"report-{name}.png"))

        shoot(
            "network",
            site / "network.html",
            "window.NC_CY && NC_CY.nodes().length",
            "NC_CY.edges().sort((a, b) => b.data('count') - a.data('count'))[0].emit('tap').length",
        )
        shoot("actor", site / "p" / f"{_busiest(site, 'actors.js', 3)}.html", "window.NC_WEEKLY")
        shoot("article", site / "a" / f"{_busiest(site, 'articles.js', 4)}.html")
        shoot(
            "search",
            site / "search.html",
            "document.body.dataset.searchDone",
            f"const q = document.getElementById('q'); q.value = {json.dumps(search)}; "
            "q.dispatchEvent(new Event('input')); 1",
        )
        shoot("quarantine", site / "quarantine.html")
        errors = browser.errors()
    if errors:
        raise RuntimeError("page errors: " + "; ".join(errors))
    return shots


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    for path in take(Path(sys.argv[1]), Path(sys.argv[2])):
        print(path, path.stat().st_size)
