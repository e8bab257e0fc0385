"""GX Data Docs render with no network: the pages load vendored copies, not CDNs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.quality import build_data_docs, load_suites, validate_suite
from pipeline.quality.vendor import VENDOR, assets, offline_html, remote_resources

pytestmark = pytest.mark.usefixtures("gx_ready")
_LOCAL_REF = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["']([^"'#:]+)["']""")


@pytest.fixture(scope="module")
def docs(clean_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import duckdb

    site = tmp_path_factory.mktemp("docs") / "warehouse" / "data_docs"
    with duckdb.connect(str(clean_db), read_only=True) as con:
        results = [validate_suite(con, spec) for spec in load_suites()[:2]]
    build_data_docs(results, site)
    return site


def test_every_vendored_file_is_listed_and_present():
    listed = {a["file"] for a in assets()}
    present = {
        p.relative_to(VENDOR).as_posix()
        for p in VENDOR.rglob("*")
        if p.is_file() and not p.name.startswith("LICENSE")
    }
    assert listed == present


def test_cdn_links_are_rewritten_and_integrity_dropped():
    html = (
        '<script src="https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js"'
        ' integrity="sha384-x" crossorigin="anonymous"></script>'
        '<a href="https://greatexpectations.io">GX</a>'
    )
    offline = offline_html(html, "../../")
    assert '<script src="../../static/vendor/popper/popper.min.js"></script>' in offline
    assert 'href="https://greatexpectations.io"' in offline  # a link is not a download
    assert remote_resources(offline) == []
    assert remote_resources(html) != []


def test_every_page_loads_only_local_files(docs: Path):
    pages = list(docs.rglob("*.html"))
    assert len(pages) >= 5  # index, suite pages, validation pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert remote_resources(html) == [], page
        for ref in _LOCAL_REF.findall(html):
            assert (page.parent / ref.split("?")[0]).resolve().is_file(), (page, ref)


def _render_offline(page: Path) -> str:
    """The page's DOM after its scripts ran in headless Chromium with every host unresolvable."""
    return subprocess.run(
        [
            shutil.which("chromium") or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--virtual-time-budget=5000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_validation_page_scripts_run_without_network(docs: Path, tmp_path: Path):
    page = next((docs / "validations").rglob("*.html"))
    # bootstrap-table (vendored) wraps each result table once jQuery and it have loaded
    assert 'class="bootstrap-table' in _render_offline(page)
    # control: the same page without its vendored files stays unstyled
    bare = tmp_path / "bare.html"
    shutil.copy(page, bare)
    assert 'class="bootstrap-table' not in _render_offline(bare)
