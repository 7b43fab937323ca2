"""Voting in a real browser: as a new participant, by mouse and by keyboard, with axe checks."""

import re

import pytest
from playwright.sync_api import expect

from consultation.accounts.models import Perspective
from consultation.voting.models import Choice, Vote
from tests.factories import ParticipantFactory, UserFactory

DEMO_URL = "/guidance/employing-peer-support-workers/"


@pytest.fixture
def participant(page, demo, sign_in):
    participant = ParticipantFactory(perspectives=Perspective.LIVED_EXPERIENCE)
    sign_in(page, participant.user)
    return participant


def clause_section(page, heading):
    return page.locator("section.clause").filter(
        has=page.get_by_role("heading", level=2, name=re.compile(heading))
    )


def test_participant_votes_changes_the_vote_and_sees_results_appear(page, participant):
    page.goto(DEMO_URL)
    clause = clause_section(page, "Restraint, medication")
    expect(clause.get_by_text("appear once you have given your answer")).to_be_visible()
    expect(clause.get_by_role("heading", name=re.compile("How people voted"))).to_have_count(0)
    group = clause.get_by_role("group", name=re.compile("should not take part in restraint"))

    group.get_by_label("Agree", exact=True).check()
    clause.get_by_role("button", name=re.compile("Send my answer")).click()

    expect(page).to_have_url(re.compile(r"#clause-[0-9a-f]{8}$"))
    clause = clause_section(page, "Restraint, medication")
    expect(clause.get_by_role("status")).to_contain_text("Your answer is saved: Agree")
    expect(clause.get_by_role("heading", name=re.compile("How people voted"))).to_be_visible()
    expect(clause.locator(".results__summary strong")).to_have_text(re.compile(r"^\d+% agree$"))
    expect(clause.get_by_text("Contested", exact=True)).to_be_visible()

    clause.get_by_label("Strongly disagree").check()
    clause.get_by_role("button", name=re.compile("Change my answer")).click()

    clause = clause_section(page, "Restraint, medication")
    expect(clause.get_by_role("status")).to_contain_text("saved: Strongly disagree")
    expect(clause.get_by_text("Your answer: Strongly disagree")).to_be_visible()
    assert list(Vote.objects.filter(participant=participant).values_list("choice", flat=True)) == [
        Choice.STRONGLY_DISAGREE
    ]


def test_participant_votes_with_the_keyboard_alone(page, participant):
    page.goto(DEMO_URL)
    clause = clause_section(page, "Training before")
    anchor = clause.get_attribute("id")
    page.goto(f"{DEMO_URL}#{anchor}")

    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused.startswith(f"{anchor}-choice-"):
            break
    assert focused == f"{anchor}-choice-1"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    expect(clause.get_by_role("button", name=re.compile("Send my answer"))).to_be_focused()
    page.keyboard.press("Enter")

    clause = clause_section(page, "Training before")
    expect(clause.get_by_role("status")).to_contain_text("Your answer is saved: Agree")
    assert Vote.objects.get(participant=participant).choice == Choice.AGREE


def test_radio_targets_are_at_least_24_pixels(page, participant):
    page.goto(DEMO_URL)

    for radio in page.locator('input[type="radio"]').all()[:5]:
        box = radio.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24


def test_signed_out_visitor_is_offered_sign_in_instead_of_the_form(page, demo):
    page.goto(DEMO_URL)

    expect(page.locator('input[type="radio"]')).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Sign in to vote")).first).to_be_visible()


def test_vote_pages_have_no_wcag_violations(page, participant, axe, sign_in):
    page.goto(DEMO_URL)
    assert axe(page) == [], "guidance page with vote forms"

    clause = clause_section(page, "Training before")
    clause.get_by_role("button", name=re.compile("Send my answer")).click()
    expect(clause_section(page, "Training before").get_by_role("alert")).to_contain_text(
        "Choose an answer"
    )
    assert axe(page) == [], "vote form with an error"

    clause = clause_section(page, "Training before")
    clause.get_by_label("Strongly agree").check()
    clause.get_by_role("button", name=re.compile("Send my answer")).click()
    clause = clause_section(page, "Training before")
    clause.locator("summary").click()
    expect(clause.locator("svg")).to_be_visible()
    assert axe(page) == [], "guidance page with results open"

    page.goto(DEMO_URL + "results/")
    assert axe(page) == [], "results page as a participant"

    page.context.clear_cookies()
    sign_in(page, UserFactory(is_superuser=True))
    page.goto(DEMO_URL + "results/")
    expect(page.locator("svg.chart")).to_have_count(11)
    assert axe(page) == [], "results page as an editor, every chart shown"
