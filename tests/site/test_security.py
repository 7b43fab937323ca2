import pytest
from django.test import override_settings

from tests.factories import ParticipantFactory

PUBLIC_PAGES = [
    "/",
    "/guidance/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/healthz",
    "/no-such-page/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_security_headers_are_on_every_page(client, guidance, url):
    response = client.get(url)

    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy or policy.endswith("script-src 'self'")
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_security_headers_are_on_a_guidance_page_and_signed_in_pages(client, guidance):
    client.force_login(ParticipantFactory().user)

    for url in [guidance.url, "/accounts/profile/", "/accounts/my-data/"]:
        response = client.get(url)
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
        assert response["X-Frame-Options"] == "DENY"


def test_admin_alone_gets_a_looser_policy(client, db):
    policy = client.get("/admin/login/")["Content-Security-Policy"]

    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy


def test_public_pages_have_no_inline_scripts_or_styles(client, guidance):
    for url in ["/", guidance.url, "/accounts/signup/", "/accounts/login/"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and "<style" not in html and "style=" not in html, url


def test_session_and_csrf_cookies_are_http_only(settings):
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.CSRF_COOKIE_HTTPONLY


def sign_in(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_login_is_throttled_after_repeated_failures(client, db):
    participant = ParticipantFactory()
    email = participant.user.email
    for _ in range(5):
        response = sign_in(client, email, "not the password at all")
        assert response.status_code == 200

    response = sign_in(client, email, "a long enough password")

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(ACCOUNT_RATE_LIMITS={"signup": "2/m/ip"})
def test_too_many_sign_ups_get_a_readable_429_page(client, db):
    for _ in range(2):
        client.post("/accounts/signup/", {"email": "x"})

    response = client.post("/accounts/signup/", {"email": "x"})

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "<main" in response.content.decode()


@override_settings(ACCOUNT_RATE_LIMITS={"login": "2/m/ip"})
def test_too_many_log_ins_get_a_429(client, db):
    for _ in range(2):
        sign_in(client, "someone@example.org", "wrong")

    assert sign_in(client, "someone@example.org", "wrong").status_code == 429


def test_rate_limited_profile_change_answers_429_and_keeps_what_was_typed(client, db):
    participant = ParticipantFactory()
    client.force_login(participant.user)
    data = {"form": "profile", "profile-display_name": "Typed Name"}
    for _ in range(30):
        client.post("/accounts/profile/", {"form": "none"})

    response = client.post("/accounts/profile/", data)

    assert response.status_code == 429
    assert 'value="Typed Name"' in response.content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "https:/\\evil.example/"]
)
def test_sign_in_refuses_to_redirect_off_site(client, db, target):
    participant = ParticipantFactory()

    response = client.post(
        "/accounts/login/",
        {"login": participant.user.email, "password": "a long enough password", "next": target},
    )

    assert response.status_code == 302
    assert "evil.example" not in response.url


def test_sign_in_follows_a_next_on_this_site(client, db):
    participant = ParticipantFactory()

    response = client.post(
        "/accounts/login/",
        {
            "login": participant.user.email,
            "password": "a long enough password",
            "next": "/guidance/",
        },
    )

    assert response.url == "/guidance/"
