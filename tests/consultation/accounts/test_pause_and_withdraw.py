"""Issue 18: pausing every email for a while, and withdrawing all one's comments at once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultation.accounts.models import Frequency, Participant
from consultation.discussion.models import GuidanceComment, ReplyNotification
from tests.consultation.comment_helpers import discussion_path, make_comment
from tests.factories import ParticipantFactory


@pytest.fixture
def reply_to(guidance, django_capture_on_commit_callbacks):
    def reply(parent, text="Thanks for this."):
        with django_capture_on_commit_callbacks(execute=True):
            return make_comment(guidance, ParticipantFactory(), parent=parent, text=text)

    return reply


def test_pausing_from_the_profile_sends_nothing_until_the_pause_ends(client, guidance, reply_to):
    author = ParticipantFactory(notify_replies=Frequency.IMMEDIATELY)
    client.force_login(author.user)
    response = client.post("/accounts/profile/", {"form": "pause", "pause-days": "7"})
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.notifications_paused_until > timezone.now() + timedelta(days=6)
    parent = make_comment(guidance, author)
    mail.outbox.clear()

    reply_to(parent, text="While you were away.")
    call_command("send_digests")

    assert mail.outbox == []
    assert ReplyNotification.objects.filter(recipient=author, sent_at__isnull=True).count() == 1

    Participant.objects.filter(pk=author.pk).update(
        notifications_paused_until=timezone.now() - timedelta(minutes=1)
    )
    call_command("send_digests")

    assert [m.to for m in mail.outbox] == [[author.user.email]]
    assert "While you were away." in mail.outbox[0].body


def test_never_stays_never_during_a_pause(guidance, reply_to):
    author = ParticipantFactory(
        notify_replies=Frequency.NEVER,
        notifications_paused_until=timezone.now() + timedelta(days=1),
    )
    reply_to(make_comment(guidance, author))

    assert not ReplyNotification.objects.exists()


def test_emails_can_be_turned_back_on(client, db):
    participant = ParticipantFactory(notifications_paused_until=timezone.now() + timedelta(days=3))
    client.force_login(participant.user)

    assert "Your emails are paused until" in client.get("/accounts/profile/").content.decode()
    client.post("/accounts/profile/", {"form": "resume"})

    participant.refresh_from_db()
    assert participant.notifications_paused_until is None


def test_pause_without_a_length_is_refused_with_a_message(client, db):
    client.force_login(ParticipantFactory().user)

    response = client.post("/accounts/profile/", {"form": "pause"})

    assert response.status_code == 200
    assert "Choose how long to pause emails for." in response.content.decode()


def test_withdrawing_all_blanks_every_comment_and_keeps_replies(client, guidance):
    author = ParticipantFactory()
    first = make_comment(guidance, author, text="My first words.")
    make_comment(guidance, author, clause=guidance.clauses[0], text="My second words.")
    make_comment(guidance, ParticipantFactory(), parent=first, text="A reply from another person.")
    client.force_login(author.user)

    contributions = client.get("/accounts/contributions/").content.decode()
    assert 'href="/accounts/comments/withdraw-all/"' in contributions
    confirm = client.get("/accounts/comments/withdraw-all/").content.decode()
    assert "You have 2 comments" in confirm
    response = client.post("/accounts/comments/withdraw-all/", follow=True)

    assert "2 comments withdrawn." in response.content.decode()
    mine = GuidanceComment.objects.filter(participant=author)
    assert all(c.is_withdrawn and c.comment == "" for c in mine)
    client.logout()
    document = client.get(discussion_path(guidance)).content.decode()
    clause = client.get(discussion_path(guidance, guidance.clauses[0])).content.decode()
    assert "My first words." not in document and "My second words." not in clause
    assert "A reply from another person." in document
    api = client.get(f"/api/v1/guidance/{guidance.pk}/comments/").content.decode()
    assert "My first words." not in api and "A reply from another person." in api


def test_withdraw_all_needs_a_signed_in_participant(client, db):
    response = client.post("/accounts/comments/withdraw-all/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_withdrawn_words_leave_the_search_index_too(client, guidance):
    """Site search stores what it indexes: withdrawn words must not stay there."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    author = ParticipantFactory()
    single = make_comment(guidance, author, text="Lanternfish words withdrawn alone.")
    make_comment(guidance, author, text="Lanternfish words withdrawn with the rest.")
    kept = make_comment(guidance, ParticipantFactory(), text="Lanternfish words of another.")

    def indexed():
        # By object, not by text: PostgreSQL keeps only a search vector of the words.
        entries = IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(GuidanceComment),
            object_id__in=[str(c.pk) for c in GuidanceComment.objects.all()],
        )
        return sorted(entries.values_list("object_id", flat=True), key=int)

    assert len(indexed()) == 3
    client.force_login(author.user)
    client.post(guidance.url + f"comments/{single.pk}/withdraw/")
    assert len(indexed()) == 2
    client.post("/accounts/comments/withdraw-all/")
    assert indexed() == [str(kept.pk)]

    from consultation.accounts.services import participant_delete

    leaving = ParticipantFactory()
    make_comment(guidance, leaving, text="Lanternfish words of someone leaving.")
    participant_delete(user=leaving.user, keep_comments=False)

    assert indexed() == [str(kept.pk)]
