"""The fault checks themselves (issue 20, items 1 to 5): each breaks one thing in a running
production stack, sends real HTTP requests, checks the answers and the database, mends what
it broke and returns a row for the table `run.py` prints."""

import os
import random
import re
import signal
import threading
import time
from dataclasses import dataclass, field

from coproduce_site.db_routers import WROTE_COOKIE
from tests.faults.servers import PostgresCluster, wait_for
from tests.faults.stack import (
    GUIDANCE,
    PARTICIPANTS,
    PASSWORD,
    FaultStack,
    email_of,
    gunicorn_workers,
)
from tests.integration.browser import Browser

VOTE_ACTION = re.compile(r'action="(/guidance/[^"#]+/clauses/([0-9a-f]{8})/vote/)#')
API = "/api/v1/guidance/"
READY_TASKS = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
STILL_PAGE = "/privacy/"
ANONYMOUS_PAGES = ("/", GUIDANCE, f"{GUIDANCE}results/", "/accounts/login/", API)


class CheckFailed(AssertionError):
    pass


@dataclass
class Row:
    fault: str
    pages: int = 0
    statuses: dict = field(default_factory=dict)
    writes: str = ""
    passed: bool = False

    def saw(self, status):
        self.pages += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def codes(self) -> str:
        return ", ".join(f"{code}×{n}" for code, n in sorted(self.statuses.items(), key=str))


def check(condition, message):
    if not condition:
        raise CheckFailed(message)
    print(f"  ok  {message}", flush=True)


def signed_in(base: str, number: int) -> Browser:
    browser = Browser()
    form = browser.get(f"{base}/accounts/login/")
    done = browser.request(
        f"{base}/accounts/login/",
        {"csrfmiddlewaretoken": form.csrf_token(), "login": email_of(number), "password": PASSWORD},
    )
    check(done.status == 302, f"participant {number} signs in (got {done.status})")
    return browser


def get(row: Row, browser: Browser, url: str):
    response = browser.get(url)
    row.saw(response.status)
    return response


def no_500(row: Row):
    check(
        not any(isinstance(code, int) and code >= 500 and code != 503 for code in row.statuses),
        f"no 500 in {row.pages} requests ({row.codes()})",
    )


def vote_forms(browser: Browser, base: str) -> list[tuple[str, str]]:
    return VOTE_ACTION.findall(browser.get(f"{base}{GUIDANCE}").text)


def answer_shown(html: str, short_id: str) -> str | None:
    start = html.find(f'id="clause-{short_id}"')
    panel = html[start:] if start >= 0 else ""
    found = re.search(r"Your answer(?: is saved)?: <strong>([^<]+)</strong>", panel)
    return found.group(1) if found else None


def votes_of(stack: FaultStack, number: int) -> int:
    return int(
        stack.sql(
            "SELECT count(*) FROM consultation_vote v JOIN consultation_participant p"
            f" ON p.id = v.participant_id WHERE p.display_name = 'Fault check {number}'"
        )
    )


# --- 1. Redis -------------------------------------------------------------------------------


