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
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# English news prose, long enough for the language guess; each case varies it so no two
# good articles are duplicates.
PROSE = (
    "The minister said on Monday that the talks would continue next week. "
    "She told reporters that the delegation was ready to travel, but that the attack on the "
    "depot had not helped the negotiations at all, and that a decision would come later."
)
FRENCH = (
    "Le ministre a déclaré lundi que les négociations reprendraient la semaine prochaine. "
    "Elle a dit aux journalistes que la délégation était prête à partir, mais que "
    "l'attaque contre le dépôt n'avait pas aidé les négociations du tout, et qu'une "
    "décision serait prise plus tard dans la semaine par le gouvernement."
)


MAX_BYTES = 12_000
MAX_CHARS = 5_000  # stands for the parser's limit


@dataclass(frozen=True)
class Expect:
    """What one input unit (a file, or one line/item of it) must become."""

    path: str  # relative to the seeds folder
    outcome: str  # "article" or "quarantine"
    reason: str | None = None  # quarantine reason, when fixed
    line: int | None = None


@dataclass(frozen=True)
class Case:
    name: str
    expect: tuple[Expect, ...]


def _prose(tag: str) -> str:
    return f"{PROSE} The report number {tag} was filed."


def _obj(tag: str, **extra: object) -> dict:
    return {"title": f"Talks update {tag}", "text": _prose(tag), **extra}


def _write(folder: Path, name: str, data: str | bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def _article(name: str, line: int | None = None) -> Expect:
    return Expect(name, "article", line=line)


def _quarantine(name: str, reason: str | None, line: int | None = None) -> Expect:
    return Expect(name, "quarantine", reason, line)


def _file_cases(folder: Path) -> list[Case]:
    """Plain files: wave-1 classes plus the hostile JSON, separators and metadata ones."""
    deep = "[" * 1000 + "]" * 1000
    html_cp1252 = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9 talks</title></head><body>'
        f"<article><h1>Caf\xe9 talks</h1><p>{PROSE} The caf\xe9 owner \u201cagreed\u201d.</p>"
        f"<p>{PROSE}</p></article></body></html>"
    ).encode("cp1252")
    specs: list[tuple[str, str | bytes, tuple[Expect, ...]]] = [
        ("good.txt", f"Talks go on\n\n{_prose('txt')}", (_article("good.txt"),)),
        ("empty.txt", "", (_quarantine("empty.txt", "empty"),)),
        ("blank.txt", " \n\t\n", (_quarantine("blank.txt", "empty"),)),
        ("nul.txt", b"\x00\x01" * 100, (_quarantine("nul.txt", "binary"),)),
        (
            "latin1.txt",
            f"Caf\xe9\n\n{PROSE}".encode("latin-1"),
            (_quarantine("latin1.txt", "undecodable"),),
        ),
        ("utf16.txt", f"Talks\n\n{_prose('u16')}".encode("utf-16"), (_article("utf16.txt"),)),
        ("french.txt", f"Titre\n\n{FRENCH}", (_quarantine("french.txt", "not_english"),)),
        (
            "short_french.txt",
            "Titre\n\nLe ministre a déclaré lundi que les négociations reprendraient bientôt.",
            (_quarantine("short_french.txt", "not_english"),),
        ),
        (
            "short_russian.txt",
            "Заголовок\n\nМинистр заявил в понедельник, что переговоры продолжатся.",
            (_quarantine("short_russian.txt", "not_english"),),
        ),
        (
            "good_copy.txt",
            f"Talks go on\n\n{_prose('txt')}",
            (_quarantine("good_copy.txt", "duplicate"),),
        ),
        ("notes.docx", b"PK\x03\x04", (_quarantine("notes.docx", "unsupported_format"),)),
        ("bad.json", '{"title": "x", "text": ', (_quarantine("bad.json", "malformed_json"),)),
        (
            "list.json",
            "[1, 2]",
            tuple(_quarantine("list.json", "malformed_json", n) for n in (1, 2)),
        ),
        ("nobody.json", json.dumps({"title": "x"}), (_quarantine("nobody.json", "missing_field"),)),
        ("deep.json", deep, (_quarantine("deep.json", "malformed_json"),)),
        (
            "deep_obj.json",
            '{"title": "x", "text": "a", "m": ' + deep + "}",
            (_quarantine("deep_obj.json", "malformed_json"),),
        ),
        (
            "bignum.json",
            '{"title": "x", "text": "y", "n": ' + "9" * 5000 + "}",
            (_quarantine("bignum.json", "malformed_json"),),
        ),
        (
            "nan.json",
            '{"title": "NaN talks", "text": "' + _prose("nan") + '", "score": NaN}',
            (_article("nan.json"),),
        ),
        (
            "surrogate.json",
            '{"title": "Lone \\ud800 surrogate", "text": "' + _prose("sur") + '"}',
            (_article("surrogate.json"),),
        ),
        (
            "typed_meta.json",
            json.dumps(_obj("typed", id=12345, url=["https://a"], outlet={"n": 1}, date=[1])),
            (_article("typed_meta.json"),),
        ),
        (
            "escapes_meta.json",
            json.dumps(
                _obj(
                    "esc",
                    id="x\x1b]0;pwned\x07y",
                    url="https://e.org/\x1b[2J",
                    outlet="Wire\x1b[31m red",
                )
            ),
            (_article("escapes_meta.json"),),
        ),
        (
            "text_not_str.json",
            json.dumps({"title": "x", "text": 42}),
            (_quarantine("text_not_str.json", "missing_field"),),
        ),
        (
            "separators.jsonl",
            "\n".join(
                [
                    json.dumps(_obj("ls", extra="a\u2028b"), ensure_ascii=False),
                    json.dumps(_obj("ps\u2029x"), ensure_ascii=False),
                    json.dumps(_obj("nel\x85x"), ensure_ascii=False),
                ]
            ),
            tuple(_article("separators.jsonl", n) for n in (1, 2, 3)),
        ),
        (
            "mixed.jsonl",
            "\r\n".join(
                [
                    json.dumps(_obj("m1")),
                    deep,
                    '{"n": ' + "1" * 5000 + "}",
                    "{broken",
                    json.dumps(_obj("m5")),
                ]
            ),
            (
                _article("mixed.jsonl", 1),
                _quarantine("mixed.jsonl", "malformed_json", 2),
                _quarantine("mixed.jsonl", "malformed_json", 3),
                _quarantine("mixed.jsonl", "malformed_json", 4),
                _article("mixed.jsonl", 5),
            ),
        ),
        ("cp1252.html", html_cp1252, (_article("cp1252.html"),)),
        (
            "nested/deeper/ok.txt",
            f"Nested\n\n{_prose('nest')}",
            (_article("nested/deeper/ok.txt"),),
        ),
        ("evil\x1b[31mname.txt", f"Evil\n\n{_prose('evil')}", (_article("evil\x1b[31mname.txt"),)),
        ("huge.txt", "x" * (MAX_BYTES + 1), (_quarantine("huge.txt", "too_large"),)),
        (
            "long.txt",
            "Long talks\n\n" + " ".join(_prose(str(i)) for i in range(25)),
            (_quarantine("long.txt", "too_long"),),
        ),
    ]
    for name, data, _ in specs:
        _write(folder, name, data)
    return [Case(name, expect) for name, _, expect in specs]


def _special_cases(folder: Path, outside: Path) -> list[Case]:
    """Links and special files: each ends as a quarantine row; a link is never followed."""
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text(f"Outside\n\n{_prose('out')}", encoding="utf-8")
    (folder / "inside_target.txt").write_text(f"Inside\n\n{_prose('in')}", encoding="utf-8")
    actions: list[tuple[str, Callable[[Path], None], Expect]] = [
        (
            "link_out.txt",
            lambda p: p.symlink_to(outside / "secret.txt"),
            _quarantine("link_out.txt", "symlink"),
        ),
        (
            "link_in.txt",
            lambda p: p.symlink_to(folder / "inside_target.txt"),
            _quarantine("link_in.txt", "symlink"),
        ),
        (
            "loop.txt",
            lambda p: p.symlink_to(p),
            _quarantine("loop.txt", "symlink"),
        ),
        (
            "dangling.txt",
            lambda p: p.symlink_to(folder / "missing.txt"),
            _quarantine("dangling.txt", "symlink"),
        ),
        ("pipe.txt", lambda p: os.mkfifo(p), _quarantine("pipe.txt", "special_file")),
        (
            "dirlink",
            lambda p: p.symlink_to(outside, target_is_directory=True),
            _quarantine("dirlink", "symlink"),
        ),
    ]
    cases = [Case("inside_target.txt", (_article("inside_target.txt"),))]
    for name, make, expect in actions:
        make(folder / name)
        cases.append(Case(name, (expect,)))
    return cases


def build_corpus(folder: Path, outside: Path) -> list[Case]:
    """Write every case into `folder` (links point into `outside` too); return expectations.

    Ingest with max_bytes=MAX_BYTES and max_chars=MAX_CHARS, so `huge.txt` stands for an
    oversized file and `long.txt` for an article longer than the parser takes.
    """
    folder.mkdir(parents=True, exist_ok=True)
    return _file_cases(folder) + _special_cases(folder, outside)
