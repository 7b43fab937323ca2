"""Rate limits count in their own cache, and sign-up limits let a workshop in while
keeping a script out."""

import time

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from consultation.accounts.models import Participant
from tests.consultation.accounts.test_signup import SIGNUP, signup_data
from tests.factories import ParticipantFactory

counters = caches["ratelimit"]


def sign_up(client, n, **overrides):
    return client.post(
        SIGNUP,
        signup_data(
            email=f"person{n}@example.org", display_name=f"Workshop member {n}", **overrides
        ),
    )


def test_allauth_and_our_own_counters_live_in_the_ratelimit_cache(client, db):
    sign_up(client, 1)
    participant = ParticipantFactory()
    client.force_login(participant.user)
    client.post("/accounts/profile/", {"form": "notifications"})

    keys = list(counters._cache)  # the local-memory store's own keys
    assert any(":allauth:rl:" in key for key in keys)
    assert any(":rl:" in key and "allauth" not in key for key in keys)  # django-ratelimit
    assert not [key for key in cache._cache if "rl:" in key]


@override_settings(ACCOUNT_RATE_LIMITS={"signup": "2/h/ip"})
def test_a_busy_page_cache_no_longer_pushes_the_counters_out(client, db):
    for n in range(2):
        sign_up(client, n)
    for n in range(2000):  # far past the default cache's 300 entries
        cache.set(f"pagecache:entry:{n}", "page")

    assert sign_up(client, 3).status_code == 429


def test_a_workshop_of_thirty_behind_one_address_can_all_sign_up(client, db):
    for n in range(30):
        mistyped = sign_up(client, n, password2="not the same password")
        assert mistyped.status_code == 200
        response = sign_up(client, n)
        assert response.status_code == 302, response.context["form"].errors

    assert Participant.objects.count() == 30


def test_a_script_cannot_make_hundreds_of_accounts_from_one_address(client, db):
    for n in range(40):
        assert sign_up(client, n).status_code == 302

    refused = sign_up(client, 40)

    assert refused.status_code == 200
    assert "Many accounts have been made from your network" in refused.content.decode()
    assert refused.context["form"]["email"].value() == "person40@example.org"
    assert Participant.objects.count() == 40


@override_settings(ACCOUNT_RATE_LIMITS={"signup": "100/h/ip", "signup_account": "2/h/ip,3/d/ip"})
def test_accounts_per_address_are_also_capped_per_day(client, db, monkeypatch):
    for n in range(2):
        assert sign_up(client, n).status_code == 302
    assert sign_up(client, 2).status_code == 200  # the hour is used up
    later = time.time() + 2 * 60 * 60
    monkeypatch.setattr(time, "time", lambda: later)

    assert sign_up(client, 3).status_code == 302
    assert sign_up(client, 4).status_code == 200  # and now the day
    assert Participant.objects.count() == 3


def test_one_email_address_cannot_be_signed_up_again_and_again(client, db, mailoutbox):
    for n in range(5):
        client.post(SIGNUP, signup_data(email="target@example.org", display_name=f"Name {n}"))

    sent = len(mailoutbox)

    refused = client.post(SIGNUP, signup_data(email="target@example.org", display_name="Name 5"))

    assert "too many attempts to sign up with this email address" in refused.content.decode()
    assert len(mailoutbox) == sent


@pytest.mark.parametrize("alias", ["default", "ratelimit"])
def test_both_caches_exist_apart(alias, settings):
    assert alias in settings.CACHES
    assert settings.CACHES["ratelimit"] != settings.CACHES["default"]
