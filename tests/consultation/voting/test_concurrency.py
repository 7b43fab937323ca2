"""Real concurrent HTTP requests against a live server on PostgreSQL.

SQLite serialises writers (one at a time, whole database), so the same requests there
would prove nothing about the unique constraint and the upsert: these tests skip on it.
"""

import http.client
import secrets
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from consultation.accounts.models import Perspective
from consultation.demo.loader import home_page
from consultation.guidance.clauses import short_clause_id
from consultation.voting.models import Choice, ResultsVisibility, Vote
from consultation.voting.results import page_results
from tests.factories import GuidanceIndexPageFactory, GuidancePageFactory, ParticipantFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite runs one writer at a time, so no real concurrency")


@pytest.fixture
def page(live_server):
    index = GuidanceIndexPageFactory(parent=home_page())
    return GuidancePageFactory(parent=index, results_visibility=ResultsVisibility.ALWAYS)


def session_cookie(participant) -> str:
    client = Client()
    client.force_login(participant.user)
    return client.cookies["sessionid"].value


def connect(live_server) -> http.client.HTTPConnection:
    """A connection opened ahead of time: the development server's listen backlog is
    small, so opening dozens at the same instant would test the kernel, not our code."""
    address = urllib.parse.urlsplit(live_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
    connection.connect()
    return connection


def post_vote(connection, path, session, choice, start: threading.Barrier | None = None) -> int:
    csrf = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret
    body = urllib.parse.urlencode({"choice": choice, "version": "1", "csrfmiddlewaretoken": csrf})
    headers = {
        "Cookie": f"sessionid={session}; csrftoken={csrf}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    if start is not None:
        start.wait(timeout=60)
    try:
        connection.request("POST", path, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def vote_address(live_server, page):
    snapshot = page.current_version.clauses.get(number=1)
    return snapshot, f"{page.url}clauses/{short_clause_id(snapshot.clause_id)}/vote/"


def test_fifty_concurrent_submissions_by_one_participant_leave_one_vote(live_server, page):
    snapshot, path = vote_address(live_server, page)
    session = session_cookie(ParticipantFactory())
    connections = [connect(live_server) for _ in range(50)]
    start = threading.Barrier(50)

    def cast(n):
        return post_vote(connections[n], path, session, Choice.values[n % 5], start)

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(cast, range(50)))

    assert statuses == [302] * 50
    assert Vote.objects.filter(snapshot=snapshot).count() == 1


def test_two_hundred_participants_voting_at_once_leave_two_hundred_votes(live_server, page):
    snapshot, path = vote_address(live_server, page)
    perspectives = [Perspective.PEER_WORKER, Perspective.CLINICIAN, Perspective.CARER]
    sessions = [
        session_cookie(ParticipantFactory(perspectives=perspectives[n % 3])) for n in range(200)
    ]
    page_results(page)  # warm the cache: the votes must invalidate it
    connections = [connect(live_server) for _ in range(200)]
    # Sixty requests in flight at a time: each holds a database connection, and
    # PostgreSQL allows 100 by default.
    start = threading.Barrier(60)

    def cast(n):
        barrier = start if n < 60 else None
        return post_vote(connections[n], path, sessions[n], Choice.values[n % 5], barrier)

    with ThreadPoolExecutor(max_workers=60) as pool:
        statuses = list(pool.map(cast, range(200)))

    assert statuses == [302] * 200
    assert Vote.objects.filter(snapshot=snapshot).count() == 200
    result = page_results(page)[snapshot.clause_id].result
    assert result.total == 200
    assert sum(answer.count for answer in result.answers) == 200
    assert sum(group.total for group in result.groups) == 200
    assert [answer.count for answer in result.answers] == [40] * 5


def test_votes_racing_a_publication_are_either_refused_or_carried_over(live_server, page):
    """A vote committed on version 1 while version 2 is being published must count in
    version 2 too: the publication waits for votes holding the version, and a vote that
    waited for the publication is refused as cast on an earlier version."""
    snapshot, path = vote_address(live_server, page)
    sessions = [session_cookie(ParticipantFactory()) for _ in range(40)]
    connections = [connect(live_server) for _ in range(40)]
    start = threading.Barrier(41)

    def cast(n):
        return post_vote(connections[n], path, sessions[n], Choice.AGREE, start)

    def publish():
        from consultation.guidance.models import GuidancePage

        try:
            editing = GuidancePage.objects.get(pk=page.pk)
            editing.body[1].value["heading"] = "Only the second clause changes"
            editing.change_summary = "Second clause."
            revision = editing.save_revision()
            start.wait(timeout=60)
            revision.publish()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=41) as pool:
        publication = pool.submit(publish)
        statuses = list(pool.map(cast, range(40)))
        publication.result()

    assert set(statuses) <= {302, 400}
    current = page.versions.order_by("-number").first()
    assert current.number == 2
    in_first = set(Vote.objects.filter(snapshot=snapshot).values_list("participant", flat=True))
    in_second = set(
        Vote.objects.filter(
            snapshot__version=current, snapshot__clause_id=snapshot.clause_id
        ).values_list("participant", flat=True)
    )
    assert len(in_first) == statuses.count(302)
    assert in_first == in_second
