import json
import re
from pathlib import Path

from django.core import mail
from playwright.sync_api import expect

PASSWORD = "lantern meadow copper 42"


def fill_sign_up(page, *, consent=True):
    page.get_by_label("Email address").fill("journey@example.org")
    page.get_by_label("Display name", exact=True).fill("Journey Person")
    page.get_by_label("Family member or carer").check()
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    if consent:
        page.get_by_label(re.compile("may reveal information about my health")).check()


def test_new_participant_signs_up_verifies_downloads_data_and_deletes_account(
    page, demo, axe, live_server
):
    mail.outbox = []
    page.goto("/")
    page.get_by_role("link", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    assert axe(page) == []

    fill_sign_up(page, consent=False)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page.get_by_label("Display name", exact=True)).to_have_value("Journey Person")
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    assert axe(page) == []

    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_label(re.compile("may reveal information about my health")).check()
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)[0]
    page.goto(link.replace("http://testserver", live_server.url))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_text("You take part as")).to_contain_text("Journey Person")
    assert axe(page) == []

    page.get_by_label("Display name", exact=True).fill("Journey Renamed")
    page.get_by_label("Peer support worker or peer leader").check()
    page.get_by_role("button", name="Save display name and perspectives").click()
    expect(page.get_by_text("Your changes are saved.")).to_be_visible()

    page.get_by_role("link", name="My data").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My data")
    assert axe(page) == []
    page.get_by_role("link", name="Download my data (JSON)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your password")
    assert axe(page) == []
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    # Back on My data, not left on the password page while a file downloads.
    expect(page.get_by_role("heading", level=1)).to_have_text("My data")
    expect(page.get_by_text("You can download your data now.")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data (JSON)").click()
    data = json.loads(Path(download_info.value.path()).read_text())
    assert data["profile"]["display_name"] == "Journey Renamed"
    assert data["account"]["email_addresses"][0]["email"] == "journey@example.org"

    page.goto("/accounts/delete/")
    assert axe(page) == []
    page.get_by_label(re.compile("Keep my comments")).check()
    page.get_by_label("I understand that deleting my account cannot be undone.").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is deleted")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_sign_in_page_and_its_errors_are_accessible(page, demo, axe):
    page.goto("/accounts/login/")
    assert axe(page) == []

    page.get_by_label("Email address", exact=True).fill("nobody@example.org")
    page.get_by_label("Password", exact=True).fill("wrong password here")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page.get_by_label("Email address", exact=True)).to_have_value("nobody@example.org")
    assert axe(page) == []


def test_footer_links_to_privacy_notice_and_accessibility_statement(page, demo, axe):
    page.goto("/")
    page.get_by_role("link", name="Privacy notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    assert axe(page) == []
    page.get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")


def test_signed_in_participant_follows_guidance_and_signs_out(page, demo, axe):
    from tests.factories import ParticipantFactory

    participant = ParticipantFactory(display_name="Follower")
    page.goto("/accounts/login/")
    page.get_by_label("Email address", exact=True).fill(participant.user.email)
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_role("button", name="Sign in").click()

    page.goto("/guidance/employing-peer-support-workers/")
    page.get_by_role("button", name=re.compile("^Follow")).click()
    expect(page.get_by_role("button", name=re.compile("^Stop following"))).to_be_visible()
    assert axe(page) == []

    for url in ["/accounts/profile/", "/accounts/password/change/", "/accounts/email/"]:
        page.goto(url)
        assert axe(page) == [], url

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
