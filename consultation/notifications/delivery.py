"""Sending notification emails with retries. Every notification task renders its message
and hands it to `email_enqueue`; `deliver_email` sends it, and on a mail server error
enqueues itself again with a growing delay, up to COPRODUCE_EMAIL_ATTEMPTS. After the last
attempt the message is stored as an UndeliveredEmail for `manage.py resend_emails`."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import default_task_backend, task

from consultation.notifications.models import UndeliveredEmail

logger = logging.getLogger(__name__)
# What a mail server or the network raises when a message was not accepted.
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)


def retry_delay(attempt: int) -> timedelta:
    """1, 4, 16, 64 minutes... after attempts 1, 2, 3, 4 (COPRODUCE_EMAIL_RETRY_SECONDS is
    the first wait; `make faults` shortens it to see a retry within its time limit)."""
    return timedelta(seconds=settings.COPRODUCE_EMAIL_RETRY_SECONDS * 4 ** (attempt - 1))


def notification_send(
    template: str, recipient_email: str, subject: str, context: dict, *, reply_to: str = ""
) -> None:
    """Render a notification from `consultation/comments/email/<template>.txt` and queue it.
    `reply_to`: where a reply goes, for messages a person may want to answer (a removal);
    automatic mail comes from DEFAULT_FROM_EMAIL, which nobody reads."""
    if not recipient_email:
        return
    body = render_to_string(
        f"consultation/comments/email/{template}.txt", {**context, "reply_to": reply_to}
    )
    email_enqueue(subject=subject, body=body, recipient=recipient_email, reply_to=reply_to)


def email_enqueue(
    *, subject: str, body: str, recipient: str, reply_to: str = "", attachments=()
) -> None:
    """`attachments`: [filename, text content, MIME type] each (JSON, as the queue keeps
    task arguments), e.g. a calendar file."""
    if recipient:
        deliver_email.enqueue(
            subject=subject,
            body=body,
            recipient=recipient,
            attempt=1,
            reply_to=reply_to,
            attachments=[list(a) for a in attachments],
        )


def _send(*, subject: str, body: str, recipient: str, reply_to: str = "", attachments=()) -> None:
    message = EmailMessage(
        subject, body, None, [recipient], reply_to=[reply_to] if reply_to else None
    )
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


@task()
def deliver_email(
    *, subject: str, body: str, recipient: str, attempt: int, reply_to: str = "", attachments=()
) -> None:
    try:
        _send(
            subject=subject,
            body=body,
            recipient=recipient,
            reply_to=reply_to,
            attachments=attachments,
        )
    except DELIVERY_ERRORS as error:
        email_failed(
            subject=subject,
            body=body,
            recipient=recipient,
            attempt=attempt,
            error=error,
            reply_to=reply_to,
            attachments=attachments,
        )


def email_failed(
    *,
    subject: str,
    body: str,
    recipient: str,
    attempt: int,
    error,
    reply_to: str = "",
    attachments=(),
) -> None:
    if attempt >= settings.COPRODUCE_EMAIL_ATTEMPTS:
        logger.error("Email %r to a participant failed %d times: %s", subject, attempt, error)
        UndeliveredEmail.objects.create(
            subject=subject, body=body, recipient=recipient, attempts=attempt, error=str(error)
        )
        return
    retry = deliver_email
    if default_task_backend.supports_defer:
        retry = deliver_email.using(run_after=timezone.now() + retry_delay(attempt))
    retry.enqueue(
        subject=subject,
        body=body,
        recipient=recipient,
        attempt=attempt + 1,
        reply_to=reply_to,
        attachments=list(attachments),
    )


def undelivered_emails_resend() -> tuple[int, int]:
    """Send each stored message once more; (sent, still failing)."""
    sent = failing = 0
    for email in UndeliveredEmail.objects.waiting():
        try:
            send_mail(email.subject, email.body, None, [email.recipient])
        except DELIVERY_ERRORS as error:
            email.error = str(error)
            email.save(update_fields=["error"])
            failing += 1
            continue
        email.resent_at = timezone.now()
        email.save(update_fields=["resent_at"])
        sent += 1
    return sent, failing
