"""Emails telling participants how the editors answered their feedback (django-tasks).
Tasks take ids, not objects, and reload what they need."""

from django_tasks import task

from consultation.accounts.models import Participant
from consultation.discussion.links import comment_url
from consultation.feedback.models import FeedbackResponse
from consultation.notifications.delivery import notification_send as _send


def _response_context(response_id: int):
    response = (
        FeedbackResponse.objects.select_related(
            "comment__participant__user", "comment__page", "comment__version", "addressed_in"
        )
        .filter(pk=response_id)
        .first()
    )
    if response is None or response.comment.participant is None:
        return None
    comment = response.comment
    compare_url = ""
    if response.addressed_in_id and response.addressed_in.number > comment.version.number:
        page = comment.page
        compare_url = page.full_url + page.reverse_subpage(
            "compare", args=[comment.version.number, response.addressed_in.number]
        )
    return {
        "compare_url": compare_url,
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
