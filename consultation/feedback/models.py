"""Editors' responses to feedback ("you said, we did").

One response per top-level comment. Writes go through
consultation.feedback.services.response_record, which also keeps the history of edits
in Wagtail's log entries (action "coproduce.feedback_response") and tells the author.
"""

from django.conf import settings
from django.db import models


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    NOT_ADOPTED = "not_adopted", "Not adopted"
    OUT_OF_SCOPE = "out_of_scope", "Out of scope"
    NOTED = "noted", "Noted"


class FeedbackResponseQuerySet(models.QuerySet):
    def on_page(self, page):
        return self.filter(comment__page=page)


class FeedbackResponse(models.Model):
    comment = models.OneToOneField(
        "consultation.GuidanceComment",
        on_delete=models.CASCADE,
        related_name="feedback_response",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    rationale = models.TextField(
        max_length=4000, help_text="Shown to everyone next to the comment: say why, plainly."
    )
    addressed_in = models.ForeignKey(
        "consultation.GuidanceVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_responses",
        help_text="The version that addresses this comment, if any.",
    )
    clause_ids = models.JSONField(
        default=list, blank=True, help_text="Stable ids of the clauses that address it."
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    objects = FeedbackResponseQuerySet.as_manager()

    class Meta:
        verbose_name = "response to feedback"
        # Named rights, so code asks what a user may do rather than which group they are in.
        permissions = [
            ("respond_to_feedback", "Can work on and respond to feedback"),
            ("export_feedback", "Can export comments and votes"),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} (comment {self.comment_id})"


class ResponseNotification(models.Model):
    """A response waiting for its recipient's daily digest (sent_at empty until then)."""

    recipient = models.ForeignKey(
        "consultation.Participant", on_delete=models.CASCADE, related_name="+"
    )
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Response {self.response_id} for participant {self.recipient_id}"
