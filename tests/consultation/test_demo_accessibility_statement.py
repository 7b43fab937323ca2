from django.core.management import call_command

from home.models import SiteLinks, StandardPage


def test_demo_accessibility_statement_says_what_was_tested_and_how_to_report_a_barrier(db, client):
    call_command("load_demo")
    statement = StandardPage.objects.get(slug="accessibility")

    html = client.get(statement.url).content.decode()

    for tested in ["axe-core", "keyboard alone", "320 pixels wide", "200% zoom", "read out"]:
        assert tested in html, tested
    assert "Tell us about a barrier" in html
    assert 'href="mailto:accessibility@coproduce.invalid"' in html


def test_every_page_links_to_the_demo_accessibility_statement(db, client):
    call_command("load_demo")
    statement = SiteLinks.objects.get().accessibility_statement

    assert f'href="{statement.url}"' in client.get("/").content.decode()
