import pytest
from django.core import mail
from django.core.management import call_command

from consultation.accounts.models import Frequency
from consultation.discussion.models import GuidanceComment, ReplyNotification
from tests.consultation.comment_helpers import discussion_path, make_comment
from tests.factories import ParticipantFactory


@pytest.fixture
def reply_to(guidance, django_capture_on_commit_callbacks):
    def reply(parent, author=None, text="Thanks for this."):
        author = author or ParticipantFactory()
        with django_capture_on_commit_callbacks(execute=True):
            return make_comment(guidance, author, parent=parent, text=text)

    return reply


def test_reply_emails_the_parents_author_straight_away(guidance, reply_to):
    author = ParticipantFactory(notify_replies=Frequency.IMMEDIATELY)
    parent = make_comment(guidance, author)
    mail.outbox.clear()

    reply = reply_to(parent, text="I see it differently.")

    assert [m.to for m in mail.outbox] == [[author.user.email]]
    assert f"{reply.author_name} replied to your comment" in mail.outbox[0].subject
    assert "I see it differently." in mail.outbox[0].body
    assert f"#comment-{reply.pk}" in mail.outbox[0].body


def test_daily_preference_saves_the_reply_for_the_digest(guidance, reply_to):
    author = ParticipantFactory(notify_replies=Frequency.DAILY)
    parent = make_comment(guidance, author)
    mail.outbox.clear()

    reply_to(parent)
    reply_to(parent, text="And another.")

    assert mail.outbox == []
    assert ReplyNotification.objects.filter(recipient=author, sent_at__isnull=True).count() == 2
    call_command("send_digests")
    assert [m.to for m in mail.outbox] == [[author.user.email]]
    assert "2 new replies" in mail.outbox[0].subject
    assert "And another." in mail.outbox[0].body
    call_command("send_digests")
    assert len(mail.outbox) == 1


def test_never_means_no_email(guidance, reply_to):
    parent = make_comment(guidance, ParticipantFactory(notify_replies=Frequency.NEVER))
    mail.outbox.clear()

    reply_to(parent)

    assert mail.outbox == []
    assert not ReplyNotification.objects.exists()


def test_replying_to_oneself_sends_nothing(guidance, reply_to):
    author = ParticipantFactory()
    parent = make_comment(guidance, author)

    reply_to(parent, author=author)

    assert mail.outbox == []


def test_sixth_comment_in_a_minute_gets_a_429_that_keeps_the_text(client, guidance, settings):
    participant = ParticipantFactory()
    client.force_login(participant.user)
    for n in range(5):
        assert client.post(discussion_path(guidance), {"text": f"Quick {n}"}).status_code == 302

    response = client.post(discussion_path(guidance), {"text": "One too many, kept safe."})

    assert response.status_code == 429
    assert "One too many, kept safe." in response.content.decode()
    assert GuidanceComment.objects.count() == 5


def test_daily_limit_applies_too(client, guidance, settings):
    settings.COPRODUCE_COMMENT_RATE_PER_MINUTE = "100/m"
    settings.COPRODUCE_COMMENT_RATE_PER_DAY = "3/d"
    client.force_login(ParticipantFactory().user)
    for n in range(3):
        client.post(discussion_path(guidance), {"text": f"Post {n}"})

    assert client.post(discussion_path(guidance), {"text": "Fourth."}).status_code == 429


def test_rate_limits_are_per_participant(client, guidance, settings):
    settings.COPRODUCE_COMMENT_RATE_PER_MINUTE = "1/m"
    client.force_login(ParticipantFactory().user)
    client.post(discussion_path(guidance), {"text": "Mine."})
    client.force_login(ParticipantFactory().user)

    assert client.post(discussion_path(guidance), {"text": "Someone else."}).status_code == 302


def test_pre_moderated_reply_notifies_only_once_approved(
    guidance, django_capture_on_commit_callbacks
):
    from consultation.discussion.moderation import comment_approve
    from tests.factories import UserFactory

    author = ParticipantFactory()
    parent = make_comment(guidance, author)
    guidance.pre_moderate_comments = True
    guidance.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply = make_comment(guidance, ParticipantFactory(), parent=parent)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        comment_approve(comment=reply, moderator=UserFactory())

    assert [m.to for m in mail.outbox] == [[author.user.email]]
