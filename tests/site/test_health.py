from unittest import mock

from django.db import OperationalError
from django.test import override_settings

from coproduce_site.settings.base import redis_cache, redis_caches
from tests.site.outage_helpers import unreachable_redis_url


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


def test_healthz_answers_503_naming_the_cache_when_redis_is_unreachable(client, db):
    with override_settings(CACHES=redis_caches(*[unreachable_redis_url()] * 2)):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}


def test_healthz_names_each_further_cache_alias(client, db):
    caches = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": redis_cache(unreachable_redis_url()),
    }
    with override_settings(CACHES=caches):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "ok", "ratelimit_cache": "unavailable"}


def test_healthz_needs_no_sign_in_and_holds_no_personal_data(client, db):
    response = client.get("/healthz")

    assert set(response.json()) == {"database", "cache"}


def test_healthz_names_a_cache_once_when_rate_limits_share_its_server(client, db):
    url = unreachable_redis_url()
    caches = {"default": redis_cache(url), "ratelimit": redis_cache(url, KEY_PREFIX="ratelimit")}
    with override_settings(CACHES=caches):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}
