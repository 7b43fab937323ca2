"""Telling a comment's author about replies, as often as they asked to be told."""

from consultation.discussion.models import GuidanceComment, ReplyNotification
from consultation.discussion.tasks import send_reply_digest, send_reply_email
from consultation.notifications.claims import digests_enqueue, notify_per_frequency


def reply_notify(*, comment_id: int) -> None:
    """Email the parent's author now, save it for their digest, or do nothing."""
    reply = GuidanceComment.objects.select_related("participant").filter(pk=comment_id).first()
    if reply is None or reply.level == 0:
        return
    parent = (
        GuidanceComment.objects.select_related("participant").filter(pk=reply.parent_id).first()
    )
    recipient = parent.participant if parent else None
    if recipient is None or recipient.pk == reply.participant_id or parent.is_withdrawn:
        return
    notify_per_frequency(
        recipient.notify_replies,
        send_now=lambda: send_reply_email.enqueue(reply.pk),
        save_for_digest=lambda: ReplyNotification.objects.create(
            recipient=recipient, comment=reply
        ),
        paused=recipient.notifications_paused,
    )


def digests_send() -> int:
    """Send each participant one email listing the replies saved for their digest."""
    return digests_enqueue(
        ReplyNotification.objects.all(), item_field="comment_id", task=send_reply_digest
    )
