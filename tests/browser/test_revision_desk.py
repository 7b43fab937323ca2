"""The editors' revision desk (issue 15): feedback beside each clause in the page editor,
a response for the next version linked on publication with one email, and a theme
answered at once."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from consultation.accounts.models import Frequency, Participant
from consultation.accounts.roles import roles_set_up
from consultation.demo.content import MAIN_SLUG
from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import FeedbackResponse, Theme
from consultation.guidance.models import GuidancePage
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory, UserFactory


@pytest.fixture
def editor_page(page, demo, sign_in):
    roles_set_up()
    editor = UserFactory(username="desk-editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    sign_in(page, editor)
    return page


def test_editor_sees_clause_3_feedback_answers_for_the_next_version_and_publishes(
    editor_page, axe, save_html
):
    page = editor_page
    guidance = GuidancePage.objects.get(slug=MAIN_SLUG)
    third = guidance.clauses[2]
    author = ParticipantFactory(notify_responses=Frequency.IMMEDIATELY)
    comment = make_comment(guidance, author, clause=third, text="Say who supervises.")
    comments_on_third = GuidanceComment.objects.on_page(guidance).visible()
    count = comments_on_third.filter(clause_id=third.id).count()

    # Not saved for the HTML checker: Wagtail's own editor markup does not pass it.
    page.goto(f"/admin/pages/{guidance.pk}/edit/")
    box = page.locator("#clause-feedback-3")
    box.locator("summary").click()
    expect(box).to_contain_text(f"{count} comment")
    expect(box).to_contain_text("Votes now")
    expect(box.get_by_role("link", name=re.compile("Open this clause"))).to_be_visible()
    expect(page.get_by_role("button", name="Toggle comments")).to_have_count(0)

    response = page.goto(f"/admin/feedback/respond/{comment.pk}/")
    save_html(response, "admin-feedback-respond")
    assert axe(page) == []
    expect(page.get_by_text("In the draft now")).to_be_visible()
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_label("Public rationale").fill("Clause 3 now names who supervises.")
    page.get_by_label("Addressed in version").select_option("next")
    page.get_by_role("button", name="Save the response").click()
    expect(page.get_by_text("Response saved")).to_be_visible()
    mail.outbox.clear()

    page.goto(f"/admin/pages/{guidance.pk}/edit/")
    heading = page.get_by_label("Heading").nth(2)
    heading.fill(heading.input_value() + ", and who supervises")
    page.get_by_role("textbox", name="What changed in this version").fill(
        "Clause 3 names who supervises peer workers."
    )
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()

    guidance = GuidancePage.objects.get(pk=guidance.pk)
    saved = FeedbackResponse.objects.select_related("addressed_in").get(comment=comment)
    assert saved.addressed_in.number == guidance.current_version.number
    # Exactly one email for this author (the demo's own response waiting for the next
    # version tells its author too).
    to_author = [m for m in mail.outbox if m.to == [author.user.email]]
    assert len(to_author) == 1 and "Clause 3 now names who supervises." in to_author[0].body
    page.goto(f"/admin/feedback/{guidance.pk}/?clause={third.id}")
    expect(page.locator(f"#thread-{comment.pk}")).to_contain_text(
        f"(version {saved.addressed_in.number})"
    )


def test_editor_tags_ten_comments_with_a_theme_and_answers_the_theme_at_once(
    editor_page, axe, save_html
):
    page = editor_page
    guidance = GuidancePage.objects.get(slug=MAIN_SLUG)
    authors = [ParticipantFactory(notify_responses=Frequency.IMMEDIATELY) for _ in range(10)]
    for n, author in enumerate(authors):
        make_comment(guidance, author, text=f"Peer workers need paid training time ({n}).")

    page.goto(f"/admin/feedback/{guidance.pk}/?q=paid+training&status=awaiting")
    boxes = page.locator('input[name="id"]')
    expect(boxes).to_have_count(10)
    # By keyboard: a checkbox takes Space, the theme form submits on Enter.
    boxes.nth(0).focus()
    page.keyboard.press("Space")
    expect(boxes.nth(0)).to_be_checked()
    for index in range(1, 10):
        boxes.nth(index).check()
    page.get_by_role("button", name="Tag with a theme").click()
    expect(page.get_by_text("10 comments selected")).to_be_visible()
    page.get_by_label("Theme").fill("Paid training time")
    page.get_by_label("Theme").press("Enter")
    expect(page.get_by_text("Theme added to 10 comments")).to_be_visible()

    response = page.goto(f"/admin/feedback/{guidance.pk}/themes/")
    save_html(response, "admin-feedback-themes")
    assert axe(page) == []
    mail.outbox.clear()
    page.get_by_role(
        "link", name=re.compile("Answer the theme at once.*Paid training time")
    ).click()
    expect(page.get_by_text("10 comments selected")).to_be_visible()
    page.get_by_label("Partly accepted").check()
    page.get_by_label("Public rationale").fill("Clause 5 now asks for paid training time.")
    page.get_by_role("button", name="Save this response for each comment").click()
    expect(page.get_by_text("Response saved for 10 comments")).to_be_visible()

    theme = Theme.objects.get(page=guidance, name="Paid training time")
    assert FeedbackResponse.objects.filter(comment__themes=theme).count() == 10
    emails = Participant.objects.filter(pk__in=[a.pk for a in authors])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in emails)
