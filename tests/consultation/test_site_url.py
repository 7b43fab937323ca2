"""Every absolute address comes from WAGTAILADMIN_BASE_URL, through the Site record."""

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Site

from consultation.accounts.models import Follow
from consultation.accounts.services import participant_data
from consultation.discussion.services import comment_post
from consultation.site_url import site_address, site_match_base_url
from tests.factories import ParticipantFactory

BASE = "https://coproduce.example.org"


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://coproduce.example.org", ("coproduce.example.org", 443)),
        ("http://coproduce.example.org/", ("coproduce.example.org", 80)),
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
    ],
)
def test_site_address_from_the_base_url(url, address):
    assert site_address(url) == address


def test_the_site_record_follows_the_setting(db, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE

    assert site_match_base_url() is True
    assert site_match_base_url() is False
    assert Site.objects.get(is_default_site=True).root_url == BASE


@pytest.fixture
def configured(db, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    site_match_base_url()


def test_every_email_links_to_the_configured_address(
    configured, guidance, django_capture_on_commit_callbacks
):
    author, replier = ParticipantFactory(), ParticipantFactory()
    Follow.objects.create(participant=author, page=guidance)
    clause_id = guidance.clauses[0].id
    with django_capture_on_commit_callbacks(execute=True):
        parent = comment_post(
            participant=author, page=guidance, clause_id=clause_id, parent=None, text="First."
        )
        comment_post(
            participant=replier, page=guidance, clause_id=clause_id, parent=parent, text="Reply."
        )
    guidance.body[0].value["heading"] = "Reworded"
    guidance.change_summary = "Reworded."
    with django_capture_on_commit_callbacks(execute=True):
        guidance.save_revision().publish()

    assert len(mail.outbox) == 2  # the reply, and the new version
    for message in mail.outbox:
        links = [word for word in message.body.split() if "://" in word]
        assert links
        assert all(link.startswith(BASE + "/") for link in links), links


def test_api_feeds_and_my_data_use_the_configured_address(configured, client, guidance):
    participant = ParticipantFactory()
    Follow.objects.create(participant=participant, page=guidance)

    listing = client.get("/api/v1/guidance/").json()
    feed = client.get(f"{guidance.url}feed/").content.decode()
    data = participant_data(participant=participant)

    urls = [item["url"] for item in listing]
    assert urls and all(url.startswith(BASE + "/") for url in urls)
    assert f'href="{BASE}{guidance.url}versions/1/"' in feed
    assert "http://testserver" not in feed
    assert data["follows"][0]["url"] == BASE + guidance.url


def test_load_demo_points_the_site_at_the_setting(db, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    call_command("load_demo")

    assert Site.objects.get(is_default_site=True).root_url == BASE
