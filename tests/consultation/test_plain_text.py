"""Characters XML forbids never reach a feed: cleaned as forms validate, on the way out,
and in versions stored before the rule."""

import importlib
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from consultation.discussion.models import GuidanceComment
from consultation.guidance.models import GuidancePage
from consultation.plain_text import text_clean
from tests.consultation.comment_helpers import discussion_path
from tests.factories import ParticipantFactory, UserFactory

ATOM = "{http://www.w3.org/2005/Atom}"
# What a word processor pastes for a line break, NUL, a form feed, an escape and the two
# non-characters. (A lone surrogate cannot even be encoded to post or store: text_clean's
# own test covers it.)
HOSTILE = "Line one\x0bline two\x00\x0c\x1b\ufffe\uffff end"
# PostgreSQL cannot store NUL at all, so what earlier versions stored had every other one.
STORED = HOSTILE.replace("\x00", "")


@pytest.mark.parametrize(
    "value, cleaned",
    [
        ("a\x0bb", "a\nb"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("\x00\x01\x08\x0e\x1f", ""),
        ("\ud800\udfff\ufffe\uffff", ""),
        ("Émilie 👋 ①", "Émilie 👋 ①"),
        (None, None),
    ],
)
def test_text_keeps_only_what_xml_allows(value, cleaned):
    assert text_clean(value) == cleaned


def feed_parses(response) -> ET.Element:
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_feeds_stay_valid_with_a_stored_control_character(client, guidance):
    version = guidance.current_version
    version.change_summary = STORED  # as stored before validation cleaned it
    version.title = "Title\x0b"
    version.save()

    for url in (f"{guidance.url}feed/", "/feeds/versions/"):
        feed = feed_parses(client.get(url))
        content = feed.find(f"{ATOM}entry/{ATOM}content").text
        assert content == "Line one\nline two\n end"


def test_the_editors_form_cleans_what_is_published(client, guidance_index):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    clause = {
        "heading": "Heading\x0bpasted",
        "body": rich_text("<p>Body\x0b text</p>"),
        "proposition": "Agree\x00?",
        "plain_summary": "Sum\x1bmary",
        "content_note": "Self\x0bharm\x00",
    }
    data = {
        "title": "Pasted\x0btitle",
        "slug": "pasted",
        "summary": HOSTILE,
        "change_summary": "First\x0bversion",
        "opens_at": "2026-01-01 09:00",
        "closes_at": "2027-01-01 09:00",
        "is_concluded": "",
        "results_visibility": "after_voting",
        "body": streamfield([("clause", clause)]),
        "action-publish": "publish",
    }
    url = reverse(
        "wagtailadmin_pages:add", args=("consultation", "guidancepage", guidance_index.pk)
    )

    response = client.post(url, nested_form_data(data))

    assert response.status_code == 302, response.context["form"].errors
    page = GuidancePage.objects.get(slug="pasted")
    assert page.clauses[0].content_note == "Self\nharm"
    version = page.current_version
    assert (version.title, version.summary) == ("Pasted\ntitle", "Line one\nline two\n end")
    snapshot = version.clauses.get()
    assert (snapshot.heading, snapshot.proposition) == ("Heading\npasted", "Agree?")
    assert snapshot.plain_summary == "Summary"
    assert "\x0b" not in snapshot.body
    feed_parses(client.get("/feeds/versions/"))


def test_a_comment_is_cleaned_as_it_is_posted(client, guidance):
    client.force_login(ParticipantFactory().user)

    client.post(discussion_path(guidance), {"text": HOSTILE})

    assert GuidanceComment.objects.get().comment == "Line one\nline two\n end"


def test_the_repair_cleans_versions_stored_before_the_rule(guidance):
    version = guidance.current_version
    version.change_summary = STORED
    version.save()
    snapshot = version.clauses.first()
    snapshot.heading = "Heading\x0b"
    snapshot.save()
    migration = importlib.import_module("consultation.migrations.0012_i21_clean_stored_versions")

    migration.repair(apps, None)

    version.refresh_from_db()
    snapshot.refresh_from_db()
    assert version.change_summary == "Line one\nline two\n end"
    assert snapshot.heading == "Heading\n"
