"""Issue 18 in a real browser: crisis contacts where they matter, the urgent moderation
queue, content notes folded and opened by keyboard, and results readable on a 375 px phone."""

import re

import pytest
from playwright.sync_api import expect

from consultation.demo.content import MAIN_SLUG
from consultation.discussion.models import GuidanceComment
from consultation.discussion.moderation import comment_flag
from tests.browser.test_keyboard import assert_focus_visible, focus_state, tab_to
from tests.factories import PASSWORD, ParticipantFactory, UserFactory

DEMO_URL = f"/guidance/{MAIN_SLUG}/"
CONTACT = "Samaritans"


@pytest.fixture
def participant(page, demo, sign_in):
    participant = ParticipantFactory(display_name="Safe Sol", perspectives="carer")
    sign_in(page, participant.user)
    return participant


def crisis(page):
    return page.get_by_role("complementary", name="Need help now?")


def test_crisis_contacts_appear_on_every_page_that_promises_them(page, participant, axe, save_html):
    save_html(page.goto(DEMO_URL + "discussion/"), "signed-in-document-discussion")
    expect(crisis(page)).to_contain_text(CONTACT)
    expect(page.get_by_role("link", name="house rules", exact=True)).to_be_visible()
    assert axe(page) == [], "discussion with the crisis contacts"

    comment = GuidanceComment.objects.filter(page__slug=MAIN_SLUG, level=0).exclude(
        participant=participant
    )[0]
    save_html(page.goto(DEMO_URL + f"comments/{comment.pk}/reply/"), "signed-in-reply")
    expect(crisis(page)).to_contain_text(CONTACT)

    save_html(page.goto(DEMO_URL + f"comments/{comment.pk}/flag/"), "signed-in-flag")
    expect(crisis(page)).to_contain_text(CONTACT)
    page.get_by_label("I'm worried someone may be at risk").check()
    with page.expect_navigation() as flagged:
        page.get_by_role("button", name="Send to a moderator").click()
    save_html(flagged.value, "signed-in-flagged")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for telling us")
    expect(crisis(page)).to_contain_text(CONTACT)
    assert axe(page) == [], "flag confirmation"

    page.get_by_role("contentinfo").get_by_role("link", name="Need help now?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Need help now?")
    expect(crisis(page)).to_contain_text(CONTACT)
    assert axe(page) == [], "support page"


def test_crisis_contacts_follow_sign_up(page, demo, axe):
    page.goto("/accounts/signup/")
    page.get_by_label("Email address").fill("new.reader@example.org")
    page.get_by_label("Display name", exact=True).fill("New Reader")
    page.get_by_label("Family member or carer").check()
    page.get_by_label("Peer support worker or peer leader").check()
    page.get_by_label("Password", exact=True).fill("lantern meadow copper 42")
    page.get_by_label("Password again").fill("lantern meadow copper 42")
    page.get_by_label(re.compile("^I understand that what I write")).check()
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(crisis(page)).to_contain_text(CONTACT)
    assert axe(page) == [], "after sign-up"
    from consultation.accounts.models import Participant

    assert Participant.objects.get(display_name="New Reader").perspectives == ("peer_worker,carer")


def test_urgent_queue_puts_someone_at_risk_first_and_records_the_action(page, demo, axe):
    comment = GuidanceComment.objects.filter(page__slug=MAIN_SLUG, level=0).first()
    comment_flag(participant=ParticipantFactory(), comment=comment, reason="at_risk")
    moderator = UserFactory(email="mod@example.org", is_superuser=False)
    from django.contrib.auth.models import Group

    moderator.groups.add(Group.objects.get(name="Moderators"))
    page.goto("/admin/login/")
    page.get_by_label("Email").or_(page.get_by_label("Username")).first.fill(moderator.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in|Log in")).click()

    page.goto("/admin/comment-review/")
    expect(page.get_by_text("1 urgent flag waiting.")).to_be_visible()
    first_row = page.locator("table.listing tbody tr").first
    expect(first_row).to_contain_text("Yes: someone may be at risk")
    assert axe(page) == [], "urgent queue"

    first_row.get_by_role("link").click()
    expect(page.get_by_text("Urgent: a participant is worried")).to_be_visible()
    expect(page.get_by_role("heading", name="Safeguarding guidance")).to_be_visible()
    assert axe(page) == [], "urgent review page"
    page.get_by_label("Signposted to support").check()
    page.get_by_role("button", name="Record in the log").click()
    expect(page.get_by_text("Recorded in the log.")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Signposted to support")).to_be_visible()


def test_content_note_is_folded_and_opens_with_the_keyboard(page, demo, axe):
    page.goto(DEMO_URL)
    note = page.locator("details.content-note").first
    expect(note).not_to_have_attribute("open", "")
    expect(note.locator(".content-note__clause")).to_be_hidden()
    expect(note.locator("summary")).to_contain_text("Content note:")
    assert axe(page) == [], "content note folded"

    tab_to(page, lambda s: s["tag"] == "summary")
    assert_focus_visible(focus_state(page))
    page.keyboard.press("Enter")

    expect(note).to_have_attribute("open", "")
    expect(note.locator(".content-note__clause")).to_be_visible()
    assert axe(page) == [], "content note open"


PHONES = {
    "375px": {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2},
    "320px": {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2},
}

# Words (and numbers with their %) drawn on more than one line inside a results table.
BROKEN_WORDS = """() => {
    const broken = [];
    for (const cell of document.querySelectorAll(".table-scroll th, .table-scroll td")) {
        if (!cell.offsetParent) continue;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent;
            for (const match of text.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (tops.size > 1) broken.push(match[0]);
            }
        }
    }
    return broken;
}"""

# The smallest chart label as drawn, in CSS pixels, and the body text size.
CHART_TEXT = """() => {
    const sizes = [...document.querySelectorAll(".chart text")]
        .filter(t => t.getBoundingClientRect().width > 0)
        .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
    return {smallest: Math.min(...sizes), count: sizes.length,
            body: parseFloat(getComputedStyle(document.body).fontSize)};
}"""


@pytest.mark.parametrize("phone", list(PHONES))
def test_results_read_well_on_a_phone(browser, live_server, demo, sign_in, save_html, phone):
    context = browser.new_context(base_url=live_server.url, **PHONES[phone])
    page = context.new_page()
    # An editor sees the results while the round is open, whatever the document's setting.
    sign_in(page, UserFactory(is_superuser=True, is_staff=True))
    try:
        response = page.goto(DEMO_URL + "results/")
        save_html(response, f"phone-{phone}-results-as-editor")
        summaries = page.locator("details.results__details > summary")
        for summary in summaries.all():
            summary.click()

        assert page.locator(".table-scroll td").count() > 0
        assert page.evaluate(BROKEN_WORDS) == []
        text = page.evaluate(CHART_TEXT)
        assert text["count"] > 0
        assert text["smallest"] >= text["body"] - 0.5, text
        width = PHONES[phone]["viewport"]["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
