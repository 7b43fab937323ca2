"""Change detection compares what a reader sees, never the admin's own markup."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consultation.demo.content import MAIN_SLUG
from consultation.guidance.models import GuidancePage
from consultation.guidance.reading import reader_body
from consultation.versions.diff import CHANGED, compare
from consultation.versions.history import version_comparison
from tests.factories import UserFactory, admin_edit_form


def test_reader_body_ignores_block_keys_and_spacing():
    saved_by_code = "<p>Peer support <b>works</b>.</p><ul><li>One</li></ul>"
    saved_by_admin = (
        '<p data-block-key="a1b2c">Peer support  <b>works</b>.</p>\n'
        '<ul><li data-block-key="d3e4f">One</li></ul>'
    )

    assert reader_body(saved_by_code) == reader_body(saved_by_admin)


@pytest.mark.parametrize(
    "other",
    [
        "<p>Peer support <i>works</i>.</p>",  # emphasis changed
        "<p>Peer support works.</p>",  # emphasis removed
        "<p>Peer support</p><p><b>works</b>.</p>",  # split into two paragraphs
        "<ul><li>Peer support <b>works</b>.</li></ul>",  # now a list
    ],
)
def test_reader_body_sees_structure_and_emphasis(other):
    assert reader_body("<p>Peer support <b>works</b>.</p>") != reader_body(other)


def test_reader_body_sees_where_a_link_points():
    before = '<p>See <a href="https://example.org/a">the guide</a>.</p>'
    after = '<p>See <a href="https://example.org/b">the guide</a>.</p>'

    assert reader_body(before) != reader_body(after)


@pytest.fixture
def demo(db):
    call_command("load_demo")
    return GuidancePage.objects.get(slug=MAIN_SLUG)


def test_one_clause_edited_in_the_admin_is_the_only_clause_changed(client, demo):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailadmin_pages:edit", args=(demo.pk,))
    before = demo.current_version
    notes = [clause.content_note for clause in demo.clauses]
    assert any(notes)  # the demo's clause about restraint carries one (issue 18)

    # Saved through the admin as it stands: Wagtail rewrites every clause's rich text.
    response = client.post(url, admin_edit_form(demo))
    assert response.status_code == 302
    assert GuidancePage.objects.get(pk=demo.pk).current_version == before
    demo = GuidancePage.objects.get(pk=demo.pk)
    assert "data-block-key" in demo.body[0].value["body"].source
    assert [clause.content_note for clause in demo.clauses] == notes

    response = client.post(
        url,
        admin_edit_form(
            demo,
            clause_changes={1: {"body": "<p>A new paragraph says something else.</p>"}},
            change_summary="Reworded the second clause.",
        ),
    )

    assert response.status_code == 302
    latest = GuidancePage.objects.get(pk=demo.pk).current_version
    assert latest.number == before.number + 1
    diff = version_comparison(before, latest)
    assert [c.clause.number for c in diff.clauses if c.status == CHANGED] == [2]
    assert diff.changed == 1
    assert diff.unchanged == len(latest.clauses.all()) - 1


def test_comparison_page_reports_one_clause_changed(client, demo):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailadmin_pages:edit", args=(demo.pk,))
    before = demo.current_version.number
    client.post(
        url,
        admin_edit_form(
            demo,
            clause_changes={0: {"heading": "A reworded heading"}},
            change_summary="New heading for the first clause.",
        ),
    )

    client.logout()
    response = client.get(f"{demo.url}compare/{before}/{before + 1}/")

    assert response.status_code == 200
    assert "1 clause changed" in response.content.decode()


def test_compare_treats_snapshots_differing_only_in_block_keys_as_unchanged(guidance):
    version = guidance.current_version
    old = list(version.clauses.all())
    new = list(version.clauses.all())
    for snapshot in new:
        snapshot.body = snapshot.body.replace("<p>", '<p data-block-key="x9y8z">')

    assert compare(old, new).changed == 0
