"""`make ui UI_PORT=… DOCS_PORT=…`: a port in use is one line before anything starts, and a
check's Data Docs link goes through the docs server running when the check is evaluated (its
address is never fixed in the Makefile or at the start of a run)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.defs.quality import _docs_links
from pipeline.quality import SuiteResult
from pipeline.quality.docs_server import RECORD, served_url
from pipeline.run.resources import WarehouseResource

from .conftest import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_busy_port_stops_make_ui_in_one_line_before_anything_starts(tmp_path: Path):
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    port = busy.getsockname()[1]
    env = {**os.environ, "MAKEFLAGS": ""}
    env.pop("NEWSCLAIMS_DATA_DOCS_URL", None)
    make = subprocess.Popen(
        [
            "make",
            "-s",
            "-o",
            ".venv/.installed",
            "ui",
            f"UI_PORT={_free_port()}",
            f"DOCS_PORT={port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # so a UI started by mistake is stopped with its group
    )
    try:
        out, err = make.communicate(timeout=180)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGTERM)
            make.wait()
        busy.close()
    assert make.returncode == 2, err[-2000:]
    ours = [line for line in err.splitlines() if line.startswith("newsclaims:")]
    assert ours == [
        f"newsclaims: error: port {port} on 127.0.0.1 is in use by another program; "
        f"stop it, or choose another: make ui DOCS_PORT={port + 10}"
    ]
    assert "Traceback" not in err and "dagster" not in (out + err).lower()  # no UI started


def _start_docs_server(published: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "NEWSCLAIMS_WAREHOUSE": str(published),
        "NEWSCLAIMS_DATA_DOCS_PORT": str(port),
    }
    env.pop("NEWSCLAIMS_DATA_DOCS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "pipeline.quality.docs_server"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert "GX Data Docs: " in server.stderr.readline()
    deadline = time.monotonic() + 30
    while not (published.parent / "data_docs" / RECORD).is_file():
        assert time.monotonic() < deadline and server.poll() is None
        time.sleep(0.05)
    return server


def _stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)  # as `make ui` stops it
    assert server.wait(timeout=30) == 0


def test_check_links_follow_the_docs_server_running_at_evaluation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("NEWSCLAIMS_DATA_DOCS_URL", raising=False)
    published = tmp_path / "w" / "newsclaims.duckdb"
    page = published.parent / "data_docs" / "validations" / "s" / "run" / "page.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>suite s</p>", encoding="utf-8")
    result = SuiteResult("s", "t", ["raw", "t"], True, True, 1, 0.1, docs_page=str(page))
    warehouse = WarehouseResource(path=str(published))

    offline = _docs_links(result, warehouse, None)
    assert offline["data_docs_page"].value == "validations/s/run/page.html"
    assert Path(offline["data_docs_file"].value) == page and "data_docs" not in offline

    for port in (_free_port(), _free_port()):  # a second `make ui DOCS_PORT=…` elsewhere
        server = _start_docs_server(published, port)
        try:
            url = _docs_links(result, warehouse, None)["data_docs"].value
            assert url == f"http://127.0.0.1:{port}/validations/s/run/page.html"
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.read() == b"<p>suite s</p>"
        finally:
            _stop(server)
        assert served_url(page.parents[3]) is None  # the record goes with the server
        assert "data_docs" not in _docs_links(result, warehouse, None)


def test_a_record_left_by_a_killed_server_is_not_followed(tmp_path: Path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    (tmp_path / RECORD).write_text(f'{{"url": "http://127.0.0.1:1", "pid": {dead.stdout}}}')
    assert served_url(tmp_path) is None
    # NEWSCLAIMS_DATA_DOCS_URL (a server elsewhere) is followed whatever the record says
    assert served_url(tmp_path, "http://docs.example:8080") == "http://docs.example:8080"
