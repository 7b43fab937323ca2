"""Following a consultation for real: new-version emails, votes that carry over, the
participant's own record, and search. Editors publish through the admin's own form."""

import re

import pytest
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from consultation.demo.content import MAIN_SLUG
from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import Outcome
from consultation.feedback.services import response_record
from consultation.guidance.models import GuidancePage
from consultation.site_url import site_match_base_url
from tests.factories import ParticipantFactory, UserFactory, admin_edit_form

DEMO_URL = f"/guidance/{MAIN_SLUG}/"


@pytest.fixture
def site(demo, settings, live_server):
    """Emailed links point at the live server, as WAGTAILADMIN_BASE_URL would in production."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    site_match_base_url()


@pytest.fixture
def participant(page, site, sign_in):
    participant = ParticipantFactory()
    sign_in(page, participant.user)
    return participant


def demo_page() -> GuidancePage:
    return GuidancePage.objects.get(slug=MAIN_SLUG)


def clause_index(page, heading_start) -> int:
    return next(
        i for i, child in enumerate(page.body) if child.value["heading"].startswith(heading_start)
    )


def editor_publishes(heading_start, **changes):
    """An editor changes one clause in the Wagtail admin and publishes."""
    page = demo_page()
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        admin_edit_form(
            page,
            clause_changes={clause_index(page, heading_start): changes},
            change_summary="We reworded one clause after your feedback.",
        ),
    )
    assert response.status_code == 302
    return demo_page().current_version


def clause_section(page, heading):
    return page.locator("section.clause").filter(
        has=page.get_by_role("heading", level=2, name=re.compile(heading))
    )


def test_follower_gets_the_new_version_email_and_its_link_opens_the_comparison(
    page, participant, live_server
):
    page.goto(DEMO_URL)
    page.locator(".follow").get_by_role("button", name=re.compile("^Follow")).click()
    expect(page.get_by_role("status")).to_contain_text("You follow")
    mail.outbox.clear()

    version = editor_publishes("Training before", heading="Training before working alone, paid")

    [message] = [m for m in mail.outbox if m.to == [participant.user.email]]
    assert f"Version {version.number}" in message.subject
    link = next(w for w in message.body.split() if "/compare/" in w)
    assert link.startswith(live_server.url + "/")
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"What changed from version {version.number - 1} to version {version.number}"
    )
    expect(page.get_by_text("1 clause changed")).to_be_visible()


def test_votes_carry_over_on_unchanged_clauses_and_a_changed_one_asks_again(page, participant, axe):
    page.goto(DEMO_URL)
    for heading in ("Restraint, medication", "Training before"):
        clause = clause_section(page, heading)
        clause.get_by_label("Agree", exact=True).check()
        clause.get_by_role("button", name=re.compile("Send my answer")).click()
        expect(clause_section(page, heading).get_by_role("status")).to_contain_text("saved")
    before = demo_page().current_version.number

    editor_publishes("Training before", proposition="Training should be paid and national.")

    page.goto(DEMO_URL)
    unchanged = clause_section(page, "Restraint, medication")
    expect(
        unchanged.get_by_text(f"Your answer from version {before}, still counted")
    ).to_be_visible()
    # The carried answer stands in the form, ready to change.
    expect(unchanged.get_by_label("Agree", exact=True)).to_be_checked()
    changed = clause_section(page, "Training before")
    expect(changed.get_by_text(f"In version {before} you answered Agree")).to_be_visible()
    # Asked again: nothing is chosen for them.
    expect(changed.get_by_label("Agree", exact=True)).not_to_be_checked()
    assert axe(page) == []
    expect(changed.get_by_role("button", name=re.compile("Send my answer"))).to_be_visible()
    changed.get_by_role("link", name=re.compile("see the changes")).click()
    expect(page).to_have_url(re.compile(rf"/compare/{before}/{before + 1}/#clause-"))


def test_your_contributions_shows_the_outcome_after_an_editor_responds(page, participant, axe):
    page.goto(DEMO_URL)
    page.get_by_role("link", name=re.compile(r"^Discussion of clause 4\b")).click()
    page.get_by_label("Your comment").fill("Please say who pays for the training.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Your comment is posted.")).to_be_visible()
    expect(page.get_by_text("Would you like to hear when a new version")).to_be_visible()
    comment = GuidanceComment.objects.get(participant=participant)
    editor = UserFactory(is_superuser=True, is_staff=True)
    response_record(
        editor=editor,
        comment=comment,
        outcome=Outcome.ACCEPTED,
        rationale="The guidance now says employers pay.",
    )

    page.goto("/accounts/contributions/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your contributions")
    expect(page.get_by_text("Please say who pays for the training.")).to_be_visible()
    expect(page.get_by_text("The editors' response: Accepted.")).to_be_visible()
    expect(page.get_by_text("The guidance now says employers pay.")).to_be_visible()
    assert axe(page) == []


def test_search_finds_a_clause_and_a_comment(page, site, axe):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label("Search the guidance and its discussions").fill("supervision")
    page.keyboard.press("Enter")

    results = page.locator(".search-results")
    expect(results.locator(".search-result--clause").first).to_be_visible()
    expect(results.locator(".search-result--comment").first).to_be_visible()
    assert axe(page) == []
    results.locator(".search-result--clause a").first.click()
    expect(page).to_have_url(re.compile(r"#clause-[0-9a-f]{8}$"))
