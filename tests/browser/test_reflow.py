"""Reflow (WCAG 1.4.10): no horizontal scrolling at 320 CSS pixels wide or at 200% zoom.

A 640 by 800 viewport at device scale factor 2 is how a 1280 pixel wide window at 200% zoom
is usually emulated. Data tables may scroll inside their own labelled region (WCAG allows
it for content that needs two dimensions); the page itself may not.
"""

import re

import pytest
from playwright.sync_api import expect

from consultation.demo.content import MAIN_SLUG
from tests.factories import ParticipantFactory

DEMO_URL = f"/guidance/{MAIN_SLUG}/"
SCREENS = {
    "320 CSS pixels wide": {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 1},
    "200% zoom": {"viewport": {"width": 640, "height": 800}, "device_scale_factor": 2},
}

# The page's overflow, and the elements sticking out of the viewport, for the failure message.
OVERFLOW = """() => {
    const width = window.innerWidth;
    const wide = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.right > width + 1 && box.width > 0 && !el.closest(".table-scroll")) {
            wide.push(el.tagName.toLowerCase() + "." + el.className + " " + Math.round(box.right));
        }
    }
    return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: width,
        wide: wide.slice(0, 5),
    };
}"""


@pytest.fixture(params=list(SCREENS), ids=["320px", "zoom200"])
def narrow_page(request, browser, live_server, demo, settings):
    context = browser.new_context(base_url=live_server.url, **SCREENS[request.param])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.screen_name = request.param
    yield page
    context.close()


def assert_no_horizontal_scrolling(page, what):
    # After a click that navigates, the new document may not have a body yet.
    page.wait_for_load_state("domcontentloaded")
    overflow = page.evaluate(OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], (
        f"{what} at {page.screen_name} scrolls sideways: {overflow}"
    )


def test_public_pages_reflow_without_horizontal_scrolling(narrow_page):
    page = narrow_page
    page.goto(DEMO_URL)
    discussion = page.get_by_role("link", name=re.compile(r"^Discussion of clause 1\b"))
    discussion_url = discussion.get_attribute("href")

    for path in [
        DEMO_URL,
        discussion_url,
        DEMO_URL + "compare/1/3/",
        DEMO_URL + "feedback/",
        "/accounts/signup/",
    ]:
        page.goto(path)
        assert_no_horizontal_scrolling(page, path)

    page.goto(discussion_url)
    page.locator("details summary").first.click()
    assert_no_horizontal_scrolling(page, "discussion with the clause expanded")

    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_horizontal_scrolling(page, "sign-up form with errors")


def test_participant_forms_reflow_without_horizontal_scrolling(narrow_page, sign_in):
    page = narrow_page
    sign_in(page, ParticipantFactory(display_name="Narrow Nia", perspectives="carer").user)
    page.goto(DEMO_URL)
    assert_no_horizontal_scrolling(page, "guidance page with vote forms")

    page.get_by_role("button", name=re.compile("Send my answer")).first.click()
    expect(page.get_by_role("alert").first).to_contain_text("Choose an answer")
    assert_no_horizontal_scrolling(page, "vote form with an error")

    clause = page.locator("section.clause").filter(has=page.locator(".vote__form")).first
    clause.locator("input[type=radio]").first.check()
    clause.get_by_role("button", name=re.compile("Send my answer")).click()
    expect(page.get_by_role("status").filter(has_text="Your answer is saved")).to_be_visible()
    assert_no_horizontal_scrolling(page, "guidance page with results")

    page.goto(DEMO_URL + "results/")
    assert_no_horizontal_scrolling(page, "results page")
    assert_tables_scroll_in_labelled_regions(page)

    page.goto(DEMO_URL)
    page.get_by_role("link", name=re.compile(r"^Discussion of clause 1\b")).click()
    page.wait_for_url(re.compile(r"/discussion/$"))
    assert_no_horizontal_scrolling(page, "discussion with the comment form")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_no_horizontal_scrolling(page, "comment form with an error")

    page.get_by_label("Your comment").fill(
        "See https://example.org/a-very-long-address/without-any-spaces/that-would-push-the-page"
        "-wider/than-a-phone-screen/peer-support-worker-supervision-arrangements.html and "
        "Supercalifragilisticexpialidociouslylongwordwithoutanybreaks."
    )
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status").filter(has_text="Your comment is posted.")).to_be_visible()
    assert_no_horizontal_scrolling(page, "discussion with a long address in a comment")


def assert_tables_scroll_in_labelled_regions(page):
    tables = page.locator("main table")
    assert tables.count() > 0
    for table in tables.all():
        region = table.locator("xpath=..")
        assert region.get_attribute("class") == "table-scroll"
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("role") == "region"
        label = region.get_attribute("aria-labelledby")
        assert label and page.locator(f"#{label}").inner_text().strip()
