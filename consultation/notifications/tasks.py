"""Background work (django-tasks): immediate in development and tests, a worker in
production. Tasks take ids, not objects, and reload what they need."""

from django.template.loader import render_to_string
from django_tasks import task

from consultation.accounts.models import Participant
from consultation.discussion.models import GuidanceComment
from consultation.notifications.delivery import email_enqueue


def _send(template: str, recipient_email: str, subject: str, context: dict) -> None:
    if not recipient_email:
        return
    body = render_to_string(f"consultation/comments/email/{template}.txt", context)
    # Delivered, and retried on failure, by its own task (consultation/notifications/delivery.py).
    email_enqueue(subject=subject, body=body, recipient=recipient_email)


def _comment(comment_id: int) -> GuidanceComment | None:
    return (
        GuidanceComment.objects.select_related("participant__user", "page", "version")
        .filter(pk=comment_id)
        .first()
    )


@task()
def send_reply_email(comment_id: int) -> None:
    from consultation.discussion.views import comment_url

    reply = _comment(comment_id)
    if reply is None or not reply.is_visible:
        return
    parent = _comment(reply.parent_id)
    if parent is None or parent.participant is None:
        return
    _send(
        "reply",
        parent.participant.user.email,
        f"{reply.author_name} replied to your comment",
        {
            "recipient": parent.participant,
            "reply": reply,
            "document": reply.page,
            "url": comment_url(reply.page, reply, full=True),
        },
    )


@task()
def send_reply_digest(recipient_id: int, comment_ids: list[int]) -> None:
    from consultation.discussion.views import comment_url

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
    from consultation.discussion.views import discussion_url

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


def _response_context(response_id: int):
    from consultation.discussion.views import comment_url
    from consultation.feedback.models import FeedbackResponse

    response = (
        FeedbackResponse.objects.select_related(
            "comment__participant__user", "comment__page", "addressed_in"
        )
        .filter(pk=response_id)
        .first()
    )
    if response is None or response.comment.participant is None:
        return None
    comment = response.comment
    return {
        "response": response,
        "comment": comment,
        "document": comment.page,
        "url": comment_url(comment.page, comment, full=True),
    }


@task()
def send_response_email(response_id: int) -> None:
    context = _response_context(response_id)
    if context is None:
        return
    participant = context["comment"].participant
    context["recipient"] = participant
    _send(
        "response",
        participant.user.email,
        f"The editors responded to your comment on “{context['document'].title}”",
        context,
    )


@task()
def send_response_digest(recipient_id: int, response_ids: list[int]) -> None:
    recipient = Participant.objects.select_related("user").filter(pk=recipient_id).first()
    if recipient is None:
        return
    items = [c for c in (_response_context(pk) for pk in response_ids) if c is not None]
    if not items:
        return
    count = len(items)
    _send(
        "response_digest",
        recipient.user.email,
        f"The editors responded to {count} of your comments"
        if count > 1
        else "The editors responded to your comment",
        {"recipient": recipient, "items": items},
    )
