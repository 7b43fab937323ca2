"""`make loadtest` traffic: 90% anonymous reads, 8% signed-in reads, 2% votes and comments.

Run by bench/load/run.py, which seeds the accounts and passes LOADTEST_SEED (what to read
and which sessions to use) and LOADTEST_WRITES (where to record every accepted write, for the
lost/duplicate check in the database afterwards). Each signed-in user has its own account.

Production cookies are Secure; on plain http over loopback we send them ourselves in the
Cookie header. CSRF uses a fixed secret per user, sent as both cookie and form field, which is
what Django accepts from a browser that received the cookie earlier.
"""

import itertools
import json
import os
import random
import secrets
import string

from locust import HttpUser, LoadTestShape, between, events, task

SEED = json.load(open(os.environ["LOADTEST_SEED"]))  # noqa: SIM115
PAGE = SEED["page"]
CLAUSES = SEED["clauses"]
ACCOUNTS = itertools.cycle(SEED["accounts"])
# Accepted writes, and writes still in flight when the run stopped (their outcome unknown).
WRITES = {"votes": [], "comments": [], "rate_limited": 0, "pending_votes": [], "pending": 0}
WRITES["page_cache"] = {}  # anonymous reads by page: X-Coproduce-Cache hit / miss
COMPARE = f"{PAGE}compare/1/{SEED['versions']}/" if SEED["versions"] > 1 else f"{PAGE}versions/"


def anonymous_urls():
    clause = random.choice(CLAUSES)
    return [
        ("/", "home"),
        (PAGE, "guidance page"),
        (f"{PAGE}versions/", "history"),
        (COMPARE, "compare"),
        (f"{PAGE}results/", "results"),
        (f"{PAGE}clauses/{clause}/discussion/", "discussion"),
    ]


class AnonymousReader(HttpUser):
    """Keeps the CSRF cookie a page gives it and sends it back, as a browser does."""

    weight = 90
    wait_time = between(1, 4)
    cookie = ""

    @task
    def read(self):
        url, name = random.choice(anonymous_urls())
        headers = {"Cookie": self.cookie} if self.cookie else {}
        response = self.client.get(url, name=f"anon: {name}", headers=headers)
        outcome = response.headers.get("X-Coproduce-Cache", "not cacheable")
        counts = WRITES["page_cache"].setdefault(name, {})
        counts[outcome] = counts.get(outcome, 0) + 1
        if "csrftoken" in response.cookies:
            self.cookie = f"csrftoken={response.cookies['csrftoken']}"


class Participant(HttpUser):
    """Signed-in reads (8 parts) and writes (2 parts), at a human pace."""

    weight = 10
    wait_time = between(1, 4)

    def on_start(self):
        self.account = next(ACCOUNTS)
        self.csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        self.cookie = f"sessionid={self.account['session']}; csrftoken={self.csrf}"

    def get(self, url, name):
        self.client.get(url, name=f"signed in: {name}", headers={"Cookie": self.cookie})

    def post(self, url, data, name):
        WRITES["pending"] += 1
        try:
            return self._post(url, data, name)
        finally:
            WRITES["pending"] -= 1

    def _post(self, url, data, name):
        with self.client.post(
            url,
            data={"csrfmiddlewaretoken": self.csrf, **data},
            headers={"Cookie": self.cookie},
            allow_redirects=False,
            name=f"write: {name}",
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                response.success()
                return True
            if response.status_code == 429:
                # A rate limit doing its job is not an error; counted and reported apart.
                WRITES["rate_limited"] += 1
                response.success()
                return False
            response.failure(f"{name}: HTTP {response.status_code}")
            return False

    @task(8)
    def read(self):
        clause = random.choice(CLAUSES)
        url, name = random.choice(
            [
                (PAGE, "guidance page"),
                (f"{PAGE}results/", "results"),
                (f"{PAGE}clauses/{clause}/discussion/", "discussion"),
                ("/accounts/profile/", "account"),
            ]
        )
        self.get(url, name)

    @task(1)
    def vote(self):
        clause = random.choice(CLAUSES)
        choice = random.randint(1, 5)
        pending = [self.account["participant"], clause, choice]
        WRITES["pending_votes"].append(pending)
        accepted = self.post(f"{PAGE}clauses/{clause}/vote/", {"choice": str(choice)}, "vote")
        WRITES["pending_votes"].remove(pending)
        if accepted:
            WRITES["votes"].append(pending)

    @task(1)
    def comment(self):
        clause = random.choice(CLAUSES)
        text = f"Load test comment {secrets.token_hex(6)}: the pay section reads clearly to me."
        if self.post(f"{PAGE}clauses/{clause}/discussion/", {"text": text}, "comment"):
            WRITES["comments"].append([self.account["participant"], clause])


class LastDaySpike(LoadTestShape):
    """45 s of steady traffic, then the last-day spike: three times the users for 15 s."""

    stages = [(45, 30, 10), (60, 90, 30)]  # (until second, users, spawn rate)

    def tick(self):
        elapsed = self.get_run_time()
        for until, users, rate in self.stages:
            if elapsed < until:
                return users, rate
        return None


@events.test_stop.add_listener
def record_writes(**kwargs):
    with open(os.environ["LOADTEST_WRITES"], "w") as file:
        json.dump(WRITES, file)
