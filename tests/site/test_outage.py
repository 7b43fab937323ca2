"""The site while Redis or PostgreSQL is away (coproduce_site/outage.py, docs/deploy.md).

Redis here is a real django-redis cache pointed at a loopback port nothing listens on, as
after `redis-server` has been stopped; tests/faults repeats these against real servers
that are killed and restarted.
"""

import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings

from consultation.discussion.models import GuidanceComment
from consultation.voting.models import Vote
from coproduce_site.log_filters import OncePerInterval
from coproduce_site.settings.base import redis_caches
from tests.consultation.comment_helpers import discussion_path
from tests.factories import ParticipantFactory
from tests.site.outage_helpers import unreachable_redis_url

GUIDANCE_API = "/api/v1/guidance/"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_caches(*[unreachable_redis_url()] * 2)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def participant(db):
    return ParticipantFactory(display_name="Robin")


def test_pages_are_served_from_the_database_while_redis_is_down(client, guidance, redis_down):
    for path in ("/", guidance.url, "/accounts/login/", GUIDANCE_API):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Sign in" in client.get("/accounts/login/").content.decode()


def test_sessions_fall_back_to_the_database_while_redis_is_down(client, participant, redis_down):
    client.force_login(participant.user)

    response = client.get("/accounts/profile/")

    assert response.status_code == 200
    assert "Robin" in response.content.decode()


def test_votes_and_comments_are_saved_while_redis_is_down(
    client, guidance, participant, redis_down
):
    client.force_login(participant.user)
    clause = guidance.clauses[0]
    snapshot = guidance.current_version.clauses.get(number=1)

    vote = client.post(f"{guidance.url}clauses/{clause.short_id}/vote/", {"choice": "2"})
    comment = client.post(discussion_path(guidance, clause), {"text": "Still saved."})

    assert vote.status_code == 302
    assert Vote.objects.get(snapshot=snapshot).choice == 2
    assert comment.status_code == 302
    assert GuidanceComment.objects.get().comment == "Still saved."


def test_sign_in_fails_closed_with_a_clear_page_while_redis_is_down(
    client, participant, redis_down
):
    response = client.post(
        "/accounts/login/", {"login": participant.user.email, "password": "not-checked-now"}
    )

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Signing in is paused for a few minutes" in html
    assert participant.user.email in html
    assert "not-checked-now" not in html
    assert "_auth_user_id" not in client.session


def test_signing_out_still_works_while_redis_is_down(client, participant, redis_down):
    client.force_login(participant.user)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_sign_in_works_when_redis_is_up(client, participant):
    participant.user.set_password("a-long-enough-password")
    participant.user.save()

    response = client.post(
        "/accounts/login/", {"login": participant.user.email, "password": "a-long-enough-password"}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(participant.user.pk)


def test_repeated_outage_errors_are_logged_once_an_interval():
    once = OncePerInterval(seconds=60)
    record = logging.LogRecord(
        "coproduce_site.cache", logging.ERROR, "", 0, "Exception ignored", (), None
    )

    passed = [once.filter(record) for _ in range(50)]

    assert passed.count(True) == 1
    with mock.patch("coproduce_site.log_filters.time.monotonic", return_value=10**9):
        assert once.filter(record) is True
    assert "49 more like this" in record.getMessage()


def test_only_503_responses_are_held_back_on_the_request_logger():
    once = OncePerInterval(seconds=60, status_code=503)

    def record(status):
        made = logging.LogRecord("django.request", logging.ERROR, "", 0, "%s: %s", ("x", "/"), None)
        made.status_code = status
        return made

    assert [once.filter(record(503)) for _ in range(3)] == [True, False, False]
    assert [once.filter(record(500)) for _ in range(3)] == [True, True, True]


# --- PostgreSQL away -------------------------------------------------------------------------


@pytest.fixture
def database_down():
    """Every query fails as it does once PostgreSQL has gone: OperationalError."""
    refused = OperationalError("connection to server at 127.0.0.1 refused")
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=refused):
        yield


@pytest.fixture
def answering_client(client):
    client.raise_request_exception = False
    return client


def test_pages_answer_a_styled_503_while_the_database_is_down(answering_client, guidance):
    url = guidance.url
    with override_settings(COPRODUCE_PAGE_CACHE_SECONDS=0):
        for path in ("/", url, "/accounts/login/"):
            with mock.patch(
                "django.db.backends.utils.CursorWrapper.execute",
                side_effect=OperationalError("refused"),
            ):
                response = answering_client.get(path)
            assert response.status_code == 503, path
            assert "We will be back shortly" in response.content.decode()
            assert response["Retry-After"] == "30"


def test_the_api_answers_json_503_while_the_database_is_down(answering_client, db, database_down):
    response = answering_client.get(GUIDANCE_API)

    assert response.status_code == 503
    assert "briefly unavailable" in response.json()["detail"]


def test_a_refused_comment_is_shown_back_to_be_copied(answering_client, guidance, participant):
    answering_client.force_login(participant.user)
    path = discussion_path(guidance, guidance.clauses[0])
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("refused")
    ):
        response = answering_client.post(
            path, {"text": "Words worth keeping.", "reply_to": "98765"}
        )

    assert response.status_code == 503
    html = response.content.decode()
    assert "Words worth keeping." in html
    assert "98765" not in html
    assert not GuidanceComment.objects.exists()


def test_cached_anonymous_pages_are_still_served_while_the_database_is_down(
    answering_client, guidance, settings
):
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300
    assert answering_client.get(guidance.url)["X-Coproduce-Cache"] == "miss"

    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("refused")
    ):
        cached = answering_client.get(guidance.url)
        uncached = answering_client.get("/")

    assert cached.status_code == 200
    assert uncached.status_code == 503


def test_healthz_says_the_database_is_unavailable(answering_client, db, database_down):
    response = answering_client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}


def test_other_errors_still_answer_our_500_page(answering_client, db):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=ValueError("a bug")
    ):
        response = answering_client.get("/")

    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in response.content.decode()


def test_an_outage_logs_one_line_a_minute_not_one_per_request(client, db, redis_down):
    import io

    handler = next(h for h in logging.getLogger("coproduce_site.cache").handlers if h.filters)
    stream = io.StringIO()
    with (
        mock.patch.object(handler, "stream", stream),
        mock.patch.object(handler.filters[0], "_last", {}),
    ):
        for _ in range(5):
            client.get("/healthz")

    assert stream.getvalue().count("Exception ignored") == 1
