"""Keyboard-only journeys: comment, reply, vote and flag with Tab, Shift+Tab, Enter and Space.

No clicks: every control is reached by pressing Tab (or Shift+Tab), and text is typed into
whichever field the keyboard focused. At every stop the focused element must show a visible
focus indicator and must not sit under a fixed or sticky element (WCAG 2.4.7 and 2.4.11).
test_comments.py and test_votes.py cover the same forms with .focus() shortcuts; these
journeys walk the tab order itself.
"""

import re

import pytest
from playwright.sync_api import expect

from consultation.demo.content import MAIN_SLUG
from consultation.discussion.models import CommentFlag, FlagReason, GuidanceComment
from consultation.voting.models import Choice, Vote
from tests.factories import ParticipantFactory

DEMO_URL = f"/guidance/{MAIN_SLUG}/"
MAX_TABS = 150

# What the focused element looks like: a description for messages, whether a focus
# indicator is drawn, and whether whatever is painted at the centre of its visible part is
# itself (or its label), rather than a fixed or sticky element laid over it.
FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadowed = style.boxShadow !== "none";
    // WCAG 2.4.11 asks that focus is not entirely hidden: a tall box the browser scrolled
    // only partly into view is judged by the centre of the part that shows.
    const box = el.getBoundingClientRect();
    const left = Math.max(box.left, 0), right = Math.min(box.right, window.innerWidth);
    const upper = Math.max(box.top, 0), lower = Math.min(box.bottom, window.innerHeight);
    const x = (left + right) / 2, y = (upper + lower) / 2;
    const top = right > left && lower > upper ? document.elementFromPoint(x, y) : null;
    let coveredBy = null;
    if (top === null) {
        coveredBy = "nothing: it is outside the viewport";
    } else if (!(el === top || el.contains(top) || top.contains(el)
                 || (top.closest("label") && top.closest("label").control === el))) {
        for (let node = top; node && node !== document.documentElement; node = node.parentElement) {
            const position = getComputedStyle(node).position;
            if (position === "fixed" || position === "sticky") {
                coveredBy = node.tagName.toLowerCase() + "." + node.className;
                break;
            }
        }
    }
    const name = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim();
    return {
        description: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
            + " " + name.slice(0, 50),
        tag: el.tagName.toLowerCase(),
        id: el.id,
        type: el.type || "",
        label: el.labels && el.labels.length ? el.labels[0].textContent.trim() : "",
        text: name,
        visibleFocus: outlined || shadowed,
        coveredBy: coveredBy,
    };
}"""


def focus_state(page):
    state = page.evaluate(FOCUS_STATE)
    assert state is not None, "nothing has keyboard focus"
    return state


def assert_focus_visible(state):
    assert state["visibleFocus"], f"no visible focus indicator on {state['description']}"
    assert state["coveredBy"] is None, f"{state['description']} is hidden by {state['coveredBy']}"


def tab_to(page, matches, *, key="Tab"):
    """Press Tab (or Shift+Tab) until the focused element matches, checking every stop."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        state = focus_state(page)
        assert_focus_visible(state)
        seen.append(state["description"])
        if matches(state):
            return state
    raise AssertionError(f"{key} never reached the control; stops: {seen[-10:]}")


def link(text):
    return lambda s: s["tag"] == "a" and re.search(text, s["text"]) is not None


def button(text):
    return lambda s: s["tag"] == "button" and re.search(text, s["text"]) is not None


def field(label):
    return lambda s: re.search(label, s["label"]) is not None


@pytest.fixture
def participant(page, demo, sign_in):
    participant = ParticipantFactory(display_name="Keyboard Kit", perspectives="carer")
    sign_in(page, participant.user)
    return participant


