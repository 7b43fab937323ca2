"""Throwaway servers for the fault checks, each on a spare loopback port and each stopped (and
its files removed) when its `with` block ends, whatever happened inside.

Nothing here touches the machine's shared PostgreSQL or Redis: the checks kill and restart
servers, so they only ever kill their own.

- `PostgresCluster`: `initdb` in a temporary folder, `pg_ctl` to start it, stop it the way a
  crash does (`-m immediate`) and start it again; `replica()` makes a streaming replica of it
  with `pg_basebackup`. initdb refuses to run as root, so as root (CI) the cluster belongs to
  the `postgres` OS user.
- `RedisServer`: `redis-server` without persistence; `kill()` is SIGKILL.
- `SmtpSink`: a minimal SMTP server in a thread that keeps what it is given (the outbox),
  and can refuse the next few messages mid-delivery.
"""

import contextlib
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import tempfile
import threading
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_USER = "postgres"


class ServerError(RuntimeError):
    """A throwaway server would not start or stop; the message says which and why."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise ServerError(f"{what} within {timeout:g} s")


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class PostgresCluster:
    """A PostgreSQL cluster of its own; `url` is the server URL without a database."""

    def __init__(self, *, port: int | None = None, data: Path | None = None, folder=None):
        self.port = port or free_port()
        self.folder = Path(folder) if folder else None
        self.data = data
        self.owned_folder = folder is None
        self.running = False

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    # --- running commands as the cluster's owner --------------------------------------------

    def _as_owner(self, *command, timeout=60) -> str:
        if os.geteuid() == 0:
            command = ("runuser", "-u", PG_USER, "--", *command)
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=self.folder
        )
        if done.returncode != 0:
            raise ServerError(f"{' '.join(command)} failed: {done.stderr.strip()[-1500:]}")
        return done.stdout

    def _give_to_owner(self, path: Path):
        if os.geteuid() == 0:
            shutil.chown(path, PG_USER, PG_USER)

    # --- lifecycle --------------------------------------------------------------------------

    def __enter__(self):
        try:
            if self.folder is None:
                self.folder = Path(tempfile.mkdtemp(prefix="coproduce-faults-pg-"))
                self._give_to_owner(self.folder)
            if self.data is None:
                self.data = self.folder / "data"
                self._as_owner(
                    str(PG_BIN / "initdb"),
                    "--pgdata",
                    str(self.data),
                    "--username",
                    "postgres",
                    "--auth",
                    "trust",
                    "--encoding",
                    "UTF8",
                    "--no-sync",
                )
            self.start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        if self.running:
            with contextlib.suppress(ServerError):
                self.stop(mode="immediate")
        if self.owned_folder and self.folder and self.folder.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
        return False

    def start(self):
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            # Throwaway data: no fsync; a few connections for two gunicorns and a worker.
            "-c fsync=off -c full_page_writes=off -c max_connections=60 "
            "-c wal_level=replica -c max_wal_senders=4"
        )
        self._as_owner(
            str(PG_BIN / "pg_ctl"),
            "--pgdata",
            str(self.data),
            "--log",
            str(self.folder / f"postgres-{self.port}.log"),
            "--options",
            options,
            "--wait",
            "--timeout",
            "60",
            "start",
        )
        self.running = True

    def stop(self, *, mode="fast"):
        """`immediate` stops as a crash or a pulled plug would: no checkpoint, connections cut."""
        self._as_owner(
            str(PG_BIN / "pg_ctl"), "--pgdata", str(self.data), "--mode", mode, "--wait", "stop"
        )
        self.running = False

    def psql(self, sql: str, database="postgres") -> str:
        import psycopg2

        connection = psycopg2.connect(f"{self.url}/{database}", connect_timeout=5)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                if cursor.description is None:
                    return ""
                return "\n".join("|".join(str(v) for v in row) for row in cursor.fetchall())
        finally:
            connection.close()

    def replica(self) -> "PostgresCluster":
        """A streaming replica of this cluster (pg_basebackup -R), in the same folder; enter it
        to start it."""
        replica = PostgresCluster(data=self.folder / "replica", folder=self.folder)
        replica.owned_folder = False
        self._as_owner(
            str(PG_BIN / "pg_basebackup"),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--username",
            "postgres",
            "--pgdata",
            str(replica.data),
            "--write-recovery-conf",
            "--wal-method",
            "stream",
            "--checkpoint",
            "fast",
            timeout=120,
        )
        return replica


class RedisServer:
    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.kill()
        return False

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(
            lambda: port_open(self.port), timeout=10, what=f"Redis did not listen on {self.port}"
        )

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None


class SmtpSink:
    """Accepts every message and keeps it: `messages` is the outbox the checks count."""

    def __init__(self):
        self.port = free_port()
        self.messages: list[bytes] = []
        # How many of the next messages to refuse with a temporary error (451) at the end
        # of their data, as a mail server does when it fails mid-delivery.
        self.refuse_next = 0
        self.refused = 0
        self._lock = threading.Lock()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 coproduce-faults sink\r\n")
                lines, in_data = [], False
                for line in self.rfile:
                    if in_data:
                        if line.rstrip(b"\r\n") == b".":
                            in_data = False
                            with sink._lock:
                                refuse = sink.refuse_next > 0
                                if refuse:
                                    sink.refuse_next -= 1
                                    sink.refused += 1
                                else:
                                    sink.messages.append(b"".join(lines))
                            lines = []
                            reply = b"451 try again later" if refuse else b"250 queued"
                            self.wfile.write(reply + b"\r\n")
                        else:
                            lines.append(line)
                        continue
                    verb = line[:4].upper()
                    if verb == b"DATA":
                        in_data = True
                        self.wfile.write(b"354 end with .\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        return False

    def count(self) -> int:
        with self._lock:
            return len(self.messages)
