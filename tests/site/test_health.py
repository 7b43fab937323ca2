from unittest import mock

from django.db import OperationalError


def test_healthz_answers_ok_when_database_and_cache_respond(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_fails(client, db):
    with mock.patch("coproduce_site.health.connection") as connection:
        connection.cursor.side_effect = OperationalError("connection refused")
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}


def test_healthz_answers_503_when_the_cache_fails(client, db):
    with mock.patch("coproduce_site.health.cache") as cache:
        cache.set.side_effect = ConnectionError("redis is down")
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}


def test_healthz_needs_no_sign_in_and_holds_no_personal_data(client, db):
    response = client.get("/healthz")

    assert set(response.json()) == {"database", "cache"}
