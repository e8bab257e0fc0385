import json
from pathlib import Path

from pipeline.ingest import Article, QuarantineItem, content_hash, ingest_folder, read_path

from .conftest import SEED_FILE

LONG_BODY = (
    "Kremlin spokesman Dmitry Peskov said the talks would continue next week. "
    "He told reporters that the delegation was ready to travel to Istanbul, "
    "but that the attack on the depot had not helped the negotiations at all."
)


def _one(path: Path, **kw) -> Article | QuarantineItem:
    records = list(read_path(path, **kw))
    assert len(records) == 1, records
    return records[0]


def test_seed_txt():
    article = _one(SEED_FILE)
    assert isinstance(article, Article)
    assert article.title == (
        "Peace talks under threat: Kremlin accuses Ukraine of attacking oil facility inside Russia"
    )
    assert article.text == article.title + "\n\n" + article.body
    assert article.body.startswith("Kremlin has threatened to walk out of peace talks")
    assert "Please enter" not in article.text
    assert article.language == "en"
    assert 300 < article.word_count < 360
    assert article.published_at is None and article.outlet is None
    assert article.article_id == content_hash(article.text)


def test_json_and_jsonl_with_metadata(tmp_path: Path):
    obj = {
        "id": "a1",
        "title": "Talks resume",
        "body": LONG_BODY,
        "url": "https://example.org/a1",
        "outlet": "Example News",
        "published_at": "2022-04-01T10:00:00+02:00",
    }
    (tmp_path / "a.json").write_text(json.dumps(obj), encoding="utf-8")
    article = _one(tmp_path / "a.json")
    assert isinstance(article, Article)
    assert article.outlet == "Example News"
    assert article.url == "https://example.org/a1"
    assert article.published_at.isoformat() == "2022-04-01T08:00:00"
    assert article.text == "Talks resume\n\n" + LONG_BODY
    assert article.external_id == "a1"

    lines = [
        json.dumps({"title": "One", "text": LONG_BODY, "source": "Wire"}),
        "{not json",
        json.dumps({"title": "No body"}),
        json.dumps(["a list"]),
        "",
        json.dumps({"title": "Two", "text": LONG_BODY + " Another sentence was added."}),
    ]
    (tmp_path / "b.jsonl").write_text("\n".join(lines), encoding="utf-8")
    records = list(read_path(tmp_path / "b.jsonl"))
    articles = [r for r in records if isinstance(r, Article)]
    bad = [r for r in records if isinstance(r, QuarantineItem)]
    assert [a.title for a in articles] == ["One", "Two"]
    assert articles[0].outlet == "Wire"
    assert [(q.line_number, q.reason) for q in bad] == [
        (2, "malformed_json"),
        (3, "missing_field"),
        (4, "malformed_json"),
    ]


