"""Emails about discussions (django-tasks: immediate in development and tests, a worker in
production). Tasks take ids, not objects, and reload what they need."""

from django_tasks import task

from consultation.accounts.models import Participant
from consultation.discussion.links import comment_url, discussion_url
from consultation.discussion.models import GuidanceComment
from consultation.notifications.delivery import notification_send as _send


def _comment(comment_id: int) -> GuidanceComment | None:
    return (
        GuidanceComment.objects.select_related("participant__user", "page", "version")
        .filter(pk=comment_id)
        .first()
    )


@task()
def send_reply_email(comment_id: int) -> None:
    reply = _comment(comment_id)
    if reply is None or not reply.is_visible:
        return
    parent = _comment(reply.parent_id)
    if parent is None or parent.participant is None:
        return
    _send(
        "reply",
        parent.participant.user.email,
        f"{reply.public_name} replied to your comment",
        {
            "recipient": parent.participant,
            "reply": reply,
            "document": reply.page,
            "url": comment_url(reply.page, reply, full=True),
        },
    )


@task()
def send_reply_digest(recipient_id: int, comment_ids: list[int]) -> None:
    recipient = Participant.objects.select_related("user").filter(pk=recipient_id).first()
    if recipient is None:
        return
    replies = [
        {"reply": reply, "url": comment_url(reply.page, reply, full=True)}
        for reply in GuidanceComment.objects.select_related("participant", "page", "version")
        .filter(pk__in=comment_ids)
        .order_by("submit_date")
        if reply.is_visible
    ]
    if not replies:
        return
    count = len(replies)
    _send(
        "digest",
        recipient.user.email,
        f"{count} new {'reply' if count == 1 else 'replies'} to your comments",
        {"recipient": recipient, "replies": replies},
    )


@task()
def send_removal_email(comment_id: int) -> None:
    comment = _comment(comment_id)
    if comment is None or comment.participant is None:
        return
    _send(
        "removed",
        comment.participant.user.email,
        "A moderator removed one of your comments",
        {
            "recipient": comment.participant,
            "comment": comment,
            "document": comment.page,
            "url": discussion_url(comment.page, comment.clause_id, full=True),
        },
    )