def redis_down(stack: FaultStack, redis, base: str) -> Row:
    row = Row("Redis killed (SIGKILL), then restarted")
    reader, voter = Browser(), signed_in(base, 1)
    forms = vote_forms(voter, base)
    token = voter.get(f"{base}{GUIDANCE}").csrf_token()
    redis.kill()
    print("  ..  Redis killed", flush=True)
    for path in ANONYMOUS_PAGES:
        response = get(row, reader, f"{base}{path}")
        check(response.status == 200, f"Redis down: {path} answers 200 from the database")
    health = get(row, reader, f"{base}/healthz")
    check(
        health.status == 503
        and '"cache": "unavailable"' in health.text
        and '"database": "ok"' in health.text,
        f"Redis down: /healthz answers 503 naming the cache ({health.status} {health.text})",
    )
    profile = get(row, voter, f"{base}/accounts/profile/")
    check(
        profile.status == 200 and "Fault check 1" in profile.text,
        f"Redis down: a signed-in participant stays signed in ({profile.status})",
    )
    before = votes_of(stack, 1)
    url, _ = forms[0]
    vote = voter.request(f"{base}{url}", {"csrfmiddlewaretoken": token, "choice": "2"})
    row.saw(vote.status)
    check(vote.status == 302 and votes_of(stack, 1) == before + 1, "Redis down: a vote is saved")
    stranger = Browser()
    login_token = stranger.get(f"{base}/accounts/login/").csrf_token()
    refused = stranger.request(
        f"{base}/accounts/login/",
        {"csrfmiddlewaretoken": login_token, "login": email_of(2), "password": PASSWORD},
    )
    row.saw(refused.status)
    check(
        refused.status == 503
        and "Signing in is paused" in refused.text
        and email_of(2) in refused.text,
        f"Redis down: sign-in fails closed with a clear 503, keeping the email ({refused.status})",
    )
    redis.start()
    print("  ..  Redis restarted", flush=True)
    for path in (*ANONYMOUS_PAGES, "/healthz"):
        response = get(row, reader, f"{base}{path}")
        check(response.status == 200, f"Redis back: {path} answers 200")
    check(signed_in(base, 2) is not None, "Redis back: sign-in works again")
    no_500(row)
    row.writes = "1 vote saved; 1 sign-in refused (503)"
    row.passed = True
    return row


# --- 2. PostgreSQL --------------------------------------------------------------------------


def comments_with(stack: FaultStack, text: str) -> int:
    return int(stack.sql(f"SELECT count(*) FROM django_comments WHERE comment = '{text}'"))


PARTIAL_COMMENTS = (
    "SELECT (SELECT count(*) FROM django_comments)"
    " - (SELECT count(*) FROM consultation_guidancecomment)"
    " + (SELECT count(*) FROM django_comments_xtd_xtdcomment)"
    " - (SELECT count(*) FROM consultation_guidancecomment)"
)


def comments_accounted(stack: FaultStack, outcomes) -> list:
    """Problems with (text, status) outcomes: an accepted comment missing or doubled, any
    comment saved twice, or a comment saved without all three of its rows."""
    problems = []
    for text, status in outcomes:
        found = comments_with(stack, text)
        if (status == 302 and found != 1) or found > 1:
            problems.append((text, status, found))
    if stack.sql(PARTIAL_COMMENTS) != "0":
        problems.append(("a comment without all three of its rows", None, None))
    return problems


class CommentStream(threading.Thread):
    """A participant posting comment after comment until stopped: writes in flight when a
    server goes away."""

    def __init__(self, base: str, number: int):
        super().__init__(daemon=True)
        self.base = base
        self.browser = signed_in(base, number)
        self.token = self.browser.get(f"{base}{GUIDANCE}discussion/").csrf_token()
        self.outcomes: list[tuple[str, object]] = []
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            text = f"In flight {len(self.outcomes)} {random.randint(0, 10**9)}"
            try:
                status = self.browser.request(
                    f"{self.base}{GUIDANCE}discussion/",
                    {"csrfmiddlewaretoken": self.token, "text": text},
                    timeout=15,
                ).status
            except OSError:
                status = "cut"
            self.outcomes.append((text, status))
            time.sleep(0.05)

    def stop(self):
        self.stopping.set()
        if self.is_alive():
            self.join(timeout=30)


def postgres_down(stack: FaultStack, postgres: PostgresCluster, base: str) -> Row:
    stream = CommentStream(base, 5)
    try:
        return _postgres_down(stack, postgres, base, stream)
    finally:
        stream.stop()


