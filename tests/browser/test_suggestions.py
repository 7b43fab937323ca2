"""Suggested wording in a real browser: from a participant's suggestion to a published
version that credits them, plus axe and keyboard-only checks on the new forms and lists."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from consultation.accounts.roles import roles_set_up
from consultation.demo.content import MAIN_SLUG
from consultation.guidance.models import GuidancePage
from consultation.suggestions.models import Suggestion, SuggestionSupport
from consultation.suggestions.services import suggestion_make
from consultation.suggestions.text import blocks_parse
from tests.browser.test_keyboard import button, field, link, tab_to
from tests.factories import ParticipantFactory, UserFactory

DEMO_URL = f"/guidance/{MAIN_SLUG}/"
NEW_WORDING = (
    "Peer workers should have regular supervision that understands and protects the peer "
    "approach, from someone who has done the job."
)


def supervision_clause():
    guidance = GuidancePage.objects.get(slug=MAIN_SLUG)
    clause = next(c for c in guidance.clauses if c.heading.startswith("Supervision"))
    return guidance, clause


def test_a_suggestion_from_preview_to_a_credited_published_version(
    page, demo, sign_in, axe, save_html
):
    guidance, clause = supervision_clause()
    discussion = f"{DEMO_URL}clauses/{clause.short_id}/discussion/"
    author = ParticipantFactory(display_name="Tamsin", perspectives="peer_worker")
    sign_in(page, author.user)

    page.goto(discussion)
    page.get_by_role("link", name=f"Suggest a change to clause {clause.number}").click()
    wording = page.get_by_label("Your wording for the clause")
    expect(wording).to_have_value(re.compile("supervision"))
    assert axe(page) == []
    wording.fill(NEW_WORDING)
    page.get_by_label("Why do you suggest this change?").fill("Supervisors need the experience.")
    page.get_by_role("button", name="Preview your suggestion").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your suggestion")
    expect(page.locator(".suggest__preview ins").first).to_be_visible()
    expect(page.locator(".suggest__preview del").first).to_be_visible()
    assert axe(page) == []
    assert not Suggestion.objects.filter(participant=author).exists()
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_text("Your suggested wording is published")).to_be_visible()
    suggestion = Suggestion.objects.get(participant=author)
    save_html(page.goto(discussion), name="suggestions-discussion")
    assert axe(page) == []

    supporter = ParticipantFactory(display_name="Ola", perspectives="carer")
    sign_in(page, supporter.user)
    page.goto(discussion)
    item = page.locator(f"#suggestion-{suggestion.pk}")
    item.get_by_role("button", name=re.compile("^Support this suggestion")).click()
    expect(page.locator(f"#suggestion-{suggestion.pk}")).to_contain_text("1 supporter")
    assert SuggestionSupport.objects.filter(suggestion=suggestion).count() == 1

    roles_set_up()
    editor = UserFactory(username="browser-suggestion-editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    sign_in(page, editor)
    mail.outbox.clear()
    page.goto(f"/admin/suggestions/{guidance.pk}/")
    page.get_by_role("link", name=re.compile("from someone who has done the job")).click()
    page.get_by_label("Rationale").first.fill("Clearer, and it names who supervises.")
    page.get_by_role("button", name="Accept into the draft").click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{guidance.pk}/edit/"))

    # The editor changes one word of the accepted wording, then publishes.
    editor_box = page.locator(".Draftail-Editor").filter(has_text="has done the job")
    editor_box.get_by_text(re.compile("has done the job")).click()
    # The accepted wording is one paragraph: the end of the editor is the end of "job.".
    page.keyboard.press("Control+End")
    for _ in range(len("job.")):
        page.keyboard.press("Backspace")
    page.keyboard.type("work.")
    # Draftail writes the editor's state to its hidden input after a short pause (its
    # save interval): publishing before then sends the wording without the edit, which
    # happened on a loaded machine. Wait for the input, not for a time.
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[type=hidden]')]"
        ".some((input) => input.value.includes('has done the work.'))"
    )
    page.get_by_role("textbox", name="What changed in this version").fill(
        "Supervision now names who gives it, in a participant's words."
    )
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()

    guidance = GuidancePage.objects.get(pk=guidance.pk)
    version = guidance.current_version
    suggestion.refresh_from_db()
    assert suggestion.addressed_in == version
    assert "has done the work." in next(c.body for c in guidance.clauses if c.id == clause.id)
    page.goto(f"{DEMO_URL}compare/{version.number - 1}/{version.number}/")
    expect(page.locator("ins", has_text="work").first).to_be_visible()
    page.goto(f"{DEMO_URL}versions/")
    expect(page.get_by_text("wording suggested by Tamsin")).to_be_visible()
    told = [m for m in mail.outbox if m.to == [author.user.email] and "wording" in m.subject]
    assert len(told) == 1
    page.goto(f"{DEMO_URL}feedback/")
    said = page.locator(".feedback-suggestions li").filter(has_text="from someone who has")
    expect(said).to_contain_text("Accepted")
    assert axe(page) == []


@pytest.fixture
def keyboard_participant(page, demo, sign_in):
    participant = ParticipantFactory(display_name="Keys Kim", perspectives="carer")
    sign_in(page, participant.user)
    return participant


def test_suggesting_and_supporting_with_the_keyboard_alone(
    page, keyboard_participant, axe, save_html
):
    guidance, clause = supervision_clause()
    save_html(page.goto(f"{DEMO_URL}clauses/{clause.short_id}/suggest/"), name="suggest-form")
    page.goto(f"{DEMO_URL}clauses/{clause.short_id}/discussion/")
    tab_to(page, link(rf"^Suggest a change to clause {clause.number}"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Suggest a change")
    tab_to(page, field("Your wording for the clause"))
    page.keyboard.press("Control+End")
    page.keyboard.type(" Supervisors are paid for this time.")
    tab_to(page, field("Why do you suggest this change"))
    page.keyboard.type("Supervision is work.")
    tab_to(page, button("^Preview your suggestion"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your suggestion")
    tab_to(page, button("^Send suggestion"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your suggested wording is published")).to_be_visible()
    assert Suggestion.objects.filter(participant=keyboard_participant).exists()

    other = ParticipantFactory(display_name="Someone Else")
    suggestion_make(
        participant=other,
        page=guidance,
        clause_id=clause.id,
        blocks=blocks_parse("Supervision every fortnight, from a peer."),
        proposition="",
        reason="Regular and peer-led.",
    )
    page.goto(f"{DEMO_URL}clauses/{clause.short_id}/discussion/")
    tab_to(page, button("^Support this suggestion"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("You support this suggestion")).to_be_visible()
    assert SuggestionSupport.objects.filter(participant=keyboard_participant).count() == 1

    # The flag and withdraw forms pass axe too.
    mine = Suggestion.objects.get(participant=keyboard_participant)
    theirs = Suggestion.objects.get(participant=other)
    save_html(page.goto(f"{DEMO_URL}suggestions/{theirs.pk}/flag/"), name="suggestion-flag")
    assert axe(page) == []
    save_html(page.goto(f"{DEMO_URL}suggestions/{mine.pk}/withdraw/"), name="suggestion-withdraw")
    assert axe(page) == []
    tab_to(page, button("^Withdraw my suggestion"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your suggestion is withdrawn")).to_be_visible()
