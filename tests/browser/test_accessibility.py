"""WCAG 2.2 AA across every public page and state: axe-core, target sizes, error focus, status.

Feature tests check their own pages; this sweep walks all of them in one place, so a change
to a shared template or to site.css is caught wherever it shows.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from consultation.demo.content import MAIN_SLUG
from consultation.guidance.models import GuidancePage
from tests.factories import ParticipantFactory

DEMO_URL = f"/guidance/{MAIN_SLUG}/"
PUBLIC_PATHS = [
    "/",
    "/guidance/",
    DEMO_URL,
    DEMO_URL + "discussion/",
    DEMO_URL + "results/",
    DEMO_URL + "feedback/",
    DEMO_URL + "versions/",
    DEMO_URL + "versions/1/",
    DEMO_URL + "compare/1/3/",
    DEMO_URL + "compare/?from=1&to=nine",
    DEMO_URL + "forum-supervision-and-training/",  # a past forum session with its summary
    DEMO_URL + "forum-the-revised-draft/",  # an upcoming one
    "/accounts/signup/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/privacy/",
    "/accessibility/",
    "/search/",
    "/search/?q=supervision",
    "/house-rules/",
    "/support/",
    "/no-such-page/",
]
MIN_TARGET = 24


@pytest.fixture
def participant(page, demo, sign_in):
    participant = ParticipantFactory(display_name="Sweep Sam", perspectives="carer")
    sign_in(page, participant.user)
    return participant


def first_discussion_url(page):
    page.goto(DEMO_URL)
    return page.get_by_role("link", name=re.compile(r"^Discussion of clause 1\b")).get_attribute(
        "href"
    )


def test_every_public_page_signed_out_has_no_wcag_violations(page, demo, axe, save_html):
    page.goto(DEMO_URL)
    paths = [*PUBLIC_PATHS, first_discussion_url(page)]

    for path in paths:
        response = page.goto(path)
        assert response.status < 500, path
        save_html(response)
        assert axe(page) == [], path


def test_every_participant_page_and_form_error_has_no_wcag_violations(
    page, participant, axe, save_html
):
    from tests.consultation.comment_helpers import make_comment

    guidance = GuidancePage.objects.get(slug=MAIN_SLUG)
    # Their contributions page then lists a comment, with its <time>, for the Nu checker.
    make_comment(guidance, participant, clause=guidance.clauses[0], text="Swept comment.")
    discussion = first_discussion_url(page)
    for path in [
        DEMO_URL,
        discussion,
        DEMO_URL + "results/",
        "/accounts/profile/",
        "/accounts/my-data/",
        "/accounts/contributions/",
        "/accounts/delete/",
        "/accounts/comments/withdraw-all/",
    ]:
        response = page.goto(path)
        save_html(response, "signed-in-" + (path.strip("/").replace("/", "-") or "home"))
        assert axe(page) == [], path

    page.goto(discussion)
    page.locator("details summary").first.click()
    assert axe(page) == [], "discussion with the clause expanded"

    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert axe(page) == [], "comment form with an error"

    page.goto(DEMO_URL)
    page.get_by_role("button", name=re.compile("Send my answer")).first.click()
    expect(page.get_by_role("alert").first).to_contain_text("Choose an answer")
    assert axe(page) == [], "vote form with an error"


def test_sign_up_form_with_errors_has_no_wcag_violations(page, demo, axe):
    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert axe(page) == []


def test_closed_round_refusal_page_has_no_wcag_violations(page, participant, axe):
    discussion = first_discussion_url(page)
    page.goto(discussion)
    GuidancePage.objects.filter(slug=MAIN_SLUG).update(closes_at="2000-01-01T00:00:00Z")
    page.get_by_label("Your comment").fill("Posted after the round closed.")

    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Post comment").click()

    assert answer.value.status == 403
    expect(page.get_by_text("Posted after the round closed.")).to_be_visible()
    assert axe(page) == []


def assert_targets_big_enough(locator):
    controls = locator.all()
    assert controls
    for control in controls[:12]:
        box = control.bounding_box()
        assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, control.evaluate(
            "e => e.outerHTML"
        )


def test_vote_and_reply_controls_are_at_least_24_pixels(page, participant):
    page.goto(DEMO_URL)
    assert_targets_big_enough(page.locator(".vote input[type=radio]"))
    assert_targets_big_enough(page.locator(".vote button[type=submit]"))

    page.goto(first_discussion_url(page))
    assert_targets_big_enough(page.locator(".comment__actions a"))
    assert_targets_big_enough(page.get_by_role("button", name="Post comment"))


def focused_is_error_summary(page) -> bool:
    return page.evaluate(
        "document.activeElement && document.activeElement.classList.contains('error-summary')"
    )


def test_error_summaries_receive_focus(page, participant):
    page.goto(first_discussion_url(page))
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert focused_is_error_summary(page), "comment form"

    page.goto(DEMO_URL)
    page.get_by_role("button", name=re.compile("Send my answer")).first.click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert focused_is_error_summary(page), "vote form"

    page.context.clear_cookies()
    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert focused_is_error_summary(page), "sign-up form"


def test_status_messages_are_announced(page, participant):
    page.goto(first_discussion_url(page))
    page.get_by_label("Your comment").fill("Status messages should be announced politely.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status").filter(has_text="Your comment is posted.")).to_be_visible()

    page.goto(DEMO_URL)
    clause = page.locator("section.clause").filter(has=page.locator(".vote__form")).first
    clause.locator("input[type=radio]").first.check()
    clause.get_by_role("button", name=re.compile("Send my answer")).click()
    expect(page.get_by_role("status").filter(has_text="Your answer is saved")).to_be_visible()

    page.goto(first_discussion_url(page))
    live = page.locator("[aria-live=polite]")
    expect(live.first).to_be_attached()


def test_two_factor_pages_a_participant_opts_into_have_no_wcag_violations(
    page, participant, axe, save_html
):
    """Issue 21's pages under /accounts/2fa/, reached from the profile as a participant would;
    each is saved for the Nu HTML checker too, and so are its error states."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from tests.factories import PASSWORD

    def check(response, name):
        assert response.status < 500, name
        save_html(response, f"signed-in-{name}")
        assert axe(page) == [], name

    page.goto("/accounts/profile/")
    with page.expect_navigation() as shown:
        page.get_by_role("link", name="Set up or change two-factor sign-in").click()
    check(shown.value, "2fa-not-enrolled")

    with page.expect_navigation() as shown:
        page.get_by_role("link", name="Activate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your password")
    check(shown.value, "2fa-reauthenticate")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation() as shown:
        page.get_by_role("button", name="Continue").click()
    check(shown.value, "2fa-totp-activate")

    page.get_by_label("Authenticator code").fill("000000")
    with page.expect_navigation() as shown:
        page.get_by_role("button", name="Activate").click()
    expect(page.get_by_label("Authenticator code")).to_have_attribute("aria-invalid", "true")
    check(shown.value, "2fa-totp-activate-error")

    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(
        format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    )
    with page.expect_navigation() as shown:
        page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Codes")
    check(shown.value, "2fa-recovery-codes")

    for path in [
        "/accounts/2fa/",
        "/accounts/2fa/recovery-codes/generate/",
        "/accounts/2fa/totp/deactivate/",
    ]:
        check(page.goto(path), path.strip("/").replace("/", "-").removeprefix("accounts-"))
