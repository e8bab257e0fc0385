"""A dbt started ahead of time: it imports dbt while the run ingests and extracts, then runs
the one command it is handed (plain Python, stdlib only at import: the client starts fast).

Importing dbt-core costs ~1.5 s of every `dbt build`; a run with one new article spends that
on the second core instead of on its critical path. The pipeline's dbt resource calls the
`newsclaims-dbt` client instead of `dbt`. The client finds the server its parent process
started (`socket_for(parent pid)`: nothing is passed through the environment), hands it its
argv, environment, working folder and stdin/stdout/stderr over a Unix socket and exits with
dbt's exit code; with no server (none started, already used, dead) it simply execs the real
dbt, so it is a drop-in `dbt` everywhere. The server then is its client's dbt process: it takes
the client's working folder and environment as its own, as an exec'd dbt would have them.

    warm = WarmDbt.start()                   # at run start, in the run's process
    subprocess.run([client_executable(), "build"])   # a child: served by the warm process
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

_HEADER = 8  # bytes of the request's length, sent together with the three file descriptors
_PARENT_POLL_S = 0.5
_BIND_WAIT_S = 5.0


def real_dbt() -> str:
    """The dbt the client falls back to (NEWSCLAIMS_DBT, else the dbt next to Python)."""
    from pipeline.common.settings import current

    return current().dbt_executable  # the console script's settings


def client_executable() -> str | None:
    """`newsclaims-dbt` next to the running Python, or None (the warm server can only run the
    dbt-core installed here: a caller with another dbt in NEWSCLAIMS_DBT uses that)."""
    client = Path(sys.executable).parent / "newsclaims-dbt"
    return str(client) if client.is_file() else None


def socket_for(pid: int) -> Path:
    """Where the warm server started by process `pid` listens (one at a time per process)."""
    return Path(tempfile.gettempdir()) / f"newsclaims-dbt-{os.getuid()}-{pid}" / "dbt.sock"


class WarmDbt:
    """One warm server process, used by at most one dbt command."""

    def __init__(self, process: subprocess.Popen, socket_path: Path) -> None:
        self.process = process
        self.socket_path = socket_path

    @classmethod
    def start(cls) -> WarmDbt:
        """Start the server where this process's children, the clients, look for it."""
        path = socket_for(os.getpid())
        path.parent.mkdir(mode=0o700, exist_ok=True)
        path.unlink(missing_ok=True)  # a server of a dead process that had this pid
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.dbt_build.warm", str(path), str(os.getpid())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        # bound before dbt is imported (~0.05 s): from here on a client never misses it
        deadline = time.monotonic() + _BIND_WAIT_S
        while not path.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        return cls(process, path)

    def stop(self) -> None:
        """Stop the server if it is still waiting (or still running a command)."""
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
    # this process now is the client's dbt: dbt reads the environment it would have had
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
    """Run `dbt argv` on the warm server the parent process started, else exec the real dbt."""
    conn = _connect(socket_for(os.getppid()))
    if conn is not None:
        env = dict(os.environ)
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


def _connect(path: Path) -> socket.socket | None:
    if not path.exists():
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(path))
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
