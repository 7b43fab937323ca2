"""Followers hear about new versions: straight away, in the daily digest, or never."""

import pytest
from django.core import mail
from django.core.management import call_command

from consultation.accounts.models import Follow, Frequency
from consultation.discussion.services import comment_post
from consultation.versions.models import VersionNotification
from consultation.voting.services import vote_cast
from tests.factories import ParticipantFactory


def follower(page, frequency=Frequency.IMMEDIATELY):
    participant = ParticipantFactory(notify_new_versions=frequency)
    Follow.objects.create(participant=participant, page=page)
    return participant


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    def publish(page, **clause_changes):
        for index, changes in clause_changes.items():
            page.body[int(index)].value.update(changes)
        page.change_summary = "We reworded what people found unclear."
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return publish


def test_publishing_a_version_emails_each_follower_once(guidance, publish):
    followers = [follower(guidance) for _ in range(3)]
    ParticipantFactory()  # not following

    publish(guidance, **{"0": {"heading": "Reworded"}})

    assert sorted(m.to[0] for m in mail.outbox) == sorted(f.user.email for f in followers)
    message = mail.outbox[0]
    assert "Version 2" in message.subject
    assert "We reworded what people found unclear." in message.body
    assert f"{guidance.full_url}compare/1/2/" in message.body


def test_no_email_for_never_and_none_for_an_unchanged_republication(guidance, publish):
    follower(guidance, Frequency.NEVER)
    follower(guidance)

    publish(guidance, **{"0": {"heading": "Reworded"}})
    publish(guidance)  # nothing readers see changed: no version, no email

    assert len(mail.outbox) == 1


def test_daily_followers_get_the_version_in_their_digest(guidance, publish):
    daily = follower(guidance, Frequency.DAILY)

    publish(guidance, **{"0": {"heading": "Reworded"}})
    assert mail.outbox == []
    assert VersionNotification.objects.filter(recipient=daily, sent_at__isnull=True).count() == 1

    call_command("send_digests")
    call_command("send_digests")  # claimed once: the second run sends nothing

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [daily.user.email]
    assert "Version 2 of" in mail.outbox[0].body


def test_a_paused_follower_hears_of_the_version_in_the_digest_after_the_pause(guidance, publish):
    from datetime import timedelta

    from django.utils import timezone

    paused = follower(guidance)
    paused.notifications_paused_until = timezone.now() + timedelta(days=7)
    paused.save(update_fields=["notifications_paused_until"])

    publish(guidance, **{"0": {"heading": "Reworded"}})
    call_command("send_digests")
    assert mail.outbox == []

    paused.notifications_paused_until = timezone.now() - timedelta(minutes=1)
    paused.save(update_fields=["notifications_paused_until"])
    call_command("send_digests")

    assert [m.to for m in mail.outbox] == [[paused.user.email]]
    assert "Version 2 of" in mail.outbox[0].body


def test_email_says_which_of_my_clauses_changed_since_i_last_took_part(guidance, publish):
    me = follower(guidance)
    clauses = list(guidance.current_version.clauses.all())
    vote_cast(participant=me, clause_snapshot=clauses[0], choice=2)
    comment_post(
        participant=me, page=guidance, clause_id=clauses[1].clause_id, parent=None, text="Hm."
    )

    publish(guidance, **{"0": {"proposition": "A new statement"}})

    body = mail.outbox[-1].body
    assert "Clause 1, “Clause heading 1”: changed" in body
    assert "Clause 2, “Clause heading 2”: not changed" in body
    assert "Clause 3" not in body
