"""Telling a comment's author about replies, as often as they asked to be told."""

from django.db import transaction
from django.utils import timezone

from consultation.models import Frequency, GuidanceComment, ReplyNotification


def reply_notify(*, comment_id: int) -> None:
    """Email the parent's author now, save it for their digest, or do nothing."""
    from consultation.tasks import send_reply_email

    reply = GuidanceComment.objects.select_related("participant").filter(pk=comment_id).first()
    if reply is None or reply.level == 0:
        return
    parent = (
        GuidanceComment.objects.select_related("participant").filter(pk=reply.parent_id).first()
    )
    recipient = parent.participant if parent else None
    if recipient is None or recipient.pk == reply.participant_id or parent.is_withdrawn:
        return
    if recipient.notify_replies == Frequency.IMMEDIATELY:
        send_reply_email.enqueue(reply.pk)
    elif recipient.notify_replies == Frequency.DAILY:
        ReplyNotification.objects.create(recipient=recipient, comment=reply)


@transaction.atomic
def digests_send() -> int:
    """Send each participant one email listing the replies saved for their digest."""
    from consultation.tasks import send_reply_digest

    pending = (
        ReplyNotification.objects.select_for_update(skip_locked=True)
        .filter(sent_at__isnull=True)
        .order_by("recipient_id", "created_at")
    )
    by_recipient: dict[int, list[int]] = {}
    claimed = []
    for notification in pending:
        by_recipient.setdefault(notification.recipient_id, []).append(notification.comment_id)
        claimed.append(notification.pk)
    ReplyNotification.objects.filter(pk__in=claimed).update(sent_at=timezone.now())
    for recipient_id, comment_ids in by_recipient.items():
        send_reply_digest.enqueue(recipient_id, comment_ids)
    return len(by_recipient)
