import smtplib

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from consultation.accounts.models import Frequency
from consultation.notifications.delivery import email_enqueue, retry_delay
from consultation.notifications.models import UndeliveredEmail
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory

FLAKY = "tests.consultation.notifications.test_delivery.FlakyBackend"


class FlakyBackend(EmailBackend):
    """Refuses the first `failures` messages, like a mail server having a bad minute."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_a_refused_email_is_retried_until_it_is_sent(db, settings):
    settings.EMAIL_BACKEND = FLAKY
    settings.COPRODUCE_EMAIL_ATTEMPTS = 5
    FlakyBackend.failures = 3

    email_enqueue(subject="A reply", body="Someone replied.", recipient="river@example.org")

    assert [m.subject for m in mail.outbox] == ["A reply"]
    assert not UndeliveredEmail.objects.exists()


def test_an_email_refused_on_every_attempt_is_kept_and_can_be_resent(db, settings):
    settings.EMAIL_BACKEND = FLAKY
    settings.COPRODUCE_EMAIL_ATTEMPTS = 3
    FlakyBackend.failures = 3

    email_enqueue(subject="A reply", body="Someone replied.", recipient="river@example.org")

    assert mail.outbox == []
    kept = UndeliveredEmail.objects.get()
    assert (kept.body, kept.recipient, kept.attempts) == (
        "Someone replied.",
        "river@example.org",
        3,
    )
    assert "unexpectedly closed" in kept.error

    call_command("resend_emails")

    assert [m.body for m in mail.outbox] == ["Someone replied."]
    assert not UndeliveredEmail.objects.waiting().exists()


def test_resending_again_skips_emails_already_sent(db, settings):
    UndeliveredEmail.objects.create(
        subject="Old", body="b", recipient="a@example.org", attempts=5, error="x"
    )
    call_command("resend_emails")
    call_command("resend_emails")

    assert len(mail.outbox) == 1


def test_retries_wait_longer_each_time():
    assert [retry_delay(n).total_seconds() / 60 for n in (1, 2, 3)] == [1, 4, 16]


def test_a_reply_notification_survives_a_mail_server_outage(
    guidance, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FLAKY
    settings.COPRODUCE_EMAIL_ATTEMPTS = 2
    author = ParticipantFactory(notify_replies=Frequency.IMMEDIATELY)
    parent = make_comment(guidance, author)
    FlakyBackend.failures = 2

    with django_capture_on_commit_callbacks(execute=True):
        make_comment(guidance, ParticipantFactory(), parent=parent, text="I see it differently.")

    kept = UndeliveredEmail.objects.get()
    assert kept.recipient == author.user.email
    assert "I see it differently." in kept.body
    call_command("resend_emails")
    assert [m.to for m in mail.outbox] == [[author.user.email]]
