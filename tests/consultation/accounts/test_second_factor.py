"""Two-factor sign-in: everyone who can reach the admin enrols an authenticator app after a
grace period; participants may opt in."""

import time
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.factories import PASSWORD, ParticipantFactory, UserFactory


def code_for(secret: str, periods_ahead: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + periods_ahead))


def staff(group="Editors", *, days_ago=0, **extra):
    user = UserFactory(**extra)
    user.date_joined = timezone.now() - timedelta(days=days_ago)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def test_new_staff_reach_the_admin_and_are_asked_to_set_it_up(client, db):
    client.force_login(staff(days_ago=1))

    response = client.get("/admin/", follow=True)

    assert response.status_code == 200
    assert "Set up two-factor sign-in" in response.content.decode()


@pytest.mark.parametrize(
    "user_kwargs",
    [{"group": "Editors"}, {"group": "Moderators"}, {"group": None, "is_superuser": True}],
)
def test_after_the_grace_period_staff_without_a_second_factor_cannot_reach_the_admin(
    client, db, user_kwargs
):
    client.force_login(staff(days_ago=8, **user_kwargs))

    for url in ("/admin/", "/admin/comment-review/", "/admin/pages/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/2fa/totp/activate/"), url


def test_the_grace_period_is_a_setting(client, db, settings):
    settings.COPRODUCE_STAFF_MFA_GRACE_DAYS = 30
    client.force_login(staff(days_ago=8))

    assert client.get("/admin/").status_code == 200


def test_staff_enrol_with_a_code_and_then_reach_the_admin(client, db):
    user = staff(days_ago=30)
    assert sign_in(client, user).status_code == 302
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]

    response = client.post("/accounts/2fa/totp/activate/", {"code": code_for(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_enrolled_staff_sign_in_with_password_then_code(client, db):
    user = staff(days_ago=30)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    response = sign_in(client, user)
    assert response.url == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not signed in yet

    response = client.post("/accounts/2fa/authenticate/", {"code": code_for(secret)})

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_session_made_without_the_code_is_asked_for_it(client, db):
    user = staff(days_ago=30)
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)  # as Wagtail's own password-only log-in form would

    response = client.get("/admin/")

    assert response.url.startswith("/accounts/2fa/reauthenticate/")


def test_a_wrong_code_is_refused(client, db):
    user = staff(days_ago=30)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    sign_in(client, user)

    response = client.post("/accounts/2fa/authenticate/", {"code": code_for(secret, 5)})

    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_participants_may_opt_in_and_are_never_forced(client, db):
    participant = ParticipantFactory()
    participant.user.date_joined = timezone.now() - timedelta(days=365)
    participant.user.save()
    sign_in(client, participant.user)

    assert client.get("/accounts/profile/").status_code == 200
    assert "/accounts/2fa/" in client.get("/accounts/profile/").content.decode()
    assert client.get("/accounts/2fa/").status_code == 200


def test_wagtails_password_only_log_in_still_asks_for_the_code(client, db):
    user = staff(days_ago=30)
    TOTP.activate(user, generate_totp_secret())

    client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/2fa/reauthenticate/")
