"""Telling authors about responses: once per outcome and linked version, never on a plain
re-save. Each telling is kept as a ResponseEmail line that editors read on the response
form. Many responses at once (a theme answered, a version published) are told from the
task queue, not in the editor's request."""

from django_tasks import task

from consultation.feedback.models import FeedbackResponse, ResponseEmail, ResponseNotification
from consultation.feedback.tasks import send_response_digest, send_response_email
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
    _tell_author(recipient, [response])


@task()
def responses_notify(response_ids: list[int]) -> None:
    """Tell the authors of many responses (a theme answered, a version published), each
    once: an author of several of them gets one email listing them all."""
    responses = (
        FeedbackResponse.objects.filter(pk__in=response_ids)
        .select_related("comment__participant", "addressed_in")
        .order_by("pk")
    )
    by_author: dict[int, tuple] = {}
    for response in responses:
        recipient = response.comment.participant
        if recipient is None or response.comment.is_withdrawn:
            continue
        by_author.setdefault(recipient.pk, (recipient, []))[1].append(response)
    for recipient, theirs in by_author.values():
        _tell_author(recipient, theirs)


def _tell_author(recipient, responses) -> None:
    def history(delivery):
        ResponseEmail.objects.bulk_create(
            [
                ResponseEmail(
                    response=r,
                    delivery=delivery,
                    outcome=r.outcome,
                    version_number=r.addressed_in.number if r.addressed_in_id else None,
                )
                for r in responses
            ]
        )

    def send_now():
        history(ResponseEmail.Delivery.STRAIGHT_AWAY)
        if len(responses) == 1:
            send_response_email.enqueue(responses[0].pk)
        else:
            send_response_digest.enqueue(recipient.pk, [r.pk for r in responses])

    def save_for_digest():
        history(ResponseEmail.Delivery.DIGEST)
        ResponseNotification.objects.bulk_create(
            [ResponseNotification(recipient=recipient, response=r) for r in responses]
        )

    notify_per_frequency(
        recipient.notify_responses,
        send_now=send_now,
        save_for_digest=save_for_digest,
        paused=recipient.notifications_paused,
    )