def _postgres_down(stack: FaultStack, postgres: PostgresCluster, base: str, stream) -> Row:
    row = Row("PostgreSQL stopped (immediate), then started")
    reader, writer = Browser(), signed_in(base, 3)
    # The comments in flight keep replacing the guidance page's cached copy (it shows comment
    # counts), so the page known to be cached is one that no comment changes.
    first = reader.get(f"{base}{STILL_PAGE}")
    again = reader.get(f"{base}{STILL_PAGE}")
    check(
        first.status == again.status == 200 and again.headers.get("x-coproduce-cache") == "hit",
        f"{STILL_PAGE} is in the page cache before the outage",
    )
    token = writer.get(f"{base}{GUIDANCE}discussion/").csrf_token()
    text = f"Written during the outage {random.randint(0, 10**9)}"
    stream.start()
    wait_for(lambda: len(stream.outcomes) >= 3, timeout=30, what="the comment stream did not start")
    postgres.stop(mode="immediate")
    print("  ..  PostgreSQL stopped", flush=True)
    try:
        cached = get(row, reader, f"{base}{STILL_PAGE}")
        check(cached.status == 200, f"PostgreSQL down: the cached {STILL_PAGE} is still served")
        refused = 0
        for path in (*ANONYMOUS_PAGES[:-1], f"{GUIDANCE}versions/"):
            response = get(row, reader, f"{base}{path}")
            if response.status == 200 and response.headers.get("x-coproduce-cache") == "hit":
                print(f"  ok  PostgreSQL down: {path} is served from the page cache", flush=True)
                continue
            check(
                response.status == 503 and "We will be back shortly" in response.text,
                f"PostgreSQL down: {path} answers the styled 503 page ({response.status})",
            )
            refused += 1
        check(refused >= 2, f"PostgreSQL down: {refused} uncached pages answered 503")
        api = get(row, reader, f"{base}{API}")
        check(
            api.status == 503 and '"detail"' in api.text,
            "PostgreSQL down: the API answers JSON 503",
        )
        mine = get(row, writer, f"{base}{GUIDANCE}")
        check(mine.status == 503, f"PostgreSQL down: a signed-in page answers 503 ({mine.status})")
        health = get(row, reader, f"{base}/healthz")
        check(
            health.status == 503 and '"database": "unavailable"' in health.text,
            f"PostgreSQL down: /healthz says the database is unavailable ({health.text})",
        )
        posted = writer.request(
            f"{base}{GUIDANCE}discussion/", {"csrfmiddlewaretoken": token, "text": text}
        )
        row.saw(posted.status)
        check(
            posted.status == 503 and text in posted.text,
            f"PostgreSQL down: a comment is refused (503), its text shown back ({posted.status})",
        )
    finally:
        postgres.start()
    print("  ..  PostgreSQL started again (gunicorn not restarted)", flush=True)
    worker_supervise(stack)
    for path in (*ANONYMOUS_PAGES, "/healthz"):
        response = get(row, reader, f"{base}{path}")
        check(response.status == 200, f"PostgreSQL back: {path} answers 200 without a restart")
    check(
        get(row, writer, f"{base}/accounts/profile/").status == 200,
        "PostgreSQL back: still signed in",
    )
    check(comments_with(stack, text) == 0, "the comment refused during the outage was not saved")
    sent = len(stream.outcomes)
    wait_for(lambda: len(stream.outcomes) >= sent + 3, timeout=30, what="the stream did not resume")
    stream.stop()
    for _, status in stream.outcomes:
        row.saw(status)
    problems = comments_accounted(stack, stream.outcomes)
    accepted = sum(1 for _, status in stream.outcomes if status == 302)
    check(
        not problems,
        f"comments in flight across the outage: {accepted} of {len(stream.outcomes)} accepted,"
        f" all saved once, none partial (problems: {problems[:3]})",
    )
    again = writer.request(
        f"{base}{GUIDANCE}discussion/", {"csrfmiddlewaretoken": token, "text": text}
    )
    row.saw(again.status)
    check(
        again.status == 302 and comments_with(stack, text) == 1,
        "sent again, the comment is saved once",
    )
    no_500(row)
    row.writes = (
        f"{len(stream.outcomes)} comments in flight, {accepted} accepted and found, 0 partial;"
        " 1 refused (text shown), resent, saved once"
    )
    row.passed = True
    return row


