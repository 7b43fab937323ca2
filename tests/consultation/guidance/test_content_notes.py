"""Issue 18: a clause's content note, written in the admin, shown before the clause, which
stays folded unless the reader chose otherwise."""

import re

from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from consultation.accounts.models import ContentNotes
from consultation.guidance.models import GuidancePage
from tests.factories import ParticipantFactory, UserFactory, admin_clause_stream


def published_with_a_note(client, guidance_index) -> GuidancePage:
    """Through the admin's own form, as an editor does it."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse(
        "wagtailadmin_pages:add", args=("consultation", "guidancepage", guidance_index.pk)
    )
    data = {
        "title": "Noted guidance",
        "slug": "noted-guidance",
        "summary": "A summary.",
        "opens_at": "2026-01-10 09:00",
        "closes_at": "2027-01-10 09:00",
        "is_concluded": "",
        "results_visibility": "always",
        "body": admin_clause_stream(content_note="discusses restraint"),
        "action-publish": "publish",
    }
    response = client.post(url, nested_form_data(data))
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    return GuidancePage.objects.get(slug="noted-guidance")


def details_tag(html: str) -> str:
    return re.search(r'<details class="content-note"[^>]*>', html)[0]


def test_readers_see_the_note_first_and_the_clause_folded(client, guidance_index):
    page = published_with_a_note(client, guidance_index)

    html = client.get(page.url).content.decode()

    assert details_tag(html) == '<details class="content-note">'
    summary = html[html.index('<summary class="content-note__summary">') :]
    assert summary.index("discusses restraint") < summary.index("Text")


def test_a_reader_who_chose_to_expand_sees_the_clause_open(client, guidance_index):
    page = published_with_a_note(client, guidance_index)
    reader = ParticipantFactory(content_notes=ContentNotes.EXPAND)
    client.force_login(reader.user)

    assert details_tag(client.get(page.url).content.decode()) == (
        '<details class="content-note" open>'
    )
    client.force_login(ParticipantFactory().user)
    assert details_tag(client.get(page.url).content.decode()) == '<details class="content-note">'


def test_the_preference_is_saved_from_the_profile(client, db):
    participant = ParticipantFactory()
    client.force_login(participant.user)

    response = client.post(
        "/accounts/profile/", {"form": "reading", "reading-content_notes": "expand"}
    )

    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.content_notes == ContentNotes.EXPAND


def test_clauses_without_a_note_are_not_folded(client, guidance):
    assert "content-note" not in client.get(guidance.url).content.decode()
