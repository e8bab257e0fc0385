"""Serve the GX Data Docs folder over HTTP, so the Dagster UI's check links open their pages.

    uv run python -m pipeline.quality.docs_server      # `make ui DOCS_PORT=3001` starts it

Browsers do not follow file:// links from an http:// page such as the Dagster UI. The server
listens on 127.0.0.1, port NEWSCLAIMS_DATA_DOCS_PORT (default 3001), and while it runs it leaves
its address in `data_docs/.server.json`; a check links to the server running when it is
evaluated (`served_url`), never to an address fixed when the code was written or the run began,
so `make ui DOCS_PORT=4001` gives working links from the next run on (`make run` too, while the
UI runs). With no server running a check keeps its page as a path (`data_docs_page`, relative to
the Data Docs folder), which any later server serves at `<its address>/<data_docs_page>`.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pipeline.common.settings import current

RECORD = ".server.json"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def served_url(docs: Path, explicit: str | None = None) -> str | None:
    """The address of the docs server serving `docs` now: `explicit` (NEWSCLAIMS_DATA_DOCS_URL,
    a server elsewhere, e.g. behind a proxy) when set, else the running server's record; None
    when none runs.

        served_url(Path("warehouse/data_docs"))   # 'http://127.0.0.1:3001' under `make ui`
    """
    if explicit:
        return explicit
    try:
        record = json.loads((docs / RECORD).read_text(encoding="utf-8"))
        url, pid = str(record["url"]), int(record["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return url if _alive(pid) else None


@contextlib.contextmanager
def _recorded(docs: Path, url: str):
    """The server's address in `docs/.server.json` while it serves (removed on the way out)."""
    record = docs / RECORD
    tmp = record.with_name(f"{RECORD}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    os.replace(tmp, record)
    try:
        yield
    finally:
        with contextlib.suppress(OSError, ValueError):
            if json.loads(record.read_text(encoding="utf-8")).get("pid") == os.getpid():
                record.unlink()


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)  # `make ui` ends the server with SIGTERM: leave through the finally


def main() -> int:
    """Serve `<warehouse dir>/data_docs` until interrupted or terminated."""
    signal.signal(signal.SIGTERM, _stop)
    cfg = current()
    folder = cfg.warehouse_path.parent / "data_docs"
    folder.mkdir(parents=True, exist_ok=True)
    port = cfg.data_docs_port
    handler = functools.partial(_QuietHandler, directory=str(folder))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        print(
            f"newsclaims: error: Data Docs port {port} unavailable ({exc.strerror}); "
            f"choose another: make ui DOCS_PORT={port + 10}",
            file=sys.stderr,
        )
        return 2
    url = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"GX Data Docs: {url}/index.html ({folder})", file=sys.stderr, flush=True)
    with _recorded(folder, url):
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
