"""The screenshot helper (pipeline/devtools/screenshots.py) on a small built site: a search
given in the URL is shown with its hits, and a crop keeps only the elements asked for."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from pipeline.devtools.browser import BrowserError, find_chromium
from pipeline.devtools.screenshots import SIZE, main, view
from pipeline.report import build_site

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        find_chromium() is None,
        reason="Chromium is not installed (apt-get install chromium; or set NEWSCLAIMS_CHROMIUM)",
    ),
]


def _size(png: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", png.read_bytes()[16:24])
    return width, height


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from tests.report.conftest import kremlin_week

    base = tmp_path_factory.mktemp("shots")
    build_site(kremlin_week().write(base / "wh" / "newsclaims.duckdb"), base / "site")
    return base / "site"


def test_a_search_in_the_url_is_shot_with_its_hits_and_cropped(site, tmp_path):
    every = view(site, "search.html", tmp_path / "all.png", crop="#results", pad=0)
    peskov = view(site, "search.html#speaker:peskov", tmp_path / "peskov.png", crop="#results")
    whole = view(site, "search.html#speaker:peskov", tmp_path / "whole.png")
    # five claims against Peskov's two: the shot waited for the query's hits
    assert _size(peskov)[1] < _size(every)[1] + 2 * 12
    assert _size(peskov)[0] == _size(every)[0] + 2 * 12 < SIZE[0]
    assert _size(whole) == SIZE


def test_a_crop_that_matches_nothing_is_one_clear_error(site, tmp_path, capsys):
    with pytest.raises(BrowserError, match="nothing visible matches '#nowhere'"):
        view(site, "search.html", tmp_path / "x.png", crop="#nowhere")
    with pytest.raises(FileNotFoundError, match="no such page"):
        view(site, "serch.html", tmp_path / "x.png")
    assert main([str(site), str(tmp_path / "q.png"), "--page", "actors.html", "--crop", "h1"]) == 0
    assert _size(tmp_path / "q.png")[1] < 100
    assert not (tmp_path / "x.png").exists()
