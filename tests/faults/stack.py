"""The production stack on throwaway servers: `bench.load.stack.Stack` (migrate, collect
static files, load the demo, gunicorn) pointed at this run's own PostgreSQL cluster and Redis,
with an SMTP sink for email and `manage.py db_worker` for tasks."""

import os
import signal
import subprocess
import tempfile
from pathlib import Path

from bench.load.stack import PYTHON, ROOT, Stack

PASSWORD = "faults-check-" + "x" * 12
PARTICIPANTS = 6
GUIDANCE = "/guidance/employing-peer-support-workers/"

# Participants 0..5 with verified addresses; participant 0 has a comment for others to reply
# to (and is emailed at once about replies, the default).
SETUP = f"""
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from consultation.accounts.models import Participant
from consultation.discussion.services import comment_post
from consultation.guidance.models import GuidancePage
for number in range({PARTICIPANTS}):
    user = get_user_model().objects.create_user(
        username=f"faults-{{number}}", email=f"faults-{{number}}@checks.coproduce.invalid",
        password="{PASSWORD}")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    participant = Participant.objects.create(
        user=user, display_name=f"Fault check {{number}}", perspectives="other")
    if number == 0:
        page = GuidancePage.objects.get(slug="employing-peer-support-workers")
        comment = comment_post(participant=participant, page=page, clause_id="", parent=None,
            text="A comment for the fault checks to reply to.")
        print(f"PARENT_COMMENT={{comment.pk}}")
"""


def email_of(number: int) -> str:
    return f"faults-{number}@checks.coproduce.invalid"


class FaultStack(Stack):
    def __init__(self, *, postgres, redis, smtp_port: int):
        super().__init__(
            extra_env={
                "COPRODUCE_VOTE_RATE": "1000/m",
                "COPRODUCE_COMMENT_RATE_PER_MINUTE": "1000/m",
                "COPRODUCE_COMMENT_RATE_PER_DAY": "1000/d",
                # A refused email is retried after 1 s, not a minute, within the time limit.
                "COPRODUCE_EMAIL_RETRY_SECONDS": "1",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(smtp_port),
                "EMAIL_USE_TLS": "false",
                "DB_CONN_MAX_AGE": "60",
                "DB_CONNECT_TIMEOUT": "3",
                "COPRODUCE_READ_YOUR_WRITES_SECONDS": "3",
                "LOG_LEVEL": "ERROR",
            },
            workers=2,
        )
        self.postgres = postgres
        self.server = postgres.url
        self.redis_url = redis.url
        self.env["REDIS_URL"] = redis.url
        self.env["DATABASE_URL"] = f"{postgres.url}/{self.db}"
        self.worker: subprocess.Popen | None = None
        self.parent_comment: int | None = None

    def setup(self):
        super().setup()
        out = self.manage("shell", "-c", SETUP)
        self.parent_comment = int(out.split("PARENT_COMMENT=")[1].split()[0])

    def teardown(self):
        self.worker_stop()
        # The cluster is thrown away whole: only the servers need stopping.
        self.created = False
        super().teardown()

    def sql(self, query: str) -> str:
        return self.postgres.psql(query, self.db)

    def worker_start(self):
        log = open(Path(tempfile.gettempdir()) / f"coproduce-faults-worker-{os.getpid()}.log", "a")  # noqa: SIM115
        self.worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def worker_stop(self):
        if self.worker and self.worker.poll() is None:
            os.killpg(self.worker.pid, signal.SIGTERM)
            try:
                self.worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.worker.pid, signal.SIGKILL)
                self.worker.wait()
        self.worker = None

    def start_with(self, extra_env: dict, **kwargs) -> str:
        """A gunicorn instance with some settings of its own (e.g. a read replica)."""
        saved = self.env
        self.env = {**saved, **extra_env}
        try:
            return self.start(**kwargs)
        finally:
            self.env = saved


def gunicorn_workers(master_pid: int) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []
