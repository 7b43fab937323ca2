from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data

from consultation.versions.models import GuidanceVersion
from tests.factories import UserFactory, admin_clause_stream


def publish(page, user=None, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    page.refresh_from_db()
    return revision


def test_first_publication_is_version_one_with_a_snapshot_of_every_clause(guidance):
    version = guidance.versions.get()

    assert version.number == 1
    assert [s.heading for s in version.clauses.all()] == [
        "Clause heading 1",
        "Clause heading 2",
        "Clause heading 3",
    ]
    assert [s.clause_id for s in version.clauses.all()] == [c.id for c in guidance.clauses]


def test_each_changed_publication_takes_the_next_number(guidance):
    editor = UserFactory(is_superuser=True)
    publish(guidance, user=editor, summary="Revised", change_summary="Summary reworded.")
    publish(guidance, user=editor, title="Retitled", change_summary="New title.")

    versions = list(guidance.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[2].title == "Retitled"
    assert versions[2].change_summary == "New title."
    assert versions[2].published_by == editor


def test_republishing_without_changes_is_not_a_new_version(guidance):
    publish(guidance)
    publish(guidance, change_summary="Nothing really changed")

    assert guidance.versions.count() == 1


def test_reverting_and_republishing_takes_a_new_number(guidance):
    first_revision = guidance.latest_revision
    publish(guidance, summary="Changed", change_summary="Changed the summary.")

    first_revision.publish(user=UserFactory(is_superuser=True))

    versions = list(guidance.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[2].summary == versions[0].summary
    assert versions[2].revision == first_revision


def test_scheduled_publication_records_a_version_when_it_goes_live(guidance):
    guidance.summary = "Scheduled change"
    guidance.change_summary = "Scheduled."
    revision = guidance.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))

    call_command("publish_scheduled")

    latest = guidance.versions.order_by("-number").first()
    assert latest.number == 2
    assert latest.summary == "Scheduled change"
    assert latest.revision == revision


def test_snapshot_does_not_change_when_the_page_is_edited_later(guidance):
    guidance.body[0].value["heading"] = "Edited afterwards"
    guidance.save_revision()
    guidance.save()

    snapshot = guidance.versions.get(number=1).clauses.get(number=1)
    assert snapshot.heading == "Clause heading 1"


def test_purge_revisions_keeps_the_revisions_versions_point_at(guidance):
    for n in range(3):
        publish(guidance, summary=f"Change {n}", change_summary=f"Change {n}.")
        guidance.save_revision()  # drafts in between, which may be purged

    call_command("purge_revisions")

    versions = list(guidance.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3, 4]
    assert all(Revision.objects.filter(pk=v.revision_id).exists() for v in versions)
    assert all(v.clauses.count() == 3 for v in versions)


def test_deleting_a_guidance_document_deletes_its_history(guidance):
    guidance.delete()

    assert not GuidanceVersion.objects.exists()


def edit_form(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": "An edited summary.",
        "opens_at": "2026-01-01 09:00",
        "closes_at": "2027-01-01 09:00",
        "change_summary": "",
        "results_visibility": "after_voting",
        "body": admin_clause_stream(),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_publishing_version_two_requires_a_change_summary(editor_client, guidance):
    url = reverse("wagtailadmin_pages:edit", args=(guidance.pk,))

    response = editor_client.post(url, edit_form(guidance))

    assert response.status_code == 200
    assert "Say what changed since version 1" in response.content.decode()
    assert guidance.versions.count() == 1


def test_publishing_with_a_change_summary_creates_version_two(editor_client, guidance):
    url = reverse("wagtailadmin_pages:edit", args=(guidance.pk,))

    response = editor_client.post(url, edit_form(guidance, change_summary="Merged clauses."))

    assert response.status_code == 302
    assert guidance.versions.get(number=2).change_summary == "Merged clauses."


def test_saving_a_draft_needs_no_change_summary(editor_client, guidance):
    url = reverse("wagtailadmin_pages:edit", args=(guidance.pk,))
    data = edit_form(guidance)
    del data["action-publish"]

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert guidance.versions.count() == 1
