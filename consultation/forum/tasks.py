"""Forum emails: the confirmation (with the .ics file) and the reminder the day before,
both on the shared retrying delivery (notifications/delivery.py)."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone

from consultation.forum.calendar import session_ics
from consultation.forum.models import ForumRegistration
from consultation.notifications.delivery import email_enqueue
from consultation.site_url import absolute


def _send(registration, *, template, subject):
    session = registration.session.specific
    user = registration.participant.user
    body = render_to_string(
        f"consultation/forum/email/{template}.txt",
        {
            "session": session,
            "participant": registration.participant,
            "url": absolute(session.url),
            "guidance": session.get_parent(),
        },
    )
    email_enqueue(
        subject=subject,
        body=body,
        recipient=user.email,
        attachments=[("forum-session.ics", session_ics(session), "text/calendar")],
    )


def registration_confirm(*, registration_id) -> None:
    registration = (
        ForumRegistration.objects.select_related("participant__user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is not None:
        _send(
            registration,
            template="registered",
            subject=f"You are registered: {registration.session.title}",
        )


def reminders_send(now=None) -> int:
    """Remind everyone registered for a session starting within the next day, once each
    (reminded_at); `manage.py send_forum_reminders` runs it daily."""
    now = now or timezone.now()
    due = ForumRegistration.objects.to_remind(
        starting_from=now, starting_before=now + timedelta(days=1, hours=12)
    ).select_related("participant__user", "session")
    sent = 0
    for registration in due:
        claimed = ForumRegistration.objects.filter(
            pk=registration.pk, reminded_at__isnull=True
        ).update(reminded_at=now)
        if claimed:
            _send(
                registration,
                template="reminder",
                subject=f"Tomorrow: {registration.session.title}",
            )
            sent += 1
    return sent
