"""A small adversarial input corpus for the ingest readers, generated (never stored).

`build_corpus(folder)` writes one file (or link, FIFO, ...) per case and returns what each
case must become: an article, or a quarantine row with a given reason. Every case is a class
of input a user can drop into the seeds folder; the generator is fixed (no randomness), so a
failure names the case that broke.

Example::

    cases = build_corpus(tmp_path / "seeds", outside=tmp_path / "elsewhere")
    for case in cases: print(case.name, case.expect)
"""

from __future__ import annotations

import json
from pathlib import Path

from .fuzz_base import (
    FRENCH,
    MAX_BYTES,
    MAX_CHARS,
    PROSE,
    Case,
    Expect,
    article,
    obj,
    prose,
    quarantine,
    write,
)
from .fuzz_places import folder_cases, special_cases, unlock

__all__ = ["BAD_DATES", "MAX_BYTES", "MAX_CHARS", "PROSE", "Expect", "build_corpus", "unlock"]


def _file_cases(folder: Path) -> list[Case]:
    """Plain files: wave-1 classes plus the hostile JSON, separators and metadata ones."""
    deep = "[" * 1000 + "]" * 1000
    html_cp1252 = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9 talks</title></head><body>'
        f"<article><h1>Caf\xe9 talks</h1><p>{PROSE} The caf\xe9 owner \u201cagreed\u201d.</p>"
        f"<p>{PROSE}</p></article></body></html>"
    ).encode("cp1252")
    specs: list[tuple[str, str | bytes, tuple[Expect, ...]]] = [
        ("good.txt", f"Talks go on\n\n{prose('txt')}", (article("good.txt"),)),
        ("empty.txt", "", (quarantine("empty.txt", "empty"),)),
        ("blank.txt", " \n\t\n", (quarantine("blank.txt", "empty"),)),
        ("nul.txt", b"\x00\x01" * 100, (quarantine("nul.txt", "binary"),)),
        (
            "latin1.txt",
            f"Caf\xe9\n\n{PROSE}".encode("latin-1"),
            (quarantine("latin1.txt", "undecodable"),),
        ),
        ("utf16.txt", f"Talks\n\n{prose('u16')}".encode("utf-16"), (article("utf16.txt"),)),
        ("french.txt", f"Titre\n\n{FRENCH}", (quarantine("french.txt", "not_english"),)),
        (
            "short_french.txt",
            "Titre\n\nLe ministre a déclaré lundi que les négociations reprendraient bientôt.",
            (quarantine("short_french.txt", "not_english"),),
        ),
        (
            "short_russian.txt",
            "Заголовок\n\nМинистр заявил в понедельник, что переговоры продолжатся.",
            (quarantine("short_russian.txt", "not_english"),),
        ),
        (
            "good_copy.txt",
            f"Talks go on\n\n{prose('txt')}",
            (quarantine("good_copy.txt", "duplicate"),),
        ),
        ("notes.docx", b"PK\x03\x04", (quarantine("notes.docx", "unsupported_format"),)),
        ("bad.json", '{"title": "x", "text": ', (quarantine("bad.json", "malformed_json"),)),
        (
            "list.json",
            "[1, 2]",
            tuple(quarantine("list.json", "malformed_json", n) for n in (1, 2)),
        ),
        ("nobody.json", json.dumps({"title": "x"}), (quarantine("nobody.json", "missing_field"),)),
        ("deep.json", deep, (quarantine("deep.json", "malformed_json"),)),
        (
            "deep_obj.json",
            '{"title": "x", "text": "a", "m": ' + deep + "}",
            (quarantine("deep_obj.json", "malformed_json"),),
        ),
        (
            "bignum.json",
            '{"title": "x", "text": "y", "n": ' + "9" * 5000 + "}",
            (quarantine("bignum.json", "malformed_json"),),
        ),
        (
            "nan.json",
            '{"title": "NaN talks", "text": "' + prose("nan") + '", "score": NaN}',
            (article("nan.json"),),
        ),
        (
            "surrogate.json",
            '{"title": "Lone \\ud800 surrogate", "text": "' + prose("sur") + '"}',
            (article("surrogate.json"),),
        ),
        (
            "typed_meta.json",
            json.dumps(obj("typed", id=12345, url=["https://a"], outlet={"n": 1}, date=[1])),
            (article("typed_meta.json"),),
        ),
        (
            "escapes_meta.json",
            json.dumps(
                obj(
                    "esc",
                    id="x\x1b]0;pwned\x07y",
                    url="https://e.org/\x1b[2J",
                    outlet="Wire\x1b[31m red",
                )
            ),
            (article("escapes_meta.json"),),
        ),
        (
            "text_not_str.json",
            json.dumps({"title": "x", "text": 42}),
            (quarantine("text_not_str.json", "missing_field"),),
        ),
        (
            "separators.jsonl",
            "\n".join(
                [
                    json.dumps(obj("ls", extra="a\u2028b"), ensure_ascii=False),
                    json.dumps(obj("ps\u2029x"), ensure_ascii=False),
                    json.dumps(obj("nel\x85x"), ensure_ascii=False),
                ]
            ),
            tuple(article("separators.jsonl", n) for n in (1, 2, 3)),
        ),
        (
            "mixed.jsonl",
            "\r\n".join(
                [
                    json.dumps(obj("m1")),
                    deep,
                    '{"n": ' + "1" * 5000 + "}",
                    "{broken",
                    json.dumps(obj("m5")),
                ]
            ),
            (
                article("mixed.jsonl", 1),
                quarantine("mixed.jsonl", "malformed_json", 2),
                quarantine("mixed.jsonl", "malformed_json", 3),
                quarantine("mixed.jsonl", "malformed_json", 4),
                article("mixed.jsonl", 5),
            ),
        ),
        ("cp1252.html", html_cp1252, (article("cp1252.html"),)),
        (
            "nested/deeper/ok.txt",
            f"Nested\n\n{prose('nest')}",
            (article("nested/deeper/ok.txt"),),
        ),
        ("evil\x1b[31mname.txt", f"Evil\n\n{prose('evil')}", (article("evil\x1b[31mname.txt"),)),
        ("huge.txt", "x" * (MAX_BYTES + 1), (quarantine("huge.txt", "too_large"),)),
        (
            "long.txt",
            "Long talks\n\n" + " ".join(prose(str(i)) for i in range(25)),
            (quarantine("long.txt", "too_long"),),
        ),
        *_repeat_and_name_cases(),
        *_date_cases(),
    ]
    for name, data, _ in specs:
        write(folder, name, data)
    return [Case(name, expect) for name, _, expect in specs]


