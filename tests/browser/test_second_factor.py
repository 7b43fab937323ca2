"""Two-factor sign-in in a real browser: staff past the grace period enrol an authenticator
app on their way into the admin, then sign in with password and a generated code."""

import re
import time
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory


def code_for(secret: str) -> str:
    # A code typed in the last seconds of its 30-second period would reach the server in
    # the next one, which refuses it: wait for a fresh period instead.
    if 30 - time.time() % 30 < 5:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def long_standing_editor(username):
    user = UserFactory(username=username)
    user.date_joined = timezone.now() - timedelta(days=60)
    user.save()
    user.groups.add(Group.objects.get(name="Editors"))
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def sign_in_with_password(page, user):
    page.goto("/accounts/login/?next=/admin/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_staff_enrol_an_authenticator_app_on_their_way_into_the_admin(page, demo, axe, live_server):
    editor = long_standing_editor("mfa-enrol-editor")

    sign_in_with_password(page, editor)
    # The admin sends them to set up the app, which asks for the password once more.
    expect(page.get_by_role("heading", name="Enter your password")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    assert axe(page) == []
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(code_for(secret))
    page.get_by_role("button", name="Activate").click()
    # The app is active once the form has gone (it stays, with an error, if it is refused).
    expect(page).not_to_have_url(re.compile(r"/totp/activate/"))

    page.goto("/admin/")
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_enrolled_staff_sign_in_with_a_generated_code(page, demo, axe, live_server, save_html):
    editor = long_standing_editor("mfa-code-editor")
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)

    sign_in_with_password(page, editor)
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
    assert axe(page) == []
    # The code prompt as the server sends it, for the Nu HTML checker (same session).
    save_html(page.request.get(page.url), "2fa-authenticate")
    page.get_by_role("textbox").fill(code_for(secret))
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