# --- 1 and 2 together ------------------------------------------------------------------------


def both_down(stack: FaultStack, redis, postgres: PostgresCluster, base: str) -> Row:
    row = Row("Redis killed and PostgreSQL stopped together")
    reader = Browser()
    redis.kill()
    postgres.stop(mode="immediate")
    print("  ..  Redis killed, PostgreSQL stopped", flush=True)
    try:
        for path in ANONYMOUS_PAGES:
            response = get(row, reader, f"{base}{path}")
            check(response.status == 503, f"both down: {path} answers 503 ({response.status})")
        health = get(row, reader, f"{base}/healthz")
        check(
            health.status == 503 and health.text.count("unavailable") == 2,
            f"both down: /healthz names both ({health.text})",
        )
    finally:
        postgres.start()
        redis.start()
    print("  ..  both back", flush=True)
    for path in (*ANONYMOUS_PAGES, "/healthz"):
        response = get(row, reader, f"{base}{path}")
        check(response.status == 200, f"both back: {path} answers 200")
    no_500(row)
    row.writes = "-"
    row.passed = True
    return row


# --- 4. The task worker ---------------------------------------------------------------------


def worker_supervise(stack: FaultStack):
    """db_worker exits when its database goes away (at once, or at its first query after the
    database is back); systemd starts it again (deploy/systemd/coproduce-worker.service:
    Restart=always, RestartSec=5), and so does this."""
    time.sleep(1)
    if stack.worker is None or stack.worker.poll() is not None:
        print("  ..  the task worker had exited: started again, as systemd would", flush=True)
        stack.worker_start()


def worker_stopped(stack: FaultStack, smtp, base: str) -> Row:
    row = Row("task worker stopped, emails queued, restarted")
    worker_supervise(stack)
    # What the demo queued is sent first, so that the outbox counts only this check's emails.
    wait_for(
        lambda: stack.sql(READY_TASKS) == "0", timeout=60, what="the worker did not empty the queue"
    )
    stack.worker_stop()
    print("  ..  worker stopped", flush=True)
    replier = signed_in(base, 4)
    token = replier.get(f"{base}{GUIDANCE}discussion/").csrf_token()
    sent_before = smtp.count()
    replies = 3
    for n in range(replies):
        posted = replier.request(
            f"{base}{GUIDANCE}discussion/",
            {
                "csrfmiddlewaretoken": token,
                "text": f"Reply {n} while the worker is stopped",
                "reply_to": str(stack.parent_comment),
            },
        )
        row.saw(posted.status)
        check(posted.status == 302, f"reply {n + 1} is accepted while the worker is stopped")
    time.sleep(1)
    check(smtp.count() == sent_before, "nothing is sent while the worker is stopped")
    waiting = int(
        stack.sql("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'")
    )
    check(waiting >= replies, f"the {replies} emails wait in the queue ({waiting} tasks ready)")
    stack.worker_start()
    print("  ..  worker started", flush=True)
    wait_for(
        lambda: smtp.count() >= sent_before + replies,
        timeout=60,
        what="the queued emails were not sent",
    )
    time.sleep(2)  # room for a duplicate to show up, if one were coming
    delivered = smtp.count() - sent_before
    check(
        delivered == replies, f"the worker sends each queued email once ({delivered} of {replies})"
    )
    to_parent = [m for m in smtp.messages[sent_before:] if email_of(0).encode() in m]
    check(len(to_parent) == replies, "every email goes to the comment's author")

    # A delivery that fails mid-way (the mail server refuses the message) is retried, once.
    retried = 2
    other = signed_in(base, 2)
    token = other.get(f"{base}{GUIDANCE}discussion/").csrf_token()
    sent_before, smtp.refused, smtp.refuse_next = smtp.count(), 0, retried
    for n in range(retried):
        posted = other.request(
            f"{base}{GUIDANCE}discussion/",
            {
                "csrfmiddlewaretoken": token,
                "text": f"Reply {n} whose email is refused at first",
                "reply_to": str(stack.parent_comment),
            },
        )
        row.saw(posted.status)
        check(posted.status == 302, f"reply {n + 1} is accepted while the mail server refuses")
    wait_for(
        lambda: smtp.count() >= sent_before + retried,
        timeout=60,
        what="the refused emails were not retried",
    )
    time.sleep(2)
    again = smtp.count() - sent_before
    check(
        smtp.refused == retried and again == retried,
        f"{smtp.refused} refused deliveries were retried: {again} emails arrived, none twice",
    )
    no_500(row)
    row.writes = (
        f"{replies + retried} replies; {delivered + again} emails, none twice;"
        f" {smtp.refused} refused mid-delivery and retried"
    )
    row.passed = True
    return row