def test_html_main_text(tmp_path: Path):
    html = f"""<html><head><title>Talks resume | Example</title>
    <meta property="og:site_name" content="Example News">
    <meta property="article:published_time" content="2022-04-01T10:00:00Z"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Talks resume</h1>
    <p>{LONG_BODY}</p><p>A second paragraph follows with more reporting from the border.</p>
    </article><footer>Please enter your comment!</footer></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    article = _one(tmp_path / "page.html")
    assert isinstance(article, Article), article
    assert article.title == "Talks resume"
    assert article.body.startswith("Kremlin spokesman Dmitry Peskov said")
    assert "\n\nA second paragraph" in article.body
    assert "Home | World" not in article.text and "Please enter" not in article.text
    assert article.outlet == "Example News"
    assert article.published_at is not None and article.published_at.year == 2022


def test_bad_files_are_quarantined_with_reasons(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n  ", encoding="utf-8")
    (tmp_path / "title_only.txt").write_text("Just a title\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "latin1.txt").write_bytes("Titel\n\nDas ist f\xfcr euch.".encode("latin-1"))
    (tmp_path / "broken.json").write_text('{"title": "x", "text": ', encoding="utf-8")
    (tmp_path / "huge.txt").write_text("Title\n\n" + "word " * 3000, encoding="utf-8")
    (tmp_path / "german.txt").write_text(
        "Friedensgespräche in Gefahr\n\nDer Kreml hat gedroht, die Friedensgespräche zu "
        "verlassen, nachdem er ukrainische Hubschrauber beschuldigt hatte, eine Ölanlage in "
        "Russland angegriffen zu haben. Der Gouverneur sagte, zwei Hubschrauber seien über "
        "die Grenze geflogen und hätten Raketen auf ein Depot abgefeuert.",
        encoding="utf-8",
    )
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    reasons = {
        name: _one(tmp_path / name, max_bytes=10_000).reason
        for name in [
            "empty.txt",
            "blank.txt",
            "title_only.txt",
            "binary.txt",
            "latin1.txt",
            "broken.json",
            "huge.txt",
            "german.txt",
            "notes.docx",
        ]
    }
    assert reasons == {
        "empty.txt": "empty",
        "blank.txt": "empty",
        "title_only.txt": "empty",
        "binary.txt": "binary",
        "latin1.txt": "undecodable",
        "broken.json": "malformed_json",
        "huge.txt": "too_large",
        "german.txt": "not_english",
        "notes.docx": "unsupported_format",
    }
    undecodable = _one(tmp_path / "latin1.txt")
    assert "offset" in undecodable.detail
    # the two a user can fix name the fix: the setting to raise, the suffixes that are read
    huge = _one(tmp_path / "huge.txt", max_bytes=10_000).detail
    assert "limit of 10000; raise NEWSCLAIMS_MAX_FILE_BYTES" in huge, huge
    docx = _one(tmp_path / "notes.docx").detail
    assert (
        docx.startswith("unsupported extension '.docx'; the suffixes read are ")
        and ".jsonl" in docx
    )


def test_folder_dedup_across_formats_and_bad_files_do_not_stop_the_batch(tmp_path: Path):
    seed = SEED_FILE.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(seed, encoding="utf-8")
    title, _, body = seed.partition("\n")
    # same article as JSON, with different whitespace and furniture: stored once
    (tmp_path / "b.json").write_text(
        json.dumps({"title": title, "text": body.replace("\n\n", "\n\n\n")}), encoding="utf-8"
    )
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "d.txt").write_text("Other story\n\n" + LONG_BODY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    batch = ingest_folder(tmp_path)
    assert sorted(a.source_path for a in batch.articles) == ["a.txt", "d.txt"]
    assert {(q.path, q.reason) for q in batch.quarantine} == {
        ("b.json", "duplicate"),
        ("c.txt", "binary"),
    }
    dup = next(q for q in batch.quarantine if q.reason == "duplicate")
    assert "a.txt" in dup.detail
    assert batch.files_scanned == ["a.txt", "b.json", "c.txt", "d.txt"]


def test_malformed_json_detail_names_where_it_broke(tmp_path: Path):
    path = tmp_path / "cut.json"
    path.write_text('{"title": "Cut off', encoding="utf-8")
    item = _one(path)
    assert isinstance(item, QuarantineItem)
    assert "Unterminated string starting at line 1 column 11" in item.detail
    assert " at at " not in item.detail


def test_schema_org_headline_and_article_body(tmp_path: Path):
    path = tmp_path / "schema.json"
    path.write_text(
        json.dumps(
            {
                "@type": "NewsArticle",
                "headline": "Port reopens",
                "articleBody": "The harbour master said the port would reopen on Monday.",
            }
        ),
        encoding="utf-8",
    )
    item = _one(path)
    assert isinstance(item, Article)
    assert item.title == "Port reopens" and "harbour master" in item.text


def test_a_json_object_without_a_text_field_names_the_fields_it_looked_for(tmp_path: Path):
    path = tmp_path / "no_text.json"
    path.write_text('{"title": "Only a title", "summary": "not a body"}', encoding="utf-8")
    item = _one(path)
    assert isinstance(item, QuarantineItem) and item.reason == "missing_field"
    assert "'articleBody'" in item.detail and "'text'" in item.detail
    assert "it has 'title', 'summary'" in item.detail  # what the file holds instead


def test_a_text_field_of_the_wrong_type_is_named_with_the_fix(tmp_path: Path):
    """A body that is a number or a list is not "missing": the detail names field and type."""
    for name, value, kind in (("num.json", 12345, "a number"), ("list.json", ["a", "b"], "a list")):
        path = tmp_path / name
        path.write_text(json.dumps({"title": "T", "body": value}), encoding="utf-8")
        item = _one(path)
        assert isinstance(item, QuarantineItem) and item.reason == "missing_field"
        assert item.detail.startswith(f"'body' holds {kind}, not a string"), item.detail
