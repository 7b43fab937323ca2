import re

from playwright.sync_api import expect

DEMO_URL = "/guidance/employing-peer-support-workers/"


def test_visitor_goes_from_home_to_a_clause_by_its_link(page, demo):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Coproduce")

    page.get_by_role("link", name=re.compile("National guidance on employing peer")).click()
    expect(page).to_have_url(re.compile(DEMO_URL + "$"))
    expect(page.get_by_text("Open for feedback")).to_be_visible()

    toc = page.get_by_role("navigation", name="Contents")
    toc.get_by_role("link", name=re.compile(r"^9\. ")).click()

    expect(page).to_have_url(re.compile(r"#clause-[0-9a-f]{8}$"))
    fragment = page.url.rsplit("#", 1)[1]
    target = page.locator(f"#{fragment}")
    expect(target).to_be_in_viewport()
    expect(target.get_by_role("heading", level=2)).to_contain_text("Restraint, medication")


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, demo):
    page.goto(DEMO_URL)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))


def test_pages_have_no_wcag_violations(page, demo, axe):
    for url in ["/", "/guidance/", DEMO_URL, "/no-such-page/"]:
        page.goto(url)
        assert axe(page) == [], url


def test_guidance_page_fits_a_320_pixel_screen(page, demo):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(DEMO_URL)

    scroll_width = page.evaluate("document.documentElement.scrollWidth")

    assert scroll_width <= 320
