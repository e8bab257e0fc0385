"""The network page stays readable at 30 and 1,000 articles (synthetic warehouses copied from
the session's, as `make bench-report` makes them), in headless Chromium: at most the strongest
actors are named and no shown name covers another name or a named actor, named actors are
not drawn on one spot, groups of actors that speak among themselves are laid apart, actors
aggregate by type, and the deny view draws what the report's model counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.devtools.browser import Chromium, find_chromium
from pipeline.devtools.report_bench import scale_warehouse
from pipeline.report import build_site
from pipeline.report.data import open_report_data
from pipeline.report.model import edges
from pipeline.report.site import NETWORK_LABELS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed"),
]

# what the page shows, measured in the page (model coordinates; names at their zoomed size)
MEASURE = """(function () {
  const meets = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  const named = NC_CY.nodes('[?named]');
  const names = named.not('.crowded').map(n =>
    n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true}));
  const discs = named.map(n => n.boundingBox({includeLabels: false}));
  let nameOverlaps = 0, discOverlaps = 0;
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) nameOverlaps += meets(names[i], names[j]);
  for (let i = 0; i < discs.length; i++)
    for (let j = i + 1; j < discs.length; j++) discOverlaps += meets(discs[i], discs[j]);
  const ext = NC_CY.extent(), all = NC_CY.elements().boundingBox();
  return JSON.stringify({
    nodes: NC_CY.nodes().length, edges: NC_CY.edges().length, named: named.length,
    shownNames: names.length, nameOverlaps: nameOverlaps, discOverlaps: discOverlaps,
    inView: all.x1 >= ext.x1 - 1 && all.x2 <= ext.x2 + 1
      && all.y1 >= ext.y1 - 1 && all.y2 <= ext.y2 + 1,
    positions: NC_CY.nodes().map(n => [n.data('community'), n.position('x'), n.position('y')]),
  });
})()"""


def _choose(browser: Chromium, control: str, value: str) -> dict:
    browser.evaluate(
        f"document.getElementById('{control}').value = '{value}'; "
        f"document.getElementById('{control}').dispatchEvent(new Event('change'))"
    )
    return json.loads(browser.evaluate(MEASURE))


def _communities_apart(positions: list) -> tuple[float, float]:
    """Mean distance between actors of one group and between actors of different groups."""
    inside, across = [], []
    for i, (g1, x1, y1) in enumerate(positions):
        for g2, x2, y2 in positions[i + 1 :]:
            d = ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5
            (inside if g1 == g2 else across).append(d)
    return sum(inside) / len(inside), sum(across) / len(across)


@pytest.mark.parametrize("articles", [30, 1000])
def test_the_network_stays_readable(pipeline_run, tmp_path: Path, articles: int):
    warehouse = scale_warehouse(pipeline_run.published, tmp_path / "w.duckdb", articles)
    site = tmp_path / "site"
    build_site(warehouse, site)
    with open_report_data(warehouse) as con:
        denials = edges(con, act="deny")
        n_types = con.execute("SELECT count(DISTINCT type) FROM actors").fetchone()[0]
    with Chromium(width=1200, height=800) as browser:
        browser.goto((site / "network.html").as_uri())
        browser.wait_for("window.NC_CY && NC_CY.nodes().length", timeout=120)
        views = {act: _choose(browser, "f-act", act) for act in ("accuse", "all")}
        browser.screenshot(tmp_path / f"network-{articles}.png")
        for act, seen in views.items():
            assert seen["nodes"] > 0 and seen["inView"], act
            assert 0 < seen["shownNames"] <= seen["named"] <= NETWORK_LABELS, (act, seen)
            assert seen["nameOverlaps"] == 0 and seen["discOverlaps"] == 0, (act, seen)
        busy = views["all"]
        assert busy["edges"] >= (250 if articles >= 1000 else 20)
        if articles >= 1000:
            assert busy["nodes"] > NETWORK_LABELS  # so naming only the strongest is a choice
        groups = {g for g, _, _ in busy["positions"]}
        if len(groups) > 1:
            inside, across = _communities_apart(busy["positions"])
            assert inside < across, (inside, across)
        by_type = _choose(browser, "f-group", "type")
        assert 1 < by_type["nodes"] <= n_types and by_type["discOverlaps"] == 0
        _choose(browser, "f-group", "actor")
        assert _choose(browser, "f-act", "deny")["edges"] == len(denials)
        assert browser.errors() == []
    assert (tmp_path / f"network-{articles}.png").stat().st_size > 20_000


def test_outlet_and_folder_filters_keep_their_articles_claims(pipeline_run, tmp_path: Path):
    import duckdb

    from pipeline.report.model import network_links

    warehouse = scale_warehouse(pipeline_run.published, tmp_path / "w.duckdb", 30)
    with duckdb.connect(str(warehouse)) as con:  # two outlets and two folders, crossed
        con.execute("""UPDATE marts.dim_articles d SET
            outlet = CASE WHEN r.i % 2 = 0 THEN 'Outlet A' ELSE 'Outlet B' END,
            source_path = CASE WHEN r.i % 3 = 0 THEN 'east/' ELSE 'west/' END || d.article_id
            FROM (SELECT article_id, row_number() OVER (ORDER BY article_id) AS i
                  FROM marts.dim_articles) r WHERE r.article_id = d.article_id""")
    site = tmp_path / "site"
    build_site(warehouse, site)
    with open_report_data(warehouse) as con:
        links = network_links(con, "all")

    def expected(column: int, value: str) -> tuple[int, int]:
        pairs: dict[tuple, set] = {}
        for row in links:
            if row[column] == value:
                pairs.setdefault((row[0], row[1]), set()).add(row[4])
        return len(pairs), sum(len(v) for v in pairs.values())

    drawn = "[NC_CY.edges().length, NC_CY.edges().reduce((n, e) => n + e.data('count'), 0)]"
    with Chromium(width=1200, height=800) as browser:
        browser.goto((site / "network.html").as_uri())
        browser.wait_for("window.NC_CY && NC_CY.nodes().length", timeout=120)
        _choose(browser, "f-act", "all")
        for control, column, value in (("f-outlet", 5, "Outlet A"), ("f-folder", 6, "east")):
            index = browser.evaluate(
                f"Array.from(document.getElementById('{control}').options)"
                f".find(o => o.textContent === '{value}').value"
            )
            _choose(browser, control, index)
            assert tuple(browser.evaluate(drawn)) == expected(column, value) != (0, 0), control
            _choose(browser, control, "")
        assert browser.errors() == []
