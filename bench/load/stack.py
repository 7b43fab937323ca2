"""A throwaway production-like stack on loopback, for the scale-out check and the load test.

`Stack` creates a PostgreSQL database, migrates it with production settings (DEBUG off, a
generated SECRET_KEY, Redis for cache, sessions and rate limits), collects static files
(into var/static, hashed but not compressed), loads the demo and starts gunicorn
instances on 127.0.0.1. Leaving the `with` block stops every server it started and drops
the database, whatever happened inside.

Environment (all optional):
  STACK_POSTGRES  server URL without a database   postgres://postgres@127.0.0.1:5432
  STACK_DB        database name                   coproduce_stack_<pid>_<time>
  STACK_REDIS_URL Redis database to use (cleared)  redis://127.0.0.1:6379/10
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(Path(sys.executable))
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


# Static files are hashed into a manifest as in production, but not pre-compressed:
# WhiteNoise serves them uncompressed, which is fine on loopback and saves ~20 s a run.
COLLECTSTATIC = """
from django.core.management import call_command
from django.test import override_settings
with override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}):
    call_command("collectstatic", "--noinput", "--verbosity", "0")
"""
LOAD_DEMO = """
from django.core.management import call_command
call_command("load_demo")
"""


class StackError(RuntimeError):
    """Setting up or running the stack failed; the message says which step."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Stack:
    def __init__(self, *, extra_env: dict | None = None, workers: int = 2, setup_code: str = ""):
        self.server = os.environ.get("STACK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        self.db = os.environ.get("STACK_DB") or f"coproduce_stack_{os.getpid()}_{int(time.time())}"
        self.redis_url = os.environ.get("STACK_REDIS_URL", "redis://127.0.0.1:6379/10")
        self.workers = workers
        self.setup_code = setup_code
        self.verbose = bool(os.environ.get("STACK_VERBOSE"))
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "coproduce_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "REDIS_URL": self.redis_url,
            "DATABASE_URL": f"{self.server}/{self.db}",
            "DB_CONN_MAX_AGE": "60",
            "LOG_LEVEL": "ERROR",
            **(extra_env or {}),
        }
        self.servers: list[subprocess.Popen] = []
        self.created = False

    # --- lifecycle ------------------------------------------------------------------------

    def __enter__(self):
        try:
            self.setup()
        except BaseException:
            self.teardown()
            raise
        return self

    def __exit__(self, *exc):
        self.teardown()
        return False

    def setup(self):
        self.psql(f'CREATE DATABASE "{self.db}"')
        self.created = True
        self.clear_redis()
        # Migrating and collecting static files are independent: run them side by side.
        collect = self.manage_async("shell", "-c", COLLECTSTATIC)
        self.manage("migrate", "--noinput")
        self.finish(collect, "collectstatic")
        self.manage("shell", "-c", LOAD_DEMO + self.setup_code)

    def teardown(self):
        for server in self.servers:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
        for server in self.servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        self.servers = []
        if self.created:
            try:
                self.clear_redis()
            except Exception as error:
                print(f"warning: could not clear {self.redis_url}: {error}", file=sys.stderr)
            self.psql(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
            self.created = False

    # --- helpers --------------------------------------------------------------------------

    def psql(self, sql: str):
        import psycopg2

        try:
            connection = psycopg2.connect(f"{self.server}/postgres")
        except psycopg2.Error as error:
            raise StackError(f"cannot reach PostgreSQL at {self.server}: {error}") from error
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
        except psycopg2.Error as error:
            raise StackError(f"PostgreSQL refused {sql!r}: {error}") from error
        finally:
            connection.close()

    def clear_redis(self):
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()

    def manage_async(self, *args) -> subprocess.Popen:
        process = subprocess.Popen(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        process.started = time.monotonic()
        return process

    def finish(self, process: subprocess.Popen, name: str, timeout=120) -> str:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            raise StackError(f"manage.py {name} took longer than {timeout} s") from None
        if process.returncode != 0:
            raise StackError(
                f"manage.py {name} failed (exit {process.returncode}):\n"
                f"{stdout[-2000:]}{stderr[-4000:]}"
            )
        if self.verbose:
            print(f"  ..  manage.py {name}: {time.monotonic() - process.started:.1f} s")
        return stdout

    def manage(self, *args, timeout=120) -> str:
        return self.finish(self.manage_async(*args), args[0], timeout)

    def start(self, port: int | None = None, *, workers: int | None = None) -> str:
        """Start one gunicorn instance on loopback; returns its base URL once it is healthy."""
        port = port or free_port()
        log = open(Path(tempfile.gettempdir()) / f"coproduce-gunicorn-{port}.log", "w")  # noqa: SIM115
        server = subprocess.Popen(
            [
                GUNICORN,
                "coproduce_site.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers or self.workers),
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.servers.append(server)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise StackError(f"gunicorn on port {port} exited; see {log.name}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return base
            except OSError:
                time.sleep(0.2)
        raise StackError(f"gunicorn on port {port} did not answer /healthz within 20 s")
