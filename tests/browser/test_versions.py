import re
import xml.etree.ElementTree as ET

from playwright.sync_api import expect

DEMO_URL = "/guidance/employing-peer-support-workers/"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_reader_opens_the_history_and_reads_version_one(page, demo):
    page.goto(DEMO_URL)
    page.get_by_role("link", name="See all versions and what changed").click()

    expect(page).to_have_url(re.compile(DEMO_URL + "versions/$"))
    expect(page.get_by_role("heading", level=2, name="Version 3 (current)")).to_be_visible()
    page.get_by_role("link", name="Read this version (version 1)").click()

    expect(page).to_have_url(re.compile(DEMO_URL + "versions/1/$"))
    expect(
        page.get_by_text(re.compile(r"You are reading version 1 of 3, published"))
    ).to_be_visible()
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")
    expect(
        page.get_by_role("heading", name="Professionals who also have lived experience")
    ).to_be_visible()
    page.get_by_role("link", name="Read the current version").click()
    expect(page).to_have_url(re.compile(DEMO_URL + "$"))


def test_reader_compares_versions_one_and_three_with_the_picker(page, demo):
    page.goto(DEMO_URL + "versions/")
    page.get_by_label("From version").select_option("1")
    page.get_by_label("To version").select_option("3")
    page.get_by_role("button", name="Compare").click()

    expect(page).to_have_url(re.compile(DEMO_URL + "compare/1/3/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What changed from version 1 to version 3"
    )
    expect(page.get_by_text("1 added, 1 removed, 1 moved")).to_be_visible()
    removed = page.locator(".diff-clause--removed")
    expect(removed).to_contain_text("Professionals who also have lived experience")
    moved = page.locator(".diff-clause--moved")
    expect(moved).to_contain_text("moved from clause 10 to clause 2")
    expect(page.locator(".diff-clause--changed ins").first).to_be_visible()

    unchanged = page.locator("details.diff-unchanged").first
    expect(unchanged.get_by_role("list")).to_be_hidden()
    unchanged.locator("summary").click()
    expect(unchanged.get_by_role("list")).to_be_visible()


def test_reader_follows_changed_in_version_3_from_a_clause(page, demo):
    page.goto(DEMO_URL)
    clause = page.locator("section.clause", has_text="Peer support in specialist settings")

    clause.get_by_role("link", name=re.compile(r"^Changed in version 3")).click()

    expect(page).to_have_url(re.compile(DEMO_URL + r"compare/2/3/#clause-[0-9a-f]{8}$"))
    target = page.locator("#" + page.url.rsplit("#", 1)[1])
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("Peer support in specialist settings")
    expect(target.locator("ins").first).to_be_visible()


def test_reader_follows_the_feed_link_to_valid_atom(page, demo):
    page.goto(DEMO_URL + "versions/")
    advertised = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    expect(advertised).to_have_count(2)

    href = page.get_by_role("link", name=re.compile("Atom feed")).get_attribute("href")
    response = page.request.get(href)

    assert response.ok
    feed = ET.fromstring(response.body())
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert [t.rsplit(" ", 1)[1] for t in titles] == ["3", "2", "1"]
    site_feed = page.request.get("/feeds/versions/")
    assert ET.fromstring(site_feed.body()).findall(f"{ATOM}entry")


def test_history_pages_have_no_wcag_violations(page, demo, axe):
    for path in [
        "versions/",
        "versions/1/",
        "versions/3/",
        "compare/1/3/",
        "compare/2/2/",
        "compare/?from=1&to=nine",
    ]:
        page.goto(DEMO_URL + path)
        assert axe(page) == [], path
    page.goto(DEMO_URL + "compare/1/3/")
    for details in page.locator("details.diff-unchanged summary").all():
        details.click()
    assert axe(page) == [], "compare with unchanged clauses expanded"
