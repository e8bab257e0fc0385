"""Drive Debian's headless Chromium over the DevTools protocol on a pipe (no port, no package).

Used by the browser test and to take the README screenshots:

    with Chromium() as browser:
        browser.goto(Path("warehouse/report/network.html").as_uri())
        browser.wait_for("window.NC_CY && NC_CY.nodes().length > 0")
        browser.screenshot(Path("network.png"))
        assert not browser.errors()

    uv run python -m pipeline.devtools.browser warehouse/report/network.html network.png
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.common.settings import current

# Flags that work in containers and never reach the network on their own.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)


class BrowserError(RuntimeError):
    """Chromium did not start, answered with an error or timed out."""


def _protocol_fds(commands: int, replies: int) -> None:
    """In the child: the DevTools pipe is fd 3 (commands in) and fd 4 (replies out)."""
    high_commands = fcntl.fcntl(commands, fcntl.F_DUPFD, 10)
    high_replies = fcntl.fcntl(replies, fcntl.F_DUPFD, 10)
    os.dup2(high_commands, 3)
    os.dup2(high_replies, 4)


def find_chromium() -> str | None:
    """The Chromium executable (see `settings.chromium`), or None."""
    return current().chromium


class Chromium:
    """One headless Chromium with one page, a fresh profile and the console collected."""

    def __init__(self, executable: str | None = None, width: int = 1400, height: int = 900):
        self.executable = executable or find_chromium()
        if not self.executable:
            raise BrowserError("chromium not found (apt-get install chromium)")
        self.size = (width, height)
        self.events: list[dict] = []
        self._next_id = 0
        self._buffer = b""

    def __enter__(self) -> Chromium:
        self._profile = tempfile.mkdtemp(prefix="newsclaims-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        args = [
            self.executable,
            *FLAGS,
            f"--user-data-dir={self._profile}",
            f"--window-size={self.size[0]},{self.size[1]}",
            "about:blank",
        ]
        self._proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # the pipes' other fds are close-on-exec anyway
            preexec_fn=lambda: _protocol_fds(to_browser_r, from_browser_w),
            start_new_session=True,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": self.size[0],
                "height": self.size[1],
                "deviceScaleFactor": 1,
                "mobile": False,
            },
        )
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            os.killpg(self._proc.pid, signal.SIGTERM)
            self._proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self._proc.pid, signal.SIGKILL)
        for fd in (self._to_browser, self._from_browser):
            os.close(fd)
        shutil.rmtree(self._profile, ignore_errors=True)

    def _read_message(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise BrowserError("chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def _send(
        self,
        method: str,
        params: dict | None = None,
        session: str | None = None,
        timeout: float = 30,
    ) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message(timeout)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def send(self, method: str, params: dict | None = None, timeout: float = 30) -> dict:
        """A DevTools command to the page; returns its result."""
        return self._send(method, params, self._session, timeout)

    def goto(self, url: str, timeout: float = 30) -> None:
        """Open `url` and wait for its load event."""
        seen = len(self.events)
        self.send("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout
        while not any(e["method"] == "Page.loadEventFired" for e in self.events[seen:]):
            if time.monotonic() > deadline:
                raise BrowserError(f"{url} did not load in {timeout} s")
            self.evaluate("1")

    def evaluate(self, expression: str, await_promise: bool = False) -> object:
        """The JSON value of a JavaScript expression in the page."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": await_promise},
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20) -> object:
        """Poll `expression` until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {expression}")
            time.sleep(0.1)

    def bounds(self, selector: str, pad: int = 0) -> tuple[int, int, int, int]:
        """(x, y, width, height) in page pixels of all elements matching the CSS `selector`
        together, `pad` pixels wider on each side (kept inside the page)."""
        box = self.evaluate(
            "(() => { const els = Array.from(document.querySelectorAll("
            + json.dumps(selector)
            + ")); if (!els.length) return null; const r = els.map(e => "
            "e.getBoundingClientRect()).filter(b => b.width && b.height); if (!r.length) "
            "return null; const sx = window.scrollX, sy = window.scrollY; return ["
            "Math.min(...r.map(b => b.left)) + sx, Math.min(...r.map(b => b.top)) + sy, "
            "Math.max(...r.map(b => b.right)) + sx, Math.max(...r.map(b => b.bottom)) + sy, "
            "document.documentElement.scrollWidth, document.documentElement.scrollHeight]; })()"
        )
        if not box:
            raise BrowserError(f"nothing visible matches {selector!r}")
        left, top, right, bottom, page_w, page_h = box
        x, y = max(0, int(left) - pad), max(0, int(top) - pad)
        return (
            x,
            y,
            min(page_w, int(right + 0.999) + pad) - x,
            min(page_h, int(bottom + 0.999) + pad) - y,
        )

    def screenshot(self, path: Path, clip: tuple[int, int, int, int] | None = None) -> Path:
        """A PNG of the viewport, or of the page area `clip` = (x, y, width, height)."""
        params: dict = {"format": "png"}
        if clip:
            x, y, width, height = clip
            params |= {
                "clip": {"x": x, "y": y, "width": width, "height": height, "scale": 1},
                "captureBeyondViewport": True,
            }
        data = self.send("Page.captureScreenshot", params)["data"]
        Path(path).write_bytes(base64.b64decode(data))
        return Path(path)

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads seen so far."""
        out = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                text = details.get("exception", {}).get("description") or details.get("text")
                out.append(f"exception: {text}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(
                    "console: "
                    + " ".join(
                        str(a.get("value", a.get("description"))) for a in params.get("args", [])
                    )
                )
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                entry = params["entry"]
                out.append(f"log: {entry.get('text')} {entry.get('url', '')}".strip())
        return out


def main(argv: list[str] | None = None) -> int:
    """python -m pipeline.devtools.browser PAGE OUT.png [WAIT_EXPRESSION]"""
    args = argv if argv is not None else sys.argv[1:]
    if len(args) < 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    with Chromium() as browser:
        browser.goto(Path(args[0]).resolve().as_uri())
        if len(args) > 2:
            browser.wait_for(args[2])
        time.sleep(0.5)
        browser.screenshot(Path(args[1]))
        for error in browser.errors():
            print(error, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
