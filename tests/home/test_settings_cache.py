"""Saving the footer links or the support settings in the admin empties the page cache:
the footer (house rules, privacy, accessibility) is on every cached page."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from consultation.caching.page_cache import HEADER, site_generation
from home.models import SiteLinks, StandardPage, SupportSettings
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def editor(db):
    return UserFactory(is_superuser=True, is_staff=True)


def cached(client, path) -> tuple[str, str]:
    response = client.get(path)
    assert response.status_code == 200
    return response.get(HEADER, "none"), response.content.decode()


def settings_url(model, site):
    return reverse("wagtailsettings:edit", args=["home", model._meta.model_name, site.pk])


def test_changing_the_house_rules_link_in_the_admin_reaches_cached_pages(client, guidance, editor):
    site = guidance.get_site()
    links = SiteLinks.for_site(site)
    assert cached(client, guidance.url)[0] == "miss"
    assert cached(client, guidance.url)[0] == "hit"
    home = guidance.get_parent().get_parent()
    rules = home.add_child(
        instance=StandardPage(title="Our rules", slug="our-rules", body="<p>Be kind.</p>")
    )
    # Publishing a page empties the cache too: read the page again, so that only the
    # settings form can empty it from here.
    cached(client, guidance.url)
    assert cached(client, guidance.url)[0] == "hit"

    admin = Client()
    admin.force_login(editor)
    response = admin.post(
        settings_url(SiteLinks, site),
        {
            "privacy_notice": links.privacy_notice_id or "",
            "accessibility_statement": links.accessibility_statement_id or "",
            "house_rules": rules.pk,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert SiteLinks.for_site(site).house_rules_id == rules.pk
    state, html = cached(client, guidance.url)
    assert state == "miss"
    assert '<a href="/our-rules/">House rules</a>' in html


def test_saving_the_support_settings_in_the_admin_empties_the_page_cache(client, guidance, editor):
    site = guidance.get_site()
    cached(client, guidance.url)
    assert cached(client, guidance.url)[0] == "hit"
    before = site_generation()

    admin = Client()
    admin.force_login(editor)
    response = admin.post(
        settings_url(SupportSettings, site),
        {
            "crisis_intro": "Talk to someone now.",
            "crisis_contacts": rich_text("<ul><li>Example Line: 0800 000 0001</li></ul>"),
            "contacts_checked": "on",
            "safeguarding_guidance": rich_text("<p>Read the comment and act.</p>"),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert SupportSettings.for_site(site).crisis_intro == "Talk to someone now."
    assert site_generation() != before
    assert cached(client, guidance.url)[0] == "miss"


def test_settings_saved_inside_a_transaction_empty_the_cache_again_once_it_commits(
    guidance, django_capture_on_commit_callbacks
):
    """A reader who renders a page between the save and its commit would otherwise put the
    old footer back in the cache until it expires."""
    links = SiteLinks.for_site(guidance.get_site())
    with django_capture_on_commit_callbacks() as callbacks:
        links.save()
    after_save = site_generation()

    for callback in callbacks:
        callback()

    assert callbacks and site_generation() != after_save
