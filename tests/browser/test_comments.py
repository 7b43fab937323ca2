import re

import pytest
from playwright.sync_api import expect

from consultation.demo.content import MAIN_SLUG
from tests.factories import ParticipantFactory

DEMO_URL = f"/guidance/{MAIN_SLUG}/"


@pytest.fixture
def participant_page(page, demo, sign_in):
    """The browser signed in as a new, verified participant (a test-client session)."""
    sign_in(page, ParticipantFactory(display_name="Browser Bea", perspectives="carer").user)
    return page


def open_clause_discussion(page, number):
    page.goto(DEMO_URL)
    page.get_by_role("link", name=re.compile(rf"^Discussion of clause {number}\b")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"clause {number}")


def test_participant_comments_replies_withdraws_and_flags(participant_page):
    page = participant_page
    open_clause_discussion(page, 4)

    page.get_by_label("Your comment").fill(
        "Training should include time with peer workers already in post."
    )
    expect(page.get_by_text(re.compile(r"You have 4,9\d\d characters left"))).to_be_visible()
    page.get_by_role("button", name="Post comment").click()

    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    mine = page.locator(f"#{page.url.rsplit('#', 1)[1]}")
    expect(mine).to_contain_text("Training should include time")
    expect(mine).to_contain_text("Browser Bea")
    expect(mine).to_contain_text("on clause 4, version 3")
    expect(page.get_by_text("Your comment is posted.")).to_be_visible()

    open_clause_discussion(page, 1)
    page.get_by_role("link", name="Reply to Dr Okafor").click()
    page.get_by_label("Your reply").fill("Recording choices could be a whole clause of its own.")
    page.get_by_role("button", name="Post reply").click()
    reply = page.locator(f"#{page.url.rsplit('#', 1)[1]}")
    expect(reply).to_contain_text("Recording choices")

    reply.get_by_role("link", name="Withdraw your comment").click()
    page.get_by_role("button", name="Withdraw my comment").click()
    expect(page.locator(f"#{page.url.rsplit('#', 1)[1]}")).to_contain_text(
        "Withdrawn by its author"
    )

    page.get_by_role("link", name="Flag the comment by River for a moderator").first.click()
    page.get_by_label("It is spam or advertising").check()
    page.get_by_role("button", name="Send to a moderator").click()
    expect(page.get_by_text("A moderator will look at this comment.")).to_be_visible()


def test_comment_and_reply_with_the_keyboard_only(participant_page):
    page = participant_page
    page.goto(DEMO_URL)
    link = page.get_by_role("link", name=re.compile(r"^Discussion of clause 6\b"))
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("clause 6")

    page.get_by_label("Your comment").focus()
    page.keyboard.type("Shared culture can matter as much as shared diagnosis.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Post comment")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))

    reply_link = page.get_by_role("link", name="Reply to Harbour").first
    reply_link.focus()
    page.keyboard.press("Enter")
    page.get_by_label("Your reply").focus()
    page.keyboard.type("Thank you for saying this.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Post reply")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"discussion/#comment-\d+$"))
    expect(page.locator(f"#{page.url.rsplit('#', 1)[1]}")).to_contain_text(
        "Thank you for saying this."
    )


def test_discussion_expanded_has_no_wcag_violations(participant_page, axe):
    page = participant_page
    open_clause_discussion(page, 1)
    page.get_by_text(re.compile("Read clause 1 as it stands now")).click()

    assert axe(page) == []


def test_comment_form_with_errors_has_no_wcag_violations(participant_page, axe):
    page = participant_page
    open_clause_discussion(page, 3)
    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("alert")).to_contain_text("Write your comment before posting it.")
    assert axe(page) == []


def test_flag_form_with_errors_and_signed_out_discussion_have_no_wcag_violations(
    participant_page, axe
):
    page = participant_page
    open_clause_discussion(page, 1)
    page.get_by_role("link", name="Flag the comment by River for a moderator").first.click()
    page.get_by_role("button", name="Send to a moderator").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose what is wrong")
    assert axe(page) == []

    page.context.clear_cookies()
    open_clause_discussion(page, 3)
    assert axe(page) == []


def test_moderator_reviews_the_flagged_demo_comment_and_removes_it(page, demo, sign_in):
    from consultation.discussion.models import CommentStatus, GuidanceComment
    from tests.factories import UserFactory

    sign_in(page, UserFactory(is_superuser=True, is_staff=True))

    page.goto("/admin/comment-review/")
    page.get_by_role("link", name=re.compile("On our ward the manager")).click()
    expect(page.get_by_text("It could identify a ward manager.")).to_be_visible()
    page.get_by_label("Keep people's details private").check()
    page.get_by_label("Anything to add for the author (optional)").fill(
        "It could identify a member of staff. Please make the point without naming the ward."
    )
    page.get_by_role("button", name="Remove, and tell the author which rule").click()

    expect(page.get_by_text("Comment removed.")).to_be_visible()
    removed = GuidanceComment.objects.get(status=CommentStatus.REMOVED)
    page.goto(f"{DEMO_URL}clauses/{removed.clause_id.replace('-', '')[:8]}/discussion/")
    expect(page.locator(f"#comment-{removed.pk}")).to_contain_text("Removed by a moderator")
