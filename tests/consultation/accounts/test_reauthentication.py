"""My data download and deletion ask for the password again only if it was not entered
in the last five minutes, signing in included, as the README promises."""

import time

import pytest

from consultation.accounts import reauthentication
from tests.factories import PASSWORD, ParticipantFactory

SENSITIVE = ["/accounts/my-data/download/", "/accounts/delete/"]


def sign_in(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


def minutes_later(monkeypatch, minutes):
    later = time.time() + minutes * 60
    monkeypatch.setattr(reauthentication.time, "time", lambda: later)


@pytest.mark.parametrize("url", SENSITIVE)
def test_signing_in_just_now_is_enough(client, db, url):
    sign_in(client, ParticipantFactory().user)

    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", SENSITIVE)
def test_the_password_is_asked_again_after_five_minutes(client, db, monkeypatch, url):
    sign_in(client, ParticipantFactory().user)
    minutes_later(monkeypatch, 5.5)

    response = client.get(url, follow=True)

    # The download goes by My data's confirmation page, where the password returns to.
    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    assert "password" in response.content.decode().lower()


def test_entering_it_again_counts_for_another_five_minutes(client, db, monkeypatch):
    sign_in(client, ParticipantFactory().user)
    minutes_later(monkeypatch, 6)
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302

    assert client.get("/accounts/my-data/download/").status_code == 200


def test_a_session_made_without_signing_in_is_asked(client, db):
    client.force_login(ParticipantFactory().user)  # no sign-in recorded: ask

    response = client.get("/accounts/delete/")

    assert response.url.startswith("/accounts/reauthenticate/")