def open_discussion_by_keyboard(page, number):
    page.goto(DEMO_URL)
    tab_to(page, link(rf"^Discussion of clause {number}\b"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"clause {number}")


def test_skip_link_is_the_first_stop_and_is_visible(page, demo):
    page.goto(DEMO_URL)

    state = tab_to(page, lambda s: True)

    assert state["text"].startswith("Skip to")
    page.keyboard.press("Enter")
    state = tab_to(page, lambda s: True)
    assert "Skip to" not in state["text"]


def test_participant_comments_on_a_clause_with_the_keyboard_alone(page, participant):
    open_discussion_by_keyboard(page, 2)

    tab_to(page, field("Your comment"))
    page.keyboard.type("Peer workers need supervision from someone who has done the job.")
    tab_to(page, button("^Post comment"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    expect(page.get_by_role("status").filter(has_text="Your comment is posted.")).to_be_visible()
    comment = GuidanceComment.objects.get(user=participant.user)
    assert comment.comment.startswith("Peer workers need supervision")


def test_participant_replies_going_back_with_shift_tab(page, participant):
    open_discussion_by_keyboard(page, 1)

    tab_to(page, link("^Reply to Dr Okafor"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reply to Dr Okafor")
    tab_to(page, field("Your reply"))
    page.keyboard.type("Yes, and ask before recording anything.")
    tab_to(page, button("^Post reply"))
    # Back to the box to add a sentence, then forward again.
    tab_to(page, field("Your reply"), key="Shift+Tab")
    page.keyboard.press("End")
    page.keyboard.type(" Thank you.")
    tab_to(page, button("^Post reply"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"discussion/#comment-\d+$"))
    reply = page.locator(f"#{page.url.rsplit('#', 1)[1]}")
    expect(reply).to_contain_text("Yes, and ask before recording anything. Thank you.")
    assert GuidanceComment.objects.get(user=participant.user).parent_id is not None


def test_participant_votes_and_changes_the_vote_with_the_keyboard_alone(page, participant):
    page.goto(DEMO_URL)

    first_radio = tab_to(page, lambda s: s["type"] == "radio")
    prefix = first_radio["id"].rsplit("-choice-", 1)[0]
    assert first_radio["id"] == f"{prefix}-choice-1"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    tab_to(page, button("Send my answer"))
    page.keyboard.press("Enter")

    expect(
        page.get_by_role("status").filter(has_text="Your answer is saved: Agree")
    ).to_be_visible()
    assert Vote.objects.get(participant=participant).choice == Choice.AGREE

    # After the redirect the clause is the target; its chosen radio is the next radio stop.
    tab_to(page, lambda s: s["type"] == "radio" and s["id"].startswith(prefix))
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    tab_to(page, button("Change my answer"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("status").filter(has_text="saved: Strongly agree")).to_be_visible()
    assert Vote.objects.get(participant=participant).choice == Choice.STRONGLY_AGREE


def test_participant_flags_a_comment_with_the_keyboard_alone(page, participant):
    open_discussion_by_keyboard(page, 1)

    tab_to(page, link("^Flag the comment by River"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Flag a comment for a moderator")
    tab_to(page, lambda s: s["type"] == "radio")
    # Arrow keys move through a radio group; Space selects the focused one.
    for _ in range(6):
        if re.search("spam", focus_state(page)["label"]):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, button("^Send to a moderator"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("A moderator will look at this comment.")).to_be_visible()
    assert CommentFlag.objects.get(participant=participant).reason == FlagReason.SPAM


def test_flag_form_error_summary_link_moves_focus_to_the_field(page, participant):
    open_discussion_by_keyboard(page, 1)
    tab_to(page, link("^Flag the comment by River"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Flag a comment for a moderator")
    tab_to(page, button("^Send to a moderator"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("alert")).to_contain_text("Choose what is wrong")
    summary = focus_state(page)
    assert_focus_visible(summary)
    assert "There is a problem" in summary["text"]
    tab_to(page, link("Choose what is wrong"))
    page.keyboard.press("Enter")

    state = focus_state(page)
    assert state["type"] == "radio", state["description"]
    assert_focus_visible(state)
