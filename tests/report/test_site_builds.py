"""A site build that does not finish is noticed and redone; what a site was built from is
recorded (the warehouse's build, the report's templates), so a stale site is rebuilt."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.run.stamp import code_hash

from ..conftest import ROOT

KILLED_MID_BUILD = """
import os, signal, sys
from pathlib import Path
from pipeline.report.writer import SiteWriter
writer = SiteWriter(Path(sys.argv[1]))
writer.write("index.html", "<html><body>a new index, written before the kill</body></html>")
writer.write("actors.html", "<html><body>and a new actors page</body></html>")
writer._pool.shutdown(wait=True)
os.kill(os.getpid(), signal.SIGKILL)  # a kill (or a full disk) before the build finishes
"""


def test_a_build_killed_midway_is_not_trusted_and_the_next_rewrites_every_page(
    mini_warehouse: Path, tmp_path: Path
):
    from pipeline.report import build_site
    from pipeline.report.site import site_inputs_hash, site_is_current
    from pipeline.report.writer import finished_state

    site = tmp_path / "site"
    first = build_site(mini_warehouse, site)
    assert finished_state(site)["site_inputs"] == site_inputs_hash()
    assert site_is_current(site, None)  # the hand-made warehouse records no build
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_MID_BUILD, str(site)], cwd=ROOT, capture_output=True
    )
    assert killed.returncode == -9, killed.stderr
    assert finished_state(site) is None and not site_is_current(site, None)
    pages = [p for p in site.rglob("*.html")]
    assert all(p.read_text("utf-8").rstrip().endswith("</html>") for p in pages)  # whole pages
    assert not list(site.rglob(".*.tmp"))
    again = build_site(mini_warehouse, site)
    assert again.stats.written == again.stats.pages == first.stats.pages  # nothing trusted
    assert "written before the kill" not in (site / "index.html").read_text("utf-8")
    assert site_is_current(site, None)
    third = build_site(mini_warehouse, site).stats  # finished: trusted again (but the index's
    assert third.written <= 1  # build time, to the minute)


def _edit(path: Path) -> None:
    path.write_text(path.read_text("utf-8") + "\n/* edited */\n", "utf-8")


def test_template_script_and_style_edits_change_what_a_site_was_built_from(tmp_path: Path):
    from pipeline.report.site import site_inputs_hash

    report = tmp_path / "report"
    shutil.copytree(ROOT / "pipeline" / "report", report, ignore=shutil.ignore_patterns("vendor"))
    before = site_inputs_hash(report)
    for edited in ("templates/base.html", "static/site.css", "static/nc.js"):
        _edit(report / edited)
        assert site_inputs_hash(report) != before, edited
        before = site_inputs_hash(report)


def test_template_script_and_style_edits_are_a_change_for_newsclaims_run(tmp_path: Path):
    report = tmp_path / "pipeline" / "report"
    shutil.copytree(ROOT / "pipeline" / "report", report, ignore=shutil.ignore_patterns("vendor"))
    (tmp_path / "uv.lock").write_text("")
    before = code_hash(tmp_path)
    for edited in ("templates/base.html", "static/site.css", "static/nc.js"):
        _edit(report / edited)
        assert code_hash(tmp_path) != before, edited
        before = code_hash(tmp_path)
