import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from consultation.accounts.models import Participant, Perspective
from consultation.rounds import can_contribute
from tests.factories import PASSWORD, ParticipantFactory, UserFactory

SIGNUP = "/accounts/signup/"


def signup_data(**overrides):
    data = {
        "email": "new.person@example.org",
        "display_name": "Quiet Heron",
        "perspectives": Perspective.LIVED_EXPERIENCE,
        "password1": "lantern meadow copper 42",
        "password2": "lantern meadow copper 42",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def confirmation_link(mailoutbox):
    assert len(mailoutbox) == 1
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mailoutbox[0].body)[1]


def test_sign_up_then_the_emailed_link_makes_a_verified_participant(client, db, mailoutbox):
    response = client.post(SIGNUP, signup_data())

    assert response.status_code == 302
    participant = Participant.objects.get(display_name="Quiet Heron")
    assert participant.perspectives == Perspective.LIVED_EXPERIENCE
    assert participant.consented_at is not None
    assert not can_contribute(participant.user)

    link = confirmation_link(mailoutbox)
    assert client.get(link).status_code == 200
    response = client.post(link)

    assert response.status_code == 302
    assert response.url == "/accounts/profile/"
    assert can_contribute(participant.user)
    assert client.get("/accounts/profile/").context["participant"] == participant


def test_unverified_account_cannot_sign_in_until_the_link_is_followed(client, db, mailoutbox):
    client.post(SIGNUP, signup_data())
    client.logout()

    response = client.post(
        "/accounts/login/",
        {"login": "new.person@example.org", "password": "lantern meadow copper 42"},
    )

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"


@pytest.mark.parametrize(
    ("display_name", "message"),
    [
        ("", "Enter a display name."),
        ("Al", "at least 3 characters"),
        ("x" * 41, "at most 40 characters"),
        ("sam@example.org", "cannot look like an email address"),
        ("former PARTICIPANT", "kept for comments from deleted accounts"),
    ],
)
def test_display_name_rules_are_explained_next_to_the_field(client, db, display_name, message):
    response = client.post(SIGNUP, signup_data(display_name=display_name))

    assert response.status_code == 200
    assert message in str(response.context["form"].errors["display_name"])
    assert not get_user_model().objects.filter(email="new.person@example.org").exists()


def test_display_name_taken_in_another_case_is_refused(client, db):
    ParticipantFactory(display_name="Quiet Heron")

    response = client.post(SIGNUP, signup_data(display_name="  quiet   HERON "))

    assert "already using that display name" in str(response.context["form"].errors)


def test_display_name_spaces_are_tidied(client, db):
    client.post(SIGNUP, signup_data(display_name="  Quiet    Heron "))

    assert Participant.objects.filter(display_name="Quiet Heron").exists()


def test_form_with_errors_keeps_everything_typed_except_passwords(client, db):
    response = client.post(SIGNUP, signup_data(consent=None))
    html = response.content.decode()

    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_consent"' in html
    assert 'value="new.person@example.org"' in html
    assert 'value="Quiet Heron"' in html
    assert 'value="lived_experience" checked' in html or re.search(
        r'value="lived_experience"[^>]*checked', html
    )
    assert "lantern meadow copper 42" not in html


def test_weak_password_is_refused_with_a_reason(client, db):
    response = client.post(SIGNUP, signup_data(password1="short", password2="short"))

    assert "at least 12 characters" in str(response.context["form"].errors["password1"])


def test_filled_honeypot_pretends_success_and_creates_nothing(client, db, mailoutbox):
    response = client.post(SIGNUP, signup_data(website="http://spam.example"))

    assert response.status_code == 302
    assert not get_user_model().objects.exists()
    assert mailoutbox == []


def test_honeypot_is_hidden_by_css_not_an_inline_style(client, db):
    html = client.get(SIGNUP).content.decode()

    assert 'class="honeypot" aria-hidden="true"' in html
    assert "style=" not in html


def test_sign_up_links_to_the_privacy_notice(client, home):
    from consultation.demo.accounts import ensure_site_pages

    ensure_site_pages(home)

    html = client.get(SIGNUP).content.decode()

    assert 'href="/privacy/">privacy notice</a>' in html


