"""Moving a round's window or concluding it is not a new version, and needs no change note."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultation.guidance.models import GuidancePage
from consultation.voting.models import Vote
from tests.factories import ParticipantFactory, UserFactory, admin_edit_form


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_closing_a_round_early_needs_no_change_note_and_makes_no_version(editor_client, guidance):
    closes = timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")

    response = editor_client.post(edit_url(guidance), admin_edit_form(guidance, closes_at=closes))

    assert response.status_code == 302
    page = GuidancePage.objects.get(pk=guidance.pk)
    assert not page.is_open_for_feedback()
    assert list(page.versions.values_list("number", flat=True)) == [1]


def test_concluding_needs_no_change_note_and_makes_no_version(editor_client, guidance):
    response = editor_client.post(edit_url(guidance), admin_edit_form(guidance, is_concluded="on"))

    assert response.status_code == 302
    page = GuidancePage.objects.get(pk=guidance.pk)
    assert page.is_concluded
    assert page.versions.count() == 1


def test_a_clause_change_still_needs_a_change_note(editor_client, guidance):
    response = editor_client.post(
        edit_url(guidance),
        admin_edit_form(guidance, clause_changes={0: {"proposition": "A new statement"}}),
    )

    assert response.status_code == 200
    assert "Say what changed since version 1" in response.content.decode()
    assert guidance.versions.count() == 1


def test_concluded_page_speaks_of_final_guidance(client, guidance):
    guidance.is_concluded = True
    guidance.save_revision().publish()
    client.force_login(ParticipantFactory().user)

    html = client.get(guidance.url).content.decode()

    assert "This is the final guidance" in html
    assert "hear about new versions" not in html
    assert "Follow to hear when a new version" not in html
    assert "so far" not in html
    assert "Voting is not open" not in html


def test_closed_round_results_do_not_say_so_far(client, guidance):
    snapshot = guidance.current_version.clauses.first()
    Vote.objects.create(participant=ParticipantFactory(), snapshot=snapshot, choice=1)
    guidance.closes_at = timezone.now() - timedelta(minutes=1)
    guidance.opens_at = timezone.now() - timedelta(days=3)
    guidance.save_revision().publish()

    html = client.get(f"{guidance.url}results/").content.decode()

    assert "people answered, so no results are shown" in html
    assert "so far" not in html
