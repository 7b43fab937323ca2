import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from consultation.accounts.roles import roles_set_up
from consultation.demo.content import MAIN_SLUG
from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import FeedbackResponse
from consultation.guidance.models import GuidancePage
from tests.factories import UserFactory

FEEDBACK_URL = f"/guidance/{MAIN_SLUG}/feedback/"


@pytest.fixture
def editor_page(page, demo, sign_in):
    editor = UserFactory(username="browser-editor")
    roles_set_up()  # earlier live-server tests flushed what the migration created
    editor.groups.add(Group.objects.get(name="Editors"))
    sign_in(page, editor)
    return page


def test_editor_responds_to_a_comment_in_the_admin(editor_page):
    page = editor_page
    document = GuidancePage.objects.get(slug=MAIN_SLUG)
    waiting = (
        GuidanceComment.objects.on_page(document)
        .visible()
        .top_level()
        .filter(feedback_response__isnull=True)
        .order_by("pk")
        .first()
    )
    page.goto(f"/admin/feedback/{document.pk}/?status=awaiting")
    expect(page.get_by_role("heading", name="Clauses")).to_be_visible()
    page.goto(f"/admin/feedback/respond/{waiting.pk}/")
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_label("Public rationale").fill("We rewrote the clause with your words in mind.")
    page.get_by_role("button", name="Save the response").click()

    expect(page.get_by_text("Response saved")).to_be_visible()
    assert FeedbackResponse.objects.get(comment=waiting).outcome == "accepted"


def test_the_public_reads_you_said_we_did(page, demo, axe):
    page.goto(FEEDBACK_URL)

    expect(page.get_by_role("heading", level=1)).to_contain_text("You said, we did")
    expect(page.get_by_text("Responses by outcome")).to_be_visible()
    expect(page.get_by_text("Partly accepted").first).to_be_visible()
    assert axe(page) == []