def test_account_without_a_profile_chooses_a_display_name_after_signing_in(client, db, sign_in):
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.url == "/accounts/display-name/"
    assert client.get("/accounts/profile/").url == "/accounts/display-name/"

    response = client.post(
        "/accounts/display-name/",
        {"display_name": "Late Arrival", "consent": "on"},
    )

    assert response.status_code == 302
    assert user.participant.display_name == "Late Arrival"
    assert can_contribute(user)


def test_choose_display_name_step_needs_consent(client, db):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/accounts/display-name/", {"display_name": "Late Arrival"})

    assert response.status_code == 200
    assert "Tick the box" in response.content.decode()
    assert not Participant.objects.filter(user=user).exists()


def test_expired_or_wrong_verification_link_says_what_to_do(client, db):
    response = client.get("/accounts/confirm-email/not-a-real-key/")

    assert "This link has expired or is not valid" in response.content.decode()


def test_tampered_perspective_is_refused_next_to_the_field(client, db):
    response = client.post(SIGNUP, signup_data(perspectives="administrator"))

    errors = response.context["form"].errors["perspectives"]
    assert "Choose perspectives from the list." in str(errors)


def test_email_already_in_use_is_told_by_email_not_on_screen(client, db, mailoutbox):
    existing = ParticipantFactory()

    response = client.post(SIGNUP, signup_data(email=existing.user.email))

    assert response.status_code == 302
    assert get_user_model().objects.filter(email=existing.user.email).count() == 1
    assert "already has an account" in mailoutbox[0].body


def test_verification_email_is_in_our_words_and_names_no_example_site(client, db, mailoutbox):
    client.post(SIGNUP, signup_data())

    body = mailoutbox[0].body
    assert mailoutbox[0].subject.startswith("[Coproduce] ")
    assert "example.com" not in body
    assert "It works for three days" in body


def test_people_are_named_by_display_name_never_by_email(client, db, sign_in):
    participant = ParticipantFactory(display_name="Named Kindly")

    response = client.post(
        "/accounts/login/", {"login": participant.user.email, "password": PASSWORD}, follow=True
    )

    html = response.content.decode()
    assert "You are signed in as Named Kindly." in html
    assert participant.user.username not in html


@pytest.mark.parametrize("url", ["/accounts/password/change/", "/accounts/email/"])
def test_allauth_pages_use_our_layout(client, db, url):
    client.force_login(ParticipantFactory().user)

    html = client.get(url).content.decode()

    assert 'class="skip-link"' in html
    assert "style=" not in html


def test_empty_sign_up_says_what_each_field_needs(client, db):
    errors = client.post(SIGNUP, {}).context["form"].errors

    assert errors["email"] == ["Enter your email address."]
    assert errors["display_name"] == ["Enter a display name."]
    assert errors["password1"] == ["Enter a password."]
    assert "Tick the box" in errors["consent"][0]


def test_login_page_offers_one_way_to_reset_a_forgotten_password(client, db):
    html = client.get("/accounts/login/").content.decode()

    assert html.count('href="/accounts/password/reset/"') == 1
    assert "Forgot your password?" not in html
    assert "Forgotten your password?" in html


def test_confirming_on_another_device_still_goes_where_the_person_was_going(client, db, mailoutbox):
    going_to = "/guidance/somewhere/clauses/c-1/discussion/"
    client.post(f"{SIGNUP}?next={going_to}", {**signup_data(), "next": going_to})
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mailoutbox[0].body)[1]
    other_device = type(client)()

    form = other_device.get(link)
    response = other_device.post(link, {"next": form.context["redirect_field_value"]})

    assert response.status_code == 302
    assert response.url == going_to
    assert EmailAddress.objects.get(email="new.person@example.org").verified


def test_confirmation_link_never_carries_an_address_off_the_site(client, db, mailoutbox):
    client.post(SIGNUP, {**signup_data(), "next": "https://evil.example.com/"})

    assert "evil.example.com" not in mailoutbox[0].body
