"""Feeds parsed as Atom with the standard library's XML parser."""

import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

from tests.consultation.versions.helpers import three_versions
from tests.factories import GuidancePageFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    return feed


def entries(feed):
    return feed.findall(f"{ATOM}entry")


def links(entry):
    return {link.get("rel", "alternate"): link.get("href") for link in entry.findall(f"{ATOM}link")}


def test_document_feed_has_one_entry_per_version_newest_first(client, guidance):
    three_versions(guidance)

    feed = parse(client.get(f"{guidance.url}feed/"))

    titles = [e.findtext(f"{ATOM}title") for e in entries(feed)]
    assert titles == [f"{guidance.title}: version {n}" for n in (3, 2, 1)]
    newest = entries(feed)[0]
    for required in ("id", "title", "updated", "published", "content"):
        assert newest.find(f"{ATOM}{required}") is not None, required
    assert newest.findtext(f"{ATOM}content") == "Removed clause 2 and added a clause."
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Coproduce"


def test_feed_entries_link_to_the_version_and_its_comparison(client, guidance):
    three_versions(guidance)

    feed = parse(client.get(f"{guidance.url}feed/"))

    newest, oldest = entries(feed)[0], entries(feed)[-1]
    assert links(newest) == {
        "alternate": f"http://testserver{guidance.url}versions/3/",
        "related": f"http://testserver{guidance.url}compare/2/3/",
    }
    assert links(oldest) == {"alternate": f"http://testserver{guidance.url}versions/1/"}
    assert oldest.findtext(f"{ATOM}content") == "First published version."
    assert client.get(links(newest)["related"]).status_code == 200


def test_site_feed_lists_versions_of_every_live_public_document(client, guidance_index):
    public = GuidancePageFactory(parent=guidance_index)
    three_versions(public)
    private = GuidancePageFactory(parent=guidance_index)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    GuidancePageFactory(parent=guidance_index).unpublish()

    feed = parse(client.get("/feeds/versions/"))

    titles = [e.findtext(f"{ATOM}title") for e in entries(feed)]
    assert titles == [f"{public.title}: version {n}" for n in (3, 2, 1)]


def test_site_feed_with_no_documents_is_still_valid_atom(client, db):
    assert entries(parse(client.get("/feeds/versions/"))) == []


def test_site_feed_runs_the_same_queries_for_few_and_many_documents(
    client, guidance_index, django_assert_max_num_queries
):
    GuidancePageFactory(parent=guidance_index)
    client.get("/feeds/versions/")
    with django_assert_max_num_queries(10) as few:
        client.get("/feeds/versions/")
    for _ in range(5):
        three_versions(GuidancePageFactory(parent=guidance_index))

    with django_assert_max_num_queries(len(few)):
        client.get("/feeds/versions/")
