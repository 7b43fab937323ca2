"""The optional read replica: which database each read and write goes to, and that a
participant sees their own vote at once. The replica is the test settings' TEST MIRROR of
"default" (the same database through a second connection); the router and middleware are
installed per test, as DATABASE_REPLICA_URL installs them."""

import json
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.db import OperationalError, connections, router
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from consultation.demo.content import MAIN_SLUG
from consultation.guidance.clauses import short_clause_id
from consultation.guidance.models import GuidancePage
from consultation.voting.models import Vote
from coproduce_site import db_routers
from coproduce_site.db_routers import (
    PRIMARY,
    REPLICA,
    WROTE_COOKIE,
    PrimaryReplicaRouter,
    ReadYourWritesMiddleware,
)
from tests.factories import ParticipantFactory

# The middleware connects to the replica before routing reads to it (to skip it when down).
pytestmark = pytest.mark.django_db(databases=[PRIMARY, REPLICA])

ROUTER = "coproduce_site.db_routers.PrimaryReplicaRouter"
MIDDLEWARE = "coproduce_site.db_routers.ReadYourWritesMiddleware"


@pytest.fixture
def with_replica(settings, monkeypatch):
    """What DATABASE_REPLICA_URL configures: the router, and the middleware before sessions."""
    monkeypatch.setattr(db_routers, "_replica_down_until", 0.0)
    settings.DATABASE_ROUTERS = [ROUTER]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware"), MIDDLEWARE
    )
    settings.MIDDLEWARE = middleware
    return settings


def route(request, *, write_first=False):
    """Serve a request through the middleware; return where its reads went, and the response."""
    reads = []

    def view(request):
        reads.append(router.db_for_read(Vote))
        if write_first:
            Site.objects.filter(pk=-1).update(name="nothing")  # an UPDATE, if of no rows
            reads.append(router.db_for_read(Vote))
        return HttpResponse("ok")

    response = ReadYourWritesMiddleware(view)(request)
    return reads, response


# ---- Routing decisions ----


@pytest.mark.parametrize("method", ["get", "head"])
def test_plain_reads_go_to_the_replica(with_replica, method):
    reads, response = route(getattr(RequestFactory(), method)("/"))

    assert reads == [REPLICA]
    assert WROTE_COOKIE not in response.cookies


def test_reads_go_to_the_primary_while_the_replica_is_unreachable(with_replica, monkeypatch):
    refused = OperationalError("connection to server at replica refused")
    with mock.patch.object(connections[REPLICA], "ensure_connection", side_effect=refused) as dial:
        first, _ = route(RequestFactory().get("/"))
        second, _ = route(RequestFactory().get("/"))

    assert first == second == [PRIMARY]
    # Tried once, then left alone until REPLICA_RETRY_SECONDS have passed.
    assert dial.call_count == 1
    monkeypatch.setattr(db_routers, "_replica_down_until", 0.0)
    assert route(RequestFactory().get("/"))[0] == [REPLICA]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_reads_in_other_requests_go_to_the_primary(with_replica, method):
    reads, _ = route(getattr(RequestFactory(), method)("/"))

    assert reads == [PRIMARY]


def test_a_request_that_wrote_reads_the_primary_and_marks_its_client(with_replica, db):
    with_replica.COPRODUCE_READ_YOUR_WRITES_SECONDS = 7

    reads, response = route(RequestFactory().get("/"), write_first=True)

    assert reads == [REPLICA, PRIMARY]
    cookie = response.cookies[WROTE_COOKIE]
    assert cookie["max-age"] == 7
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_a_post_that_wrote_marks_its_client_too(with_replica, db):
    _, response = route(RequestFactory().post("/"), write_first=True)

    assert WROTE_COOKIE in response.cookies


def test_reads_within_the_window_after_a_write_go_to_the_primary(with_replica):
    request = RequestFactory().get("/")
    request.COOKIES[WROTE_COOKIE] = "1"

    reads, response = route(request)

    assert reads == [PRIMARY]
    # A read alone does not extend the window.
    assert WROTE_COOKIE not in response.cookies


def test_a_read_meant_for_writing_is_not_a_write(with_replica, db):
    def view(request):
        Site.objects.select_for_update().filter(pk=-1).first()
        Site.objects.get_or_create(pk=settings.SITE_ID)
        return HttpResponse(router.db_for_read(Vote))

    response = ReadYourWritesMiddleware(view)(RequestFactory().get("/"))

    assert response.content.decode() == REPLICA
    assert WROTE_COOKIE not in response.cookies


def test_writes_and_reads_outside_a_request_go_to_the_primary(with_replica):
    # Task workers, management commands and the shell read what was just written.
    assert router.db_for_read(Vote) == PRIMARY
    assert router.db_for_write(Vote) == PRIMARY


