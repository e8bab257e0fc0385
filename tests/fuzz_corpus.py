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
import socket
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
        *_repeat_and_name_cases(),
        *_date_cases(),
    ]
    for name, data, _ in specs:
        _write(folder, name, data)
    return [Case(name, expect) for name, _, expect in specs]


def _repeat_and_name_cases() -> list[tuple[str, str | bytes, tuple[Expect, ...]]]:
    """Repeats inside one file (each keeps its line, so no two quarantine rows share a key),
    names that print alike when escaped, and a charset that is no text encoding."""
    same = json.dumps(_obj("same"))
    long_text = " ".join(_prose(f"long {i}") for i in range(19))  # > MAX_CHARS
    return [
        (
            "repeats.jsonl",
            "\n".join([same, same, same, json.dumps(_obj("other"))]),
            (
                _article("repeats.jsonl", 1),
                _quarantine("repeats.jsonl", "duplicate", 2),
                _quarantine("repeats.jsonl", "duplicate", 3),
                _article("repeats.jsonl", 4),
            ),
        ),
        (
            "same_items.json",
            json.dumps([_obj("item"), _obj("item"), _obj("item")]),
            (
                _article("same_items.json", 1),
                _quarantine("same_items.json", "duplicate", 2),
                _quarantine("same_items.json", "duplicate", 3),
            ),
        ),
        (
            "long_lines.jsonl",
            "\n".join(
                json.dumps({"title": f"Long {i}", "text": f"{i} {long_text}"}) for i in (1, 2)
            ),
            (
                _quarantine("long_lines.jsonl", "too_long", 1),
                _quarantine("long_lines.jsonl", "too_long", 2),
            ),
        ),
        # a real ESC and the four characters backslash-x-1-b: one escaped name before the fix
        ("clash\x1b.txt", "", (_quarantine("clash\x1b.txt", "empty"),)),
        ("clash\\x1b.txt", "", (_quarantine("clash\\x1b.txt", "empty"),)),
        ("clash\x1bok.txt", f"Clash\n\n{_prose('clash esc')}", (_article("clash\x1bok.txt"),)),
        (
            "clash\\x1bok.txt",
            f"Clash\n\n{_prose('clash text')}",
            (_article("clash\\x1bok.txt"),),
        ),
        (
            "hex_charset.html",
            f'<html><head><meta charset="hex"><title>Hex</title></head><body><article>'
            f"<h1>Hex talks</h1><p>{_prose('hex')}</p><p>{PROSE}</p></article></body></html>",
            (_article("hex_charset.html"),),
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
            json.dumps(_obj("far", published_at=BAD_DATES[0])),
            (_article("date_far.json"),),
        ),
        (
            "dates.jsonl",
            "\n".join(json.dumps(_obj(f"d{i}", published_at=d)) for i, d in enumerate(BAD_DATES)),
            tuple(_article("dates.jsonl", n) for n in range(1, len(BAD_DATES) + 1)),
        ),
        (
            "date_early.html",
            page.format(date=BAD_DATES[1], prose=_prose("early"), more=PROSE),
            (_article("date_early.html"),),
        ),
    ]


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
        ("sock", _bind_socket, _quarantine("sock", "special_file")),
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


def _bind_socket(path: Path) -> None:
    """A Unix socket file at `path` (bound from its folder: socket paths are short)."""
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(path.name)
    finally:
        os.chdir(cwd)


def _folder_cases(folder: Path) -> list[Case]:
    """Subfolders the scan cannot list: one nested past the system's path limit (unlistable
    whoever runs it) and one without permissions (readable anyway when run as root)."""
    deep = folder / "deep"
    deep.mkdir()
    fd = os.open(deep, os.O_RDONLY)
    depth = 0
    while len(str(deep)) + depth * 201 < 4200:  # mkdir relative to the last level: no long paths
        os.mkdir("d" * 200, dir_fd=fd)
        fd, old = os.open("d" * 200, os.O_RDONLY, dir_fd=fd), fd
        os.close(old)
        depth += 1
    with open(os.open("lost.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as fh:
        fh.write(f"Lost\n\n{_prose('deep')}")
    os.close(fd)
    # the level os.walk cannot list: the first whose path is past PATH_MAX (4096 bytes)
    level = next(n for n in range(depth + 1) if len(str(deep)) + n * 201 >= 4096)
    unlisted = "deep/" + "/".join(["d" * 200] * level)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(f"Locked\n\n{_prose('locked')}", encoding="utf-8")
    locked.chmod(0)
    locked_expect = (
        _article("locked/inside.txt")
        if os.access(locked, os.R_OK | os.X_OK)  # root reads it all the same
        else _quarantine("locked", "unreadable")
    )
    return [
        Case("deep", (_quarantine(unlisted, "unreadable"),)),
        Case("locked", (locked_expect,)),
    ]


def unlock(folder: Path) -> None:
    """Give the locked subfolder its permissions back (so the folder can be deleted)."""
    locked = folder / "locked"
    if locked.is_dir():
        locked.chmod(0o755)


def build_corpus(folder: Path, outside: Path) -> list[Case]:
    """Write every case into `folder` (links point into `outside` too); return expectations.

    Ingest with max_bytes=MAX_BYTES and max_chars=MAX_CHARS, so `huge.txt` stands for an
    oversized file and `long.txt` for an article longer than the parser takes. Call
    `unlock(folder)` when done.
    """
    folder.mkdir(parents=True, exist_ok=True)
    return _file_cases(folder) + _special_cases(folder, outside) + _folder_cases(folder)
