"""The email telling an author that their wording is in a published version (django-tasks).
Tasks take ids and reload what they need; sending goes through the retrying delivery."""

from django.template.loader import render_to_string
from django_tasks import task

from consultation.notifications.delivery import email_enqueue
from consultation.suggestions.links import suggestion_url
from consultation.suggestions.models import Suggestion


@task()
def send_suggestion_used_email(suggestion_id: int) -> None:
    suggestion = (
        Suggestion.objects.select_related("participant__user", "page", "addressed_in", "snapshot")
        .filter(pk=suggestion_id)
        .first()
    )
    if suggestion is None or suggestion.participant is None or suggestion.addressed_in is None:
        return
    page = suggestion.page
    context = {
        "recipient": suggestion.participant,
        "suggestion": suggestion,
        "document": page,
        "version": suggestion.addressed_in,
        "url": suggestion_url(page, suggestion, full=True),
    }
    email_enqueue(
        subject=f"Your suggested wording is in version {suggestion.addressed_in.number} of "
        f"“{page.title}”",
        body=render_to_string("consultation/suggestions/email/used.txt", context),
        recipient=suggestion.participant.user.email,
    )