def test_migrations_run_on_the_primary_only():
    routes = PrimaryReplicaRouter()

    assert routes.allow_migrate(PRIMARY, "consultation") is True
    assert routes.allow_migrate(REPLICA, "consultation") is False


def test_objects_from_the_primary_and_the_replica_may_refer_to_each_other():
    from_primary, from_replica, elsewhere = Vote(), Vote(), Vote()
    from_primary._state.db, from_replica._state.db, elsewhere._state.db = (
        PRIMARY,
        REPLICA,
        "archive",
    )
    routes = PrimaryReplicaRouter()

    assert routes.allow_relation(from_primary, from_replica) is True
    assert routes.allow_relation(from_primary, elsewhere) is None


# ---- End to end, through the replica's own connection ----


def vote_url(page):
    snapshot = page.current_version.clauses.get(number=1)
    return f"{page.url}clauses/{short_clause_id(snapshot.clause_id)}/vote/"


def queries_on_each(fn):
    """fn's result, the SQL it sent to the primary, and how many queries went to the replica."""
    with (
        CaptureQueriesContext(connections[PRIMARY]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        result = fn()
    return result, [query["sql"] for query in primary], len(replica)


# The replica is a second connection: it sees only committed data, hence transaction=True.
@pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])
def test_a_participant_sees_their_vote_at_once_and_readers_read_the_replica(with_replica, client):
    call_command("load_demo")
    page = GuidancePage.objects.get(slug=MAIN_SLUG)
    participant = ParticipantFactory()
    client.force_login(participant.user)

    # A reader who has written nothing: reads go to the replica, except the footer's settings,
    # which Wagtail reads with get_or_create() and so from the primary.
    response, primary, on_replica = queries_on_each(lambda: client.get(page.url))
    assert 'name="choice"' in response.content.decode()
    assert on_replica > 10 and WROTE_COOKIE not in response.cookies
    assert all("home_sitelinks" in sql for sql in primary), primary

    version = str(page.current_version.number)
    response = client.post(vote_url(page), {"choice": "2", "version": version})
    assert response.status_code == 302
    assert WROTE_COOKIE in response.cookies
    assert Vote.objects.filter(participant=participant).count() == 1

    # Straight after the vote (within the window): the page reads the primary.
    html, primary, on_replica = queries_on_each(lambda: client.get(response.url).content.decode())
    assert "Thank you. Your answer is saved: <strong>Agree" in html
    assert len(primary) > 10 and on_replica == 0

    # Once the window has passed, the (caught up) replica shows the saved answer.
    del client.cookies[WROTE_COOKIE]
    html, primary, on_replica = queries_on_each(lambda: client.get(page.url).content.decode())
    assert "Your answer: <strong>Agree</strong>" in html
    assert on_replica > 10 and all("home_sitelinks" in sql for sql in primary)


# ---- Without a replica, nothing changes ----


@pytest.mark.django_db(databases=[PRIMARY])
def test_without_a_replica_everything_uses_default(client, guidance, settings):
    """Only "default" is allowed here: any query sent to "replica" would fail the test."""
    assert settings.DATABASE_ROUTERS == []
    assert MIDDLEWARE not in settings.MIDDLEWARE
    participant = ParticipantFactory()
    client.force_login(participant.user)

    response = client.post(vote_url(guidance), {"choice": "2", "version": "1"})
    html = client.get(response.url).content.decode()

    assert "Your answer is saved: <strong>Agree" in html
    assert WROTE_COOKIE not in response.cookies
    assert router.db_for_read(Vote) == PRIMARY


def settings_from_environment(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_REPLICA_URL",)}
    clean.update(env, DJANGO_SETTINGS_MODULE="coproduce_site.settings.dev")
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'databases': {k: v['NAME'] for k, v in s.DATABASES.items()}, "
        "'routers': s.DATABASE_ROUTERS, 'middleware': s.MIDDLEWARE}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=clean, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_database_replica_url_configures_the_replica_router_and_middleware():
    plain = settings_from_environment(DATABASE_URL="postgres://app@primary:5432/coproduce")
    with_replica = settings_from_environment(
        DATABASE_URL="postgres://app@primary:5432/coproduce",
        DATABASE_REPLICA_URL="postgres://reader@replica:5432/coproduce",
    )

    assert list(plain["databases"]) == ["default"]
    assert plain["routers"] == [] and MIDDLEWARE not in plain["middleware"]
    assert with_replica["databases"] == {"default": "coproduce", "replica": "coproduce"}
    assert with_replica["routers"] == [ROUTER]
    middleware = with_replica["middleware"]
    assert middleware.index(MIDDLEWARE) + 1 == middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )
