"""The built site: incremental rewrites, marks at the stored offsets, search index, metadata."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.report import build_site
from pipeline.report.search import shard_name, stem, tokens
from tests.report.conftest import kremlin_week


class _Marks(HTMLParser):
    """Text covered by each data-h key ("0c", "2s") of an article page's marks, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.covered: dict[str, str] = {}
        self._open: list[list[str]] = []
        self.claim_ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "mark":
            self._open.append(attrs.get("data-h", "").split())
        if tag == "div" and attrs.get("class") == "claim":
            self.claim_ids.append(attrs["id"][1:])

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open.pop()

    def handle_data(self, data):
        for keys in self._open:
            for key in keys:
                self.covered[key] = self.covered.get(key, "") + data


def _marks(page: Path) -> _Marks:
    parser = _Marks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _js_payload(path: Path) -> object:
    """The JSON argument of a data file (`NC.f("name", {...});` or `window.X = {...};`)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^(?:window\.\w+ = |NC\.\w+\((?:\"[^\"]*\"|\d+),)(.*?)\)?;\s*$", text, re.S)
    return json.loads(match.group(1))


def test_second_build_rewrites_nothing_but_the_index(mini_warehouse: Path, tmp_path: Path):
    first = build_site(mini_warehouse, tmp_path / "site")
    assert first.stats.written == first.stats.pages > 10
    second = build_site(mini_warehouse, tmp_path / "site")
    assert second.stats.pages == first.stats.pages
    assert set(second.stats.written_paths) <= {"index.html"}


def test_one_new_article_rewrites_its_pages_and_the_indexes(tmp_path: Path):
    wh = kremlin_week()
    path = wh.write(tmp_path / "wh" / "newsclaims.duckdb")
    site = tmp_path / "site"
    build_site(path, site)
    untouched = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}
    new = wh.article(
        "Governor reports damage",
        "Governor Vyacheslav Gladkov said two workers were injured in Belgorod.",
        dt.date(2024, 3, 14),
    )
    wh.claim(
        new,
        "Vyacheslav Gladkov",
        "Governor Vyacheslav Gladkov",
        "said",
        "two workers were injured in Belgorod",
        about=("Belgorod",),
    )
    wh.write(path)
    result = build_site(path, site)
    written = set(result.stats.written_paths)
    ids = {name: _id for _id, (name, _) in wh.actors.items()}
    pages = {p for p in written if p.startswith(("a/", "p/"))}
    assert pages == {
        f"a/{new}.html",
        f"p/{ids['Vyacheslav Gladkov']}.html",
        f"p/{ids['Belgorod']}.html",
    }
    assert {"index.html", "data/network.js", "data/search/meta.js", "data/articles.js"} <= written
    for rel, mtime in untouched.items():
        if rel not in written:
            assert (site / rel).stat().st_mtime_ns == mtime, rel
    # and an article that goes away takes its page with it
    wh.articles = [a for a in wh.articles if a["article_id"] != new]
    wh.claims = [c for c in wh.claims if c["article_id"] != new]
    wh.write(path)
    assert build_site(path, site).stats.removed >= 1
    assert not (site / "a" / f"{new}.html").exists()


def test_article_marks_cover_exactly_the_stored_offsets(mini_warehouse: Path, tmp_path: Path):
    site = build_site(mini_warehouse, tmp_path / "site").root
    wh = kremlin_week()
    for article in wh.articles:
        marks = _marks(site / "a" / f"{article['article_id']}.html")
        claims = [c for c in wh.claims if c["article_id"] == article["article_id"]]
        claims.sort(key=lambda c: c["content_start"])
        assert marks.claim_ids == [c["claim_id"] for c in claims]
        for i, claim in enumerate(claims):
            text = article["text"]
            assert marks.covered[f"{i}c"] == text[claim["content_start"] : claim["content_end"]]
            assert marks.covered[f"{i}q"] == claim["cue"]
            if claim["speaker_start"] is not None:
                assert marks.covered[f"{i}s"] == claim["speaker_mention"]


def test_search_index_finds_words_and_speakers(mini_warehouse: Path, tmp_path: Path):
    site = build_site(mini_warehouse, tmp_path / "site").root
    meta = _js_payload(site / "data" / "search" / "meta.js")
    records = []
    for k in range(-(-meta["n"] // meta["chunk"])):
        records += _js_payload(site / "data" / "claims" / f"{k:04d}.js")

    def lookup(word: str) -> list[int]:
        key = word[0] + stem(word[1:]) if word[0] == "~" else stem(word)  # keys are stems
        shard = shard_name(key.lstrip("~"))
        if shard not in meta["shards"]:
            return []
        postings = _js_payload(site / "data" / "search" / f"{shard}.js")
        numbers, n = [], 0
        for delta in postings.get(key, []):
            n += delta
            numbers.append(n)
        return numbers

    strike = [n for n, r in enumerate(records) if "strike" in tokens(r[8])]
    assert len(strike) == 2 and lookup("strike") == strike
    assert [records[n][3] for n in lookup("~peskov")] == ["Dmitry Peskov"] * 2
    assert lookup("the") == lookup("of") == []  # stopwords are not indexed
    assert [r[7] for r in records] == sorted(r[7] for r in records)  # numbers run oldest first
    assert meta["actCodes"].count("0") == 2  # two accusations


def test_quarantine_page_names_file_and_reason(mini_warehouse: Path, tmp_path: Path):
    site = build_site(mini_warehouse, tmp_path / "site").root
    page = (site / "quarantine.html").read_text(encoding="utf-8")
    assert "seeds/bad.json" in page and "malformed_json" in page and "Expecting value" in page


@pytest.mark.slow
def test_pipeline_site_marks_match_warehouse_offsets(pipeline_run):
    """Every claim span of every article page equals raw.articles.text at the stored offsets."""
    site = pipeline_run.published.parent / "report"
    rows = pipeline_run.query("""
        SELECT c.article_id, c.claim_id, r.text, c.content_spans, c.content_start, c.content_end,
               c.cue_start, c.cue_end, c.speaker_start, c.speaker_end
        FROM marts.fct_claims c JOIN raw.articles r USING (article_id)
        ORDER BY c.article_id, c.content_start, c.claim_id""")
    assert rows
    pages: dict[str, _Marks] = {}
    checked = 0
    for article_id, claim_id, text, parts, c_start, c_end, q_start, q_end, s_start, s_end in rows:
        marks = pages.setdefault(article_id, _marks(site / "a" / f"{article_id}.html"))
        i = marks.claim_ids.index(claim_id)
        parts = parts or [[c_start, c_end]]
        assert marks.covered[f"{i}c"] == "".join(text[s:e] for s, e in parts)
        if q_start is not None:
            assert marks.covered[f"{i}q"] == text[q_start:q_end]
        if s_start is not None:
            assert marks.covered[f"{i}s"] == text[s_start:s_end]
        checked += 1
    assert checked == len(rows)


@pytest.mark.slow
def test_report_asset_metadata_and_cli(pipeline_run, capsys, monkeypatch):
    from pipeline.cli.main import main

    events = [
        e
        for e in pipeline_run.result.get_asset_materialization_events()
        if e.asset_key.to_user_string() == "warehouse/report"
    ]
    assert len(events) == 1
    meta = {k: v.value for k, v in events[0].materialization.metadata.items()}
    index = pipeline_run.published.parent / "report" / "index.html"
    assert meta["site"] == index.as_uri() and index.exists()
    assert meta["pages"] >= meta["articles"] + meta["actors"] > 0
    assert "| Kremlin | Ukraine |" in meta["top_edges"]
    monkeypatch.setenv("NEWSCLAIMS_WAREHOUSE", str(pipeline_run.published))
    monkeypatch.delenv("NEWSCLAIMS_REPORT_DIR", raising=False)
    assert main(["report"]) == 0
    assert capsys.readouterr().out.strip() == str(index)
