"""Telling authors about responses: once per outcome and linked version, never on a plain
re-save. Each telling is kept as a ResponseEmail line that editors read on the response
form. Many responses at once (a theme answered, a version published) are told from the
task queue, not in the editor's request."""

from django_tasks import task

from consultation.feedback.models import FeedbackResponse, ResponseEmail, ResponseNotification
from consultation.feedback.tasks import send_response_email
from consultation.notifications.claims import notify_per_frequency


def response_notify(*, response_id: int) -> None:
    """Email the author now, save it for their daily digest, or do nothing."""
    response = (
        FeedbackResponse.objects.select_related("comment__participant", "addressed_in")
        .filter(pk=response_id)
        .first()
    )
    if response is None:
        return
    recipient = response.comment.participant
    if recipient is None or response.comment.is_withdrawn:
        return

    def history(delivery):
        ResponseEmail.objects.create(
            response=response,
            delivery=delivery,
            outcome=response.outcome,
            version_number=response.addressed_in.number if response.addressed_in_id else None,
        )

    def send_now():
        history(ResponseEmail.Delivery.STRAIGHT_AWAY)
        send_response_email.enqueue(response.pk)

    def save_for_digest():
        history(ResponseEmail.Delivery.DIGEST)
        ResponseNotification.objects.create(recipient=recipient, response=response)

    notify_per_frequency(
        recipient.notify_responses,
        send_now=send_now,
        save_for_digest=save_for_digest,
        paused=recipient.notifications_paused,
    )


@task()
def responses_notify(response_ids: list[int]) -> None:
    for response_id in response_ids:
        response_notify(response_id=response_id)
