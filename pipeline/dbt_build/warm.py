"""A dbt started ahead of time: it imports dbt while the run ingests and extracts, then runs
the one command it is handed (plain Python, stdlib only at import: the client starts fast).

Importing dbt-core costs ~1.5 s of every `dbt build`; a run with one new article spends that
on the second core instead of on its critical path. The pipeline's dbt resource calls the
`newsclaims-dbt` client instead of `dbt`. The client hands its argv, environment, working
folder and stdin/stdout/stderr to the warm server over a Unix socket and exits with dbt's exit
code; with no server (none started, already used, dead) it simply execs the real dbt, so it is
a drop-in `dbt` everywhere.

    warm = WarmDbt.start()                   # at run start; sets NEWSCLAIMS_DBT_WARM
    subprocess.run([client_executable(), "build"])   # served by the warm process
    warm.stop()
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NoReturn

ENV = "NEWSCLAIMS_DBT_WARM"
_HEADER = 8  # bytes of the request's length, sent together with the three file descriptors
_PARENT_POLL_S = 0.5
_BIND_WAIT_S = 5.0


def real_dbt() -> str:
    """The dbt the client falls back to (`pipeline.common.settings.dbt_executable`)."""
    from pipeline.common.settings import dbt_executable

    return dbt_executable()


def client_executable() -> str | None:
    """`newsclaims-dbt` next to the running Python; None when NEWSCLAIMS_DBT names another
    dbt (the warm server can only run the dbt-core installed here)."""
    if os.environ.get("NEWSCLAIMS_DBT"):
        return None
    client = Path(sys.executable).parent / "newsclaims-dbt"
    return str(client) if client.is_file() else None


class WarmDbt:
    """One warm server process, used by at most one dbt command."""

    def __init__(self, process: subprocess.Popen, socket_path: Path) -> None:
        self.process = process
        self.socket_path = socket_path

    @classmethod
    def start(cls) -> WarmDbt:
        """Start the server and point this process's environment (so the client's) at it."""
        folder = Path(tempfile.mkdtemp(prefix="newsclaims-dbt-"))
        path = folder / "dbt.sock"
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.dbt_build.warm", str(path), str(os.getpid())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        # bound before dbt is imported (~0.05 s): from here on a client never misses it
        deadline = time.monotonic() + _BIND_WAIT_S
        while not path.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        os.environ[ENV] = str(path)
        return cls(process, path)

    def stop(self) -> None:
        """Stop the server if it is still waiting (or still running a command)."""
        if os.environ.get(ENV) == str(self.socket_path):
            del os.environ[ENV]
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        with contextlib.suppress(OSError):
            self.socket_path.unlink()
        with contextlib.suppress(OSError):
            self.socket_path.parent.rmdir()


def serve(socket_path: str, parent_pid: int) -> int:
    """Bind, import dbt, then run the first command sent; exit when the parent is gone."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    listener.listen(1)  # clients may connect (and wait) while dbt still imports
    import dbt.cli.main

    _warm_up()
    listener.settimeout(_PARENT_POLL_S)
    while True:
        try:
            conn, _ = listener.accept()
            break
        except TimeoutError:
            if os.getppid() != parent_pid:
                return 0
    os.unlink(socket_path)  # one command per server: later clients run dbt themselves
    listener.close()
    conn.settimeout(None)
    request = _receive(conn)
    conn.sendall(f"{os.getpid()}\n".encode())
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = request["argv"]
    sys.stdout.reconfigure(line_buffering=True)  # dagster-dbt streams events line by line
    try:
        dbt.cli.main.cli()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    sys.stdout.flush()
    sys.stderr.flush()
    conn.sendall(f"{code}\n".encode())
    return code


def _warm_up() -> None:
    """Compile the JSON schemas every invocation validates its project and profile against."""
    from dbt.adapters.duckdb.credentials import DuckDBCredentials
    from dbt.contracts.project import Configuration, PackageConfig, Project, ProjectFlags

    for cls in (DuckDBCredentials, Configuration, PackageConfig, Project, ProjectFlags):
        with contextlib.suppress(Exception):  # a cache only: dbt builds it itself if needed
            cls.json_schema()


def _receive(conn: socket.socket) -> dict:
    header, fds, _flags, _addr = socket.recv_fds(conn, _HEADER, 3)
    while len(header) < _HEADER:
        header += conn.recv(_HEADER - len(header))
    size = int.from_bytes(header, "big")
    body = b""
    while len(body) < size:
        chunk = conn.recv(size - len(body))
        if not chunk:
            raise ConnectionError("client went away")
        body += chunk
    for target, fd in zip((0, 1, 2), fds, strict=True):
        os.dup2(fd, target)
        os.close(fd)
    return json.loads(body)


def client(argv: list[str]) -> NoReturn:
    """Run `dbt argv` on the warm server named in NEWSCLAIMS_DBT_WARM, else exec the real dbt."""
    conn = _connect(os.environ.get(ENV))
    if conn is not None:
        env = {k: v for k, v in os.environ.items() if k != ENV}
        body = json.dumps({"argv": ["dbt", *argv], "env": env, "cwd": os.getcwd()}).encode()
        try:
            socket.send_fds(conn, [len(body).to_bytes(_HEADER, "big")], [0, 1, 2])
            conn.sendall(body)
            reply = conn.makefile("r")
            server_pid = int(reply.readline())
        except (OSError, ValueError):
            server_pid = None  # the server went away before taking the command
        if server_pid is not None:
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda signum, _frame: os.kill(server_pid, signum))
            code = reply.readline().strip()
            os._exit(int(code) if code.lstrip("-").isdigit() else 1)
    dbt = real_dbt()
    os.execv(dbt, [dbt, *argv])


def _connect(path: str | None) -> socket.socket | None:
    if not path:
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
    except OSError:
        conn.close()
        return None
    return conn


def client_main() -> NoReturn:
    """The `newsclaims-dbt` console script: a drop-in `dbt`."""
    client(sys.argv[1:])


if __name__ == "__main__":
    # a normal exit: dbt-duckdb closes its database (and checkpoints it) only at teardown
    sys.exit(serve(sys.argv[1], int(sys.argv[2])))
