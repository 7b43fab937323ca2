"""Recording editors' responses to feedback, and telling the comment's author."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from consultation.caching.page_cache import RESPONSES, discussion_topic, invalidate_on_commit
from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import FeedbackResponse, Outcome, ResponseNotification
from consultation.feedback.tasks import send_response_digest, send_response_email
from consultation.notifications.claims import digests_enqueue, notify_per_frequency
from consultation.rounds import ConsultationError
from consultation.versions.models import GuidanceVersion

LOG_ACTION = "coproduce.feedback_response"


class ResponseRefused(ConsultationError):
    """A response the rules do not allow; the message is for the editor."""


@transaction.atomic
def response_record(
    *,
    editor,
    comment: GuidanceComment,
    outcome: str,
    rationale: str,
    version: GuidanceVersion | None = None,
    clause_ids=(),
) -> FeedbackResponse:
    """Create or replace the response to a top-level comment; log the edit; notify."""
    if comment.level != 0:
        raise ResponseRefused("Responses are recorded on the first comment of a thread.")
    if outcome not in Outcome.values:
        raise ResponseRefused("Choose one of the outcomes.")
    rationale = rationale.strip()
    if not rationale:
        raise ResponseRefused("Give a rationale: it is shown to everyone.")
    if version is not None and version.page_id != comment.page_id:
        raise ResponseRefused("That version belongs to another document.")
    now = timezone.now()
    response = FeedbackResponse.objects.select_for_update().filter(comment=comment).first()
    created = response is None
    if created:
        response = FeedbackResponse(comment=comment, responded_at=now)
    response.outcome = outcome
    response.rationale = rationale
    response.addressed_in = version
    response.clause_ids = list(dict.fromkeys(clause_ids))
    response.responded_by = editor
    response.updated_at = now
    response.save()
    log(
        instance=response,
        action=LOG_ACTION,
        user=editor,
        data={
            "comment": comment.pk,
            "outcome": outcome,
            "rationale": rationale,
            "version": version.number if version else None,
            "clause_ids": response.clause_ids,
            "created": created,
        },
    )
    transaction.on_commit(lambda: response_notify(response_id=response.pk))
    # Responses show on the discussion and on "you said, we did": both are cached pages.
    invalidate_on_commit(comment.page_id, RESPONSES, discussion_topic(comment.clause_id))
    return response


def response_notify(*, response_id: int) -> None:
    """Email the author now, save it for their daily digest, or do nothing."""
    response = (
        FeedbackResponse.objects.select_related("comment__participant")
        .filter(pk=response_id)
        .first()
    )
    if response is None:
        return
    recipient = response.comment.participant
    if recipient is None or response.comment.is_withdrawn:
        return
    notify_per_frequency(
        recipient.notify_responses,
        send_now=lambda: send_response_email.enqueue(response.pk),
        save_for_digest=lambda: ResponseNotification.objects.create(
            recipient=recipient, response=response
        ),
        paused=recipient.notifications_paused,
    )


def response_digests_send() -> int:
    """Send each participant one email listing the responses saved for their digest."""
    return digests_enqueue(
        ResponseNotification.objects.all(), item_field="response_id", task=send_response_digest
    )