def _repeat_and_name_cases() -> list[tuple[str, str | bytes, tuple[Expect, ...]]]:
    """Repeats inside one file (each keeps its line, so no two quarantine rows share a key),
    names that print alike when escaped, and a charset that is no text encoding."""
    same = json.dumps(obj("same"))
    long_text = " ".join(prose(f"long {i}") for i in range(19))  # > MAX_CHARS
    return [
        (
            "repeats.jsonl",
            "\n".join([same, same, same, json.dumps(obj("other"))]),
            (
                article("repeats.jsonl", 1),
                quarantine("repeats.jsonl", "duplicate", 2),
                quarantine("repeats.jsonl", "duplicate", 3),
                article("repeats.jsonl", 4),
            ),
        ),
        (
            "same_items.json",
            json.dumps([obj("item"), obj("item"), obj("item")]),
            (
                article("same_items.json", 1),
                quarantine("same_items.json", "duplicate", 2),
                quarantine("same_items.json", "duplicate", 3),
            ),
        ),
        (
            "long_lines.jsonl",
            "\n".join(
                json.dumps({"title": f"Long {i}", "text": f"{i} {long_text}"}) for i in (1, 2)
            ),
            (
                quarantine("long_lines.jsonl", "too_long", 1),
                quarantine("long_lines.jsonl", "too_long", 2),
            ),
        ),
        # a real ESC and the four characters backslash-x-1-b: one escaped name before the fix
        ("clash\x1b.txt", "", (quarantine("clash\x1b.txt", "empty"),)),
        ("clash\\x1b.txt", "", (quarantine("clash\\x1b.txt", "empty"),)),
        ("clash\x1bok.txt", f"Clash\n\n{prose('clash esc')}", (article("clash\x1bok.txt"),)),
        (
            "clash\\x1bok.txt",
            f"Clash\n\n{prose('clash text')}",
            (article("clash\\x1bok.txt"),),
        ),
        (
            "hex_charset.html",
            f'<html><head><meta charset="hex"><title>Hex</title></head><body><article>'
            f"<h1>Hex talks</h1><p>{prose('hex')}</p><p>{PROSE}</p></article></body></html>",
            (article("hex_charset.html"),),
        ),
    ]


# dates a reader cannot hold (in UTC they fall outside years 1-9999) or that are no dates:
# the article is kept, undated
BAD_DATES = ("9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00", 10**20, "not a date")


def _date_cases() -> list[tuple[str, str | bytes, tuple[Expect, ...]]]:
    page = (
        '<html><head><meta property="article:published_time" content="{date}">'
        "<title>Dated</title></head><body><article><h1>Dated talks</h1>"
        "<p>{prose}</p><p>{more}</p></article></body></html>"
    )
    return [
        (
            "date_far.json",
            json.dumps(obj("far", published_at=BAD_DATES[0])),
            (article("date_far.json"),),
        ),
        (
            "dates.jsonl",
            "\n".join(json.dumps(obj(f"d{i}", published_at=d)) for i, d in enumerate(BAD_DATES)),
            tuple(article("dates.jsonl", n) for n in range(1, len(BAD_DATES) + 1)),
        ),
        (
            "date_early.html",
            page.format(date=BAD_DATES[1], prose=prose("early"), more=PROSE),
            (article("date_early.html"),),
        ),
    ]


def build_corpus(folder: Path, outside: Path) -> list[Case]:
    """Write every case into `folder` (links point into `outside` too); return expectations.

    Ingest with max_bytes=MAX_BYTES and max_chars=MAX_CHARS, so `huge.txt` stands for an
    oversized file and `long.txt` for an article longer than the parser takes. Call
    `unlock(folder)` when done.
    """
    folder.mkdir(parents=True, exist_ok=True)
    return _file_cases(folder) + special_cases(folder, outside) + folder_cases(folder)