# --- 5. A gunicorn worker killed mid-burst ----------------------------------------------------


def worker_killed(stack: FaultStack, server, base: str) -> Row:
    row = Row("gunicorn worker SIGKILLed during a burst of writes")
    voters = [signed_in(base, number) for number in range(1, PARTICIPANTS)]
    forms = vote_forms(voters[0], base)
    check(len(forms) >= 8, f"the guidance page offers {len(forms)} clauses to vote on")
    tokens = [voter.get(f"{base}{GUIDANCE}").csrf_token() for voter in voters]
    # Every participant votes on every clause and posts three comments, all at once.
    jobs = []
    for index in range(len(voters)):
        for url, short in forms:
            jobs.append(
                (index, "vote", f"{base}{url}", {"choice": str(random.randint(1, 5))}, short)
            )
        for n in range(3):
            text = f"Burst comment {index}-{n}-{random.randint(0, 10**9)}"
            jobs.append((index, "comment", f"{base}{GUIDANCE}discussion/", {"text": text}, text))
    random.shuffle(jobs)
    outcomes = []  # (job, status or "cut")
    lock = threading.Lock()
    position = iter(range(len(jobs)))

    def send():
        for i in position:
            index, kind, url, data, key = jobs[i]
            try:
                status = (
                    voters[index]
                    .request(url, {"csrfmiddlewaretoken": tokens[index], **data}, timeout=30)
                    .status
                )
            except OSError:  # the connection was cut by the killed worker
                status = "cut"
            with lock:
                outcomes.append((jobs[i], status))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    wait_for(lambda: len(outcomes) >= len(jobs) // 4, timeout=60, what="the burst did not start")
    victim = gunicorn_workers(server.pid)[0]
    os.kill(victim, signal.SIGKILL)
    print(
        f"  ..  SIGKILL to gunicorn worker {victim} after {len(outcomes)} of {len(jobs)} writes",
        flush=True,
    )
    for thread in threads:
        thread.join(timeout=120)
    for _, status in outcomes:
        row.saw(status)
    check(len(outcomes) == len(jobs), f"every one of the {len(jobs)} writes got an answer or a cut")

    # Accepted writes are all there; cut ones are wholly there or wholly absent.
    lost, accepted = [], 0
    for (index, kind, _url, data, key), status in outcomes:
        if status == 302:
            accepted += 1
        if kind == "comment":
            found = int(stack.sql(f"SELECT count(*) FROM django_comments WHERE comment = '{key}'"))
            if (status == 302 and found != 1) or found > 1:
                lost.append((kind, key, status, found))
        elif status == 302:
            found = stack.sql(
                "SELECT v.choice FROM consultation_vote v"
                " JOIN consultation_participant p ON p.id = v.participant_id"
                " JOIN consultation_clausesnapshot s ON s.id = v.snapshot_id"
                f" WHERE p.display_name = 'Fault check {index + 1}'"
                f" AND replace(s.clause_id::text, '-', '') LIKE '{key}%'"
            )
            if found != data["choice"]:
                lost.append((kind, key, status, found))
    check(
        not lost,
        f"no accepted write is lost or doubled ({accepted} accepted; problems: {lost[:3]})",
    )
    check(stack.sql(PARTIAL_COMMENTS) == "0", "no partial comment: each has all three of its rows")
    wait_for(
        lambda: len(gunicorn_workers(server.pid)) == 2,
        timeout=20,
        what="gunicorn did not replace its killed worker",
    )
    check(Browser().get(f"{base}/healthz").status == 200, "gunicorn replaced the killed worker")
    no_500(row)
    cut = sum(1 for _, status in outcomes if status == "cut")
    row.writes = f"{len(jobs)} sent, {accepted} accepted and found, {cut} cut, 0 partial"
    row.passed = True
    return row


# --- 3. A real read replica -----------------------------------------------------------------


def read_replica(stack: FaultStack, postgres: PostgresCluster) -> Row:
    row = Row("read replica: lagging, then stopped")
    with postgres.replica() as replica:
        check(
            replica.psql("SELECT pg_is_in_recovery()") == "True",
            "the replica streams from the primary",
        )
        base = stack.start_with({"DATABASE_REPLICA_URL": f"{replica.url}/{stack.db}"}, workers=1)
        voter = signed_in(base, 0)  # who has not voted before: a new row, not a changed one
        forms = vote_forms(voter, base)
        url, short = forms[-1]
        page = voter.get(f"{base}{GUIDANCE}")
        # Replay paused: the replica stops at this point, so what is read from it is plain.
        replica.psql("SELECT pg_wal_replay_pause()")
        wait_for(
            lambda: replica.psql("SELECT pg_get_wal_replay_pause_state()") == "paused",
            timeout=10,
            what="the replica did not pause its replay",
        )
        voted = voter.request(
            f"{base}{url}", {"csrfmiddlewaretoken": page.csrf_token(), "choice": "4"}
        )
        row.saw(voted.status)
        check(voted.status == 302, "a vote is accepted (written to the primary)")
        label = re.search(rf'for="clause-{short}-choice-4">([^<]+)<', page.text).group(1)
        seen = answer_shown(get(row, voter, f"{base}{GUIDANCE}").text, short)
        check(seen == label, f"read-your-writes: the voter sees their vote at once ({seen!r})")
        time.sleep(3.5)  # COPRODUCE_READ_YOUR_WRITES_SECONDS for this run
        # A browser drops the cookie when its max-age runs out; this small client does not.
        voter.cookies.pop(WROTE_COOKIE, None)
        on_replica = replica.psql("SELECT count(*) FROM consultation_vote", stack.db)
        on_primary = stack.sql("SELECT count(*) FROM consultation_vote")
        check(
            on_replica != on_primary,
            f"the replica lags: {on_replica} votes, {on_primary} on the primary",
        )
        seen = answer_shown(get(row, voter, f"{base}{GUIDANCE}").text, short)
        check(seen is None, "reads go to the replica: paused there, the vote is not yet shown")
        replica.psql("SELECT pg_wal_replay_resume()")
        wait_for(
            lambda: answer_shown(voter.get(f"{base}{GUIDANCE}").text, short) == label,
            timeout=15,
            what="the replica did not catch up",
        )
        print("  ok  the replica catches up and shows the vote", flush=True)
        replica.stop(mode="immediate")
        print("  ..  replica stopped", flush=True)
        for path in ANONYMOUS_PAGES:
            check(
                get(row, Browser(), f"{base}{path}").status == 200,
                f"replica down: {path} reads the primary",
            )
        seen = answer_shown(get(row, voter, f"{base}{GUIDANCE}").text, short)
        check(seen == label, "replica down: the voter's page reads the primary")
    no_500(row)
    row.writes = "1 vote: seen at once, hidden by lag, then shown"
    row.passed = True
    return row
