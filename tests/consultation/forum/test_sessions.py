from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from consultation.forum.agenda import agenda_propose
from consultation.forum.models import ForumRegistration
from consultation.forum.services import (
    RegistrationRefused,
    SessionFull,
    registration_cancel,
    registration_make,
)
from consultation.rounds import ConsultationClosed
from tests.consultation.comment_helpers import make_comment
from tests.consultation.forum.helpers import session_under
from tests.factories import ParticipantFactory, UserFactory


def test_the_agenda_ranks_clauses_by_comments_awaiting_a_response(guidance):
    first, second, _ = guidance.clauses
    make_comment(guidance, ParticipantFactory(), clause=second)
    make_comment(guidance, ParticipantFactory(), clause=second)
    make_comment(guidance, ParticipantFactory(), clause=first)

    items = agenda_propose(guidance)

    assert [i.clause_id for i in items] == [second.id, first.id]
    assert "2 comments awaiting a response" in items[0].figures


def test_well_supported_suggested_wording_ranks_a_clause_above_waiting_comments(guidance):
    from consultation.suggestions.services import suggestion_make, suggestion_support
    from consultation.suggestions.text import blocks_parse

    first, _, third = guidance.clauses
    make_comment(guidance, ParticipantFactory(), clause=first)
    make_comment(guidance, ParticipantFactory(), clause=first)
    suggestion = suggestion_make(
        participant=ParticipantFactory(),
        page=guidance,
        clause_id=third.id,
        blocks=blocks_parse("Plainer words for clause 3."),
        reason="Easier to read.",
        proposition="",
    )
    for _ in range(3):
        suggestion_support(participant=ParticipantFactory(), suggestion=suggestion)

    items = agenda_propose(guidance)

    assert [i.clause_id for i in items] == [third.id, first.id]
    assert "suggested wording with 3 supporters" in items[0].figures


def test_a_new_session_form_starts_with_the_proposed_agenda(client, guidance, editor):
    clause = guidance.clauses[2]
    make_comment(guidance, ParticipantFactory(), clause=clause)
    client.force_login(editor)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["consultation", "forumsessionpage", guidance.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{clause.id}" selected' in html
    assert "1 comment awaiting a response" in html


def test_registering_sends_a_confirmation_with_a_valid_calendar_file(
    client, guidance, django_capture_on_commit_callbacks
):
    session = session_under(guidance)
    participant = ParticipantFactory()
    client.force_login(participant.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(session.url + "register/")

    assert response.status_code == 302
    assert ForumRegistration.objects.filter(participant=participant).count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [participant.user.email]
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == session.starts_at.replace(microsecond=0)
    assert str(event["summary"]) == session.title
    page = client.get(session.url).content.decode()
    assert "You are registered for this session" in page


def test_a_full_session_refuses_and_a_cancelled_place_frees_it(guidance):
    session = session_under(guidance, capacity=1)
    first, second = ParticipantFactory(), ParticipantFactory()
    registration_make(participant=first, session=session)
    with pytest.raises(SessionFull):
        registration_make(participant=second, session=session)
    registration_cancel(participant=first, session=session)
    registration_make(participant=second, session=session)


def test_registration_closes_at_the_deadline_and_with_the_round(guidance):
    session = session_under(guidance, registration_closes_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(RegistrationRefused):
        registration_make(participant=ParticipantFactory(), session=session)
    open_session = session_under(guidance, days=5)
    guidance.closes_at = timezone.now() - timedelta(minutes=1)
    guidance.save()
    with pytest.raises(ConsultationClosed):
        registration_make(participant=ParticipantFactory(), session=open_session)


def test_only_editors_see_and_export_the_attendees(client, guidance, editor):
    session = session_under(guidance)
    participant = ParticipantFactory(display_name="Rowan")
    registration_make(participant=participant, session=session)

    client.force_login(ParticipantFactory().user)
    assert client.get(session.url + "attendees/").status_code == 403
    assert client.get(session.url + "attendees/csv/").status_code == 403

    client.force_login(editor)
    assert "Rowan" in client.get(session.url + "attendees/").content.decode()
    csv = b"".join(client.get(session.url + "attendees/csv/").streaming_content).decode()
    assert participant.user.email in csv


def test_the_daily_job_reminds_each_registrant_once_the_day_before(
    guidance, django_capture_on_commit_callbacks
):
    tomorrow = session_under(guidance, days=1)
    later = session_under(guidance, days=5)
    registration_make(participant=ParticipantFactory(), session=tomorrow)
    registration_make(participant=ParticipantFactory(), session=later)
    mail.outbox.clear()

    call_command("send_forum_reminders")
    call_command("send_forum_reminders")

    assert [m.subject for m in mail.outbox] == [f"Tomorrow: {tomorrow.title}"]
    assert mail.outbox[0].attachments[0][2] == "text/calendar"


def test_only_editors_are_offered_the_attendee_list_on_the_session_page(client, guidance, editor):
    session = session_under(guidance)
    assert "Who has registered" not in client.get(session.url).content.decode()
    client.force_login(editor)
    assert "Who has registered" in client.get(session.url).content.decode()


@pytest.mark.parametrize("how", ["delete", "unpublish"])
def test_a_removed_forum_session_leaves_cached_guidance_and_home_pages(
    client, settings, guidance, home, how
):
    from django.test import Client

    from consultation.caching.page_cache import HEADER
    from tests.consultation.forum.helpers import session_under

    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300
    session = session_under(guidance)
    anonymous = Client()
    for url in (guidance.url, home.url):
        first = anonymous.get(url)
        assert session.title in first.content.decode(), url
        assert anonymous.get(url)[HEADER] == "hit"
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    r = client.post(reverse(f"wagtailadmin_pages:{how}", args=[session.pk]))
    assert r.status_code == 302
    for url in (guidance.url, home.url):
        assert session.title not in anonymous.get(url).content.decode(), (how, url)
