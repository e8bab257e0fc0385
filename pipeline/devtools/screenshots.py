"""The README's screenshots of a built site (docs/report-*.png), taken with headless Chromium.

    uv run python -m pipeline.devtools.screenshots warehouse/report docs
    uv run python -m pipeline.devtools.screenshots warehouse/report docs/shot.png \
        --page "search.html#speaker:navy" --crop "h1, #search-form, #results"

Pages: the network with the strongest edge clicked, the busiest speaker's actor page, the
article with the most claims, a claim search and the quarantine list; or one page (a search
given after `#`), cropped to the elements matching a CSS selector.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from pipeline.devtools.browser import Chromium

SIZE = (1200, 720)
# What a page is ready at: the search has shown the hits of its query (from the URL's `#`).
READY = {"search.html": "document.body.dataset.searchDone"}


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

        def shoot(name, page: Path, wait=None, then=None, search: str | None = None):
            # a search from the URL: the page waits for its hits, not for an empty query's
            browser.goto(page.as_uri() + (f"#{search}" if search else ""))
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
        shoot("search", site / "search.html", READY["search.html"], search=search)
        shoot("quarantine", site / "quarantine.html")
        errors = browser.errors()
    if errors:
        raise RuntimeError("page errors: " + "; ".join(errors))
    return shots


def view(site: Path, page: str, out: Path, crop: str | None = None, pad: int = 12) -> Path:
    """A PNG of one page of the site (`search.html#speaker:navy`: a search), cropped to the
    elements matching the CSS selector `crop` with `pad` pixels around them.

    >>> view(Path("warehouse/report"), "search.html#navy", Path("navy.png"), "#results")
    """
    name, _, fragment = page.partition("#")
    path = site / name
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such page in the site")
    with Chromium(width=SIZE[0], height=SIZE[1]) as browser:
        browser.goto(path.resolve().as_uri() + (f"#{fragment}" if fragment else ""))
        if Path(name).name in READY:
            browser.wait_for(READY[Path(name).name])
        time.sleep(0.8)  # layout and chart transitions settle
        clip = browser.bounds(crop, pad) if crop else None
        shot = browser.screenshot(out, clip)
        errors = browser.errors()
    if errors:
        raise RuntimeError("page errors: " + "; ".join(errors))
    return shot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.devtools.screenshots", description=__doc__.split("\n")[0]
    )
    parser.add_argument("site", type=Path, help="the report's folder")
    parser.add_argument("out", type=Path, help="a folder (every page) or a .png (with --page)")
    parser.add_argument("--page", help="one page, e.g. 'search.html#speaker:navy'")
    parser.add_argument("--crop", help="CSS selector of the elements to keep (with --page)")
    args = parser.parse_args(argv)
    if args.crop and not args.page:
        parser.error("--crop needs --page")
    paths = (
        [view(args.site, args.page, args.out, args.crop)]
        if args.page
        else take(args.site, args.out)
    )
    for path in paths:
        print(path, path.stat().st_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
