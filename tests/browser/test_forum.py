"""Forum sessions and facilitated input, in a real browser: the journeys issue 17 names,
and axe + keyboard on the new public page."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from consultation.accounts.roles import facilitators_set_up, roles_set_up
from consultation.demo.content import MAIN_SLUG
from consultation.discussion.models import GuidanceComment
from consultation.facilitation.models import FacilitatedTally
from consultation.forum.agenda import agenda_propose
from consultation.forum.models import ForumRegistration
from consultation.forum.pages import ForumSessionPage
from consultation.guidance.models import GuidancePage
from tests.browser.test_keyboard import button, tab_to
from tests.factories import ParticipantFactory, UserFactory


def when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def editor_page(page, demo, sign_in):
    editor = UserFactory(username="forum-editor")
    roles_set_up()
    editor.groups.add(Group.objects.get(name="Editors"))
    sign_in(page, editor)
    return page


def test_editor_creates_a_session_accepts_the_agenda_and_publishes_a_summary(editor_page):
    page = editor_page
    main = GuidancePage.objects.get(slug=MAIN_SLUG)
    proposed = [item.clause_id for item in agenda_propose(main)]
    assert proposed
    held = timezone.now() - timedelta(days=2)

    page.goto(f"/admin/pages/add/consultation/forumsessionpage/{main.pk}/")
    page.locator("#id_title").fill("Forum held last week")
    page.locator("#id_starts_at").fill(when(held))
    page.locator("#id_ends_at").fill(when(held + timedelta(hours=2)))
    page.locator("#id_registration_closes_at").fill(when(held - timedelta(days=1)))
    page.locator("#id_format").select_option("online")
    page.locator("#id_capacity").fill("20")
    page.locator('[data-contentpath="accessibility"] [contenteditable="true"]').fill(
        "Captions on, breaks every 45 minutes."
    )
    page.locator('[data-contentpath="accessibility"]').click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("published.")).to_be_visible()

    session = ForumSessionPage.objects.get(title="Forum held last week")
    assert [i.clause_id for i in session.agenda_items.all()] == proposed

    page.goto(f"/admin/pages/{session.pk}/edit/")
    page.locator("#id_agenda_items-0-outcome").select_option("redraft")
    page.locator('[data-contentpath="summary"] [contenteditable="true"]').first.fill(
        "We agreed to say who supervises peer workers."
    )
    page.locator("#id_title").click()  # Draftail saves its value on blur
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("published.")).to_be_visible()

    page.goto(main.url)
    day = timezone.localtime(held + timedelta(hours=2)).day
    expect(page.get_by_role("link", name=f"Discussed at the forum on {day} ").first).to_be_visible()
    page.goto(session.url)
    expect(page.get_by_text("We agreed to say who supervises peer workers.")).to_be_visible()


def test_participant_registers_with_the_keyboard_and_gets_a_calendar_file(
    page, demo, sign_in, axe, save_html
):
    main = GuidancePage.objects.get(slug=MAIN_SLUG)
    session = ForumSessionPage.objects.child_of(main).live().order_by("-starts_at").first()
    participant = ParticipantFactory(display_name="Calendar Cal")
    sign_in(page, participant.user)
    mail.outbox.clear()

    response = page.goto(session.url)
    save_html(response)
    assert axe(page) == []
    tab_to(page, button("Register for this session"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("You are registered for this session")).to_be_visible()
    assert ForumRegistration.objects.filter(session=session, participant=participant).exists()
    sent = [m for m in mail.outbox if m.to == [participant.user.email]]
    assert len(sent) == 1
    name, content, mimetype = sent[0].attachments[0]
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["summary"]) == session.title
    assert event.decoded("dtstart") == session.starts_at.replace(microsecond=0)
    assert axe(page) == []


def test_facilitator_enters_a_workshop_shown_marked_and_beside_the_results(
    page, demo, sign_in, axe
):
    facilitators_set_up()
    facilitator = UserFactory(username="browser-facilitator")
    facilitator.groups.add(Group.objects.get(name="Facilitators"))
    sign_in(page, facilitator)
    main = GuidancePage.objects.get(slug=MAIN_SLUG)
    main.results_visibility = "always"
    main.save()
    clause = [c for c in main.clauses if c.proposition][-1]

    page.goto(f"/admin/facilitation/{main.pk}/")
    page.get_by_label("Group or event").fill("Carers' group, Bristol focus group")
    page.get_by_label("Kind").select_option("focus_group")
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("Number of people").fill("9")
    page.get_by_label("The people present agreed").check()
    page.get_by_role("button", name="Add it and enter what it said").click()

    page.get_by_label(f"What the group said about clause {clause.number}").fill(
        "Carers want to know when a peer worker can involve them."
    )
    fieldset = page.locator(f"#clause-{clause.number}")
    for label, count in [("Strongly agree", "4"), ("Agree", "3"), ("Disagree", "2")]:
        fieldset.get_by_label(label, exact=True).fill(count)
    page.get_by_role("button", name="Enter everything").click()
    expect(page.get_by_text("Entered 1 comment(s) and 1 tally(ies)")).to_be_visible()
    assert FacilitatedTally.objects.get(source__name__startswith="Carers").total == 9

    page.goto(main.url + f"clauses/{clause.short_id}/discussion/")
    comment = page.locator("article.comment", has_text="Carers want to know")
    expect(comment.get_by_text("Carers' group, Bristol focus group (9 people)")).to_be_visible()
    expect(comment.get_by_text("Facilitated", exact=True)).to_be_visible()
    assert axe(page) == []

    page.goto(main.url + "results/")
    section = page.locator(f"#results-{clause.number}")
    expect(section.locator(".results__facilitated")).to_contain_text("9 people, 78% agree")
    votes_total = section.locator("tfoot td").first.inner_text()
    assert votes_total != "9" and GuidanceComment.objects.filter(source__isnull=False).exists()
