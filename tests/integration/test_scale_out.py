"""Two app servers, one PostgreSQL, one Redis: do they behave as one site?

Run by `make scale-out` and by `.ci/run` in a step of its own (see conftest.py here for why a
whole-suite run skips it). Creates a throwaway database, migrates it with production settings,
loads the demo and starts two gunicorn instances (two workers each) on loopback ports. Then,
with real HTTP requests:

1. a session made by signing in on server A works on server B;
2. a vote cast through A shows at once through B (the participant's answer and results);
3. the vote rate limit (3 an hour for this run) counts across both: the 4th vote, sent
   through B after three through A and B, is refused with 429.

Fails with a message naming the failed check unless all hold. Servers are stopped and the
database dropped whatever happens. Bounded: about 30 s, at most 90 s.
"""

import re
import signal
import time

from bench.load.stack import Stack, StackError
from tests.integration.browser import Browser

LIMIT_SECONDS = 90
EMAIL = "scale-out@checks.coproduce.invalid"
PASSWORD = "scale-out-" + "x" * 12
GUIDANCE = "/guidance/employing-peer-support-workers/"
VOTE_ACTION = re.compile(r'action="(/guidance/[^"#]+/clauses/([0-9a-f]{8})/vote/)#')

MAKE_PARTICIPANT = f"""
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from consultation.accounts.models import Participant
user = get_user_model().objects.create_user(
    username="scale-out", email="{EMAIL}", password="{PASSWORD}")
EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
Participant.objects.create(user=user, display_name="Scale-out check", perspectives="other")
"""


class CheckFailed(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)
    print(f"  ok  {message}")


def answer_shown(html: str, short_id: str) -> str | None:
    """The participant's saved answer in clause `short_id`'s vote panel, if any."""
    start = html.find(f'id="clause-{short_id}"')
    panel = html[start:] if start >= 0 else ""
    found = re.search(r"Your answer(?: is saved)?: <strong>([^<]+)</strong>", panel)
    return found.group(1) if found else None


def run_checks(a: str, b: str):
    browser = Browser()

    # 1. Sign in through A; the session works through B.
    login = browser.get(f"{a}/accounts/login/")
    check(login.status == 200, f"A serves the sign-in page (got {login.status})")
    signed_in = browser.request(
        f"{a}/accounts/login/",
        {"csrfmiddlewaretoken": login.csrf_token(), "login": EMAIL, "password": PASSWORD},
    )
    check(
        signed_in.status == 302 and "sessionid" in browser.cookies,
        f"signing in through A succeeds and sets a session (got {signed_in.status})",
    )
    account = browser.get(f"{b}/accounts/profile/")
    check(
        account.status == 200 and "Scale-out check" in account.text,
        f"B knows the participant signed in through A (account page: {account.status})",
    )

    # 2. A vote through A is visible through B at once.
    page_b = browser.get(f"{b}{GUIDANCE}")
    actions = VOTE_ACTION.findall(page_b.text)
    check(len(actions) >= 4, f"B shows the signed-in participant {len(actions)} vote forms")
    (url1, clause1), (url2, _), (url3, _), (url4, _) = actions[:4]
    voted = browser.post(f"{a}{url1}", {"choice": "2"}, form_page=f"{a}{GUIDANCE}")
    check(voted.status == 302, f"a vote through A is accepted (got {voted.status})")
    label = re.search(rf'for="clause-{clause1}-choice-2">([^<]+)<', page_b.text).group(1)
    seen = answer_shown(browser.get(f"{b}{GUIDANCE}").text, clause1)
    check(seen == label, f"B shows the answer cast through A at once (shows {seen!r})")
    results = browser.get(f"{b}{GUIDANCE}results/")
    check(results.status == 200, f"B serves the results page after the vote ({results.status})")

    # 3. The rate limit (3 votes an hour for this run) counts across both servers.
    for name, base, url in (("B", b, url2), ("A", a, url3)):
        sent = browser.post(f"{base}{url}", {"choice": "4"}, form_page=f"{base}{GUIDANCE}")
        check(sent.status == 302, f"another vote through {name} is accepted ({sent.status})")
    fourth = browser.post(f"{b}{url4}", {"choice": "4"}, form_page=f"{b}{GUIDANCE}")
    check(
        fourth.status == 429,
        f"the 4th vote, through B, is refused by the shared limit (got {fourth.status})",
    )
    check(
        answer_shown(browser.get(f"{a}{GUIDANCE}").text, url4.split("/")[-3]) is None,
        "the refused vote was not saved (A shows no answer for that clause)",
    )


def on_timeout(signum, frame):
    raise StackError(f"scale-out check took longer than {LIMIT_SECONDS} s")


def test_two_app_servers_behave_as_one():
    # SIGALRM interrupts whatever is running, even a hung server start or request; the
    # `with` block below still stops the servers and drops the database.
    previous = signal.signal(signal.SIGALRM, on_timeout)
    signal.alarm(LIMIT_SECONDS)
    started = time.monotonic()
    try:
        stack = Stack(
            extra_env={"COPRODUCE_VOTE_RATE": "3/h"}, workers=2, setup_code=MAKE_PARTICIPANT
        )
        print(f"Scale-out check: database {stack.db}, Redis {stack.redis_url}")
        with stack:
            a, b = stack.start(), stack.start()
            print(f"  app server A {a}, app server B {b} (2 gunicorn workers each)")
            run_checks(a, b)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    print(f"Scale-out check passed in {time.monotonic() - started:.1f} s.")
