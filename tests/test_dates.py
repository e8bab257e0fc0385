"""Publication dates: kept with their time and zone, never invented."""

from datetime import datetime
from pathlib import Path

from pipeline.ingest import Article, read_path

BODY = (
    "The minister said on Monday that the talks would continue next week. She told reporters "
    "that the delegation was ready to travel, but that the attack had not helped at all."
)


def _read(path: Path) -> Article:
    (record,) = list(read_path(path))
    assert isinstance(record, Article), record
    return record


def test_txt_has_no_publication_date(tmp_path: Path):
    (tmp_path / "a.txt").write_text(f"Talks\n\n{BODY}", encoding="utf-8")
    article = _read(tmp_path / "a.txt")
    assert article.published_at is None and article.published_utc_offset_min is None


def test_html_published_time_keeps_its_time_and_zone(tmp_path: Path):
    page = (
        '<html><head><meta property="article:published_time" '
        'content="2022-04-01T23:30:00+02:00"><title>Talks</title></head><body><article>'
        f"<h1>Talks resume</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    article = _read(tmp_path / "a.html")
    assert article.published_at == datetime(2022, 4, 1, 21, 30)  # UTC
    assert article.published_utc_offset_min == 120  # as published: +02:00


def test_json_date_without_zone_and_garbage(tmp_path: Path):
    import json

    (tmp_path / "a.jsonl").write_text(
        "\n".join(
            json.dumps({"title": f"T{i}", "text": f"{BODY} Item {i}.", "published_at": value})
            for i, value in enumerate(["2022-04-01 10:00", "yesterday-ish", ["2022"], True])
        ),
        encoding="utf-8",
    )
    articles = list(read_path(tmp_path / "a.jsonl"))
    assert [(a.published_at, a.published_utc_offset_min) for a in articles] == [
        (datetime(2022, 4, 1, 10, 0), None),
        (None, None),
        (None, None),
        (None, None),
    ]


def test_a_date_out_of_range_keeps_every_article_undated_with_a_warning(tmp_path: Path):
    """In UTC, 9999-12-31T23:00-05:00 is in year 10000 and 0001-01-01T00:00+05:00 in year 0:
    both used to raise out of the reader and lose the whole file (issue 24 item 9)."""
    import json

    dates = ["9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00", 10**20, "2022-04-01"]
    (tmp_path / "a.jsonl").write_text(
        "\n".join(
            json.dumps({"title": f"T{i}", "text": f"{BODY} Item {i}.", "published_at": value})
            for i, value in enumerate(dates)
        ),
        encoding="utf-8",
    )
    articles = list(read_path(tmp_path / "a.jsonl"))
    assert [(a.line_number, a.published_at) for a in articles] == [
        (1, None),
        (2, None),
        (3, None),
        (4, datetime(2022, 4, 1)),
    ]
    assert articles[0].date_warning == (
        "date '9999-12-31T23:00:00-05:00' is out of range in UTC (years 1-9999); "
        "kept with an unknown date"
    )
    assert "out of range as epoch seconds" in articles[2].date_warning
    assert articles[3].date_warning is None
