"""Serve the GX Data Docs folder over HTTP, so the Dagster UI's check links open their pages.

    uv run python -m pipeline.quality.docs_server      # `make ui` starts it next to `dg dev`

Browsers do not follow file:// links from an http:// page such as the Dagster UI; the checks
link to NEWSCLAIMS_DATA_DOCS_URL (the Makefile sets http://127.0.0.1:3001) when it is set.
Listens on 127.0.0.1 only, port NEWSCLAIMS_DATA_DOCS_PORT (default 3001).
"""

from __future__ import annotations

import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from pipeline.common.settings import current


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


def main() -> int:
    """Serve `<warehouse dir>/data_docs` until interrupted."""
    cfg = current()
    folder = cfg.warehouse_path.parent / "data_docs"
    folder.mkdir(parents=True, exist_ok=True)
    port = cfg.data_docs_port
    handler = functools.partial(_QuietHandler, directory=str(folder))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        print(
            f"data docs server: port {port} unavailable ({exc}); links will not open",
            file=sys.stderr,
        )
        return 1
    print(f"GX Data Docs: http://127.0.0.1:{port}/index.html ({folder})", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
