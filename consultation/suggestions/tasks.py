"""The email telling an author that their wording is in a published version (django-tasks).
Tasks take ids and reload what they need; sending goes through the retrying delivery."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from consultation.discussion.tasks import moderator_emails
from consultation.notifications.delivery import email_enqueue
from consultation.suggestions.links import suggestion_url
from consultation.suggestions.models import Suggestion, SuggestionFlag


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


@task()
def send_suggestion_safeguarding_alert(flag_id: int) -> None:
    """A flag saying someone may be at risk: every moderator hears at once, as for comments.
    The suggestion stays visible (hiding a call for help helps no one)."""
    flag = (
        SuggestionFlag.objects.select_related("suggestion__page", "participant")
        .filter(pk=flag_id)
        .first()
    )
    if flag is None or flag.resolved_at:
        return
    suggestion = flag.suggestion
    review_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "consultation_suggestion_detail", args=[suggestion.pk]
    )
    body = render_to_string(
        "consultation/suggestions/email/safeguarding.txt",
        {"flag": flag, "suggestion": suggestion, "document": suggestion.page, "url": review_url},
    )
    for email in moderator_emails():
        email_enqueue(subject="Urgent: someone may be at risk", body=body, recipient=email)
