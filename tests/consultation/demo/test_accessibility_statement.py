from django.conf import settings
from django.core.management import call_command

from consultation.demo.accounts import PLACEHOLDER_CONTACT_EMAIL
from home.models import SiteLinks, StandardPage


def test_demo_accessibility_statement_says_what_was_tested_and_how_to_report_a_barrier(db, client):
    call_command("load_demo")
    statement = StandardPage.objects.get(slug="accessibility")

    html = client.get(statement.url).content.decode()

    for tested in ["axe-core", "keyboard alone", "320 pixels wide", "200% zoom", "read out"]:
        assert tested in html, tested
    assert "Tell us about a barrier" in html
    assert f'href="mailto:{settings.COPRODUCE_CONTACT_EMAIL}"' in html
    assert ".invalid" not in html


def test_the_statement_shows_the_configured_contact_address(db, client, settings):
    settings.COPRODUCE_CONTACT_EMAIL = "access@nhs.example"
    call_command("load_demo")

    html = client.get(StandardPage.objects.get(slug="accessibility").url).content.decode()

    assert 'href="mailto:access@nhs.example">access@nhs.example</a>' in html


def test_loading_the_demo_again_replaces_the_old_placeholder_address(db, client, settings):
    call_command("load_demo")
    statement = StandardPage.objects.get(slug="accessibility")
    statement.body = statement.body.replace(
        settings.COPRODUCE_CONTACT_EMAIL, PLACEHOLDER_CONTACT_EMAIL
    )
    statement.save_revision().publish()
    settings.COPRODUCE_CONTACT_EMAIL = "access@nhs.example"

    call_command("load_demo")

    html = client.get(statement.url).content.decode()
    assert PLACEHOLDER_CONTACT_EMAIL not in html
    assert "mailto:access@nhs.example" in html


def test_every_page_links_to_the_demo_accessibility_statement(db, client):
    call_command("load_demo")
    statement = SiteLinks.objects.get().accessibility_statement

    assert f'href="{statement.url}"' in client.get("/").content.decode()
