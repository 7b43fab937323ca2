"""Editors' responses to feedback ("you said, we did").

One response per top-level comment. Writes go through
consultation.feedback.services.response_record, which also keeps the history of edits
in Wagtail's log entries (action "coproduce.feedback_response") and tells the author.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


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
    awaiting_next_version = models.BooleanField(
        default=False,
        help_text="Addressed in the version being drafted: linked to it when it is published.",
    )
    # What the author was last told ("outcome:version number"): a save that changes
    # neither tells them nothing, so a plain re-save sends no second email.
    notified_state = models.CharField(max_length=40, blank=True)

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

    @property
    def state(self) -> str:
        """What the author would be told: the outcome and the linked version."""
        number = self.addressed_in.number if self.addressed_in_id else ""
        return f"{self.outcome}:{number}"


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


class ResponseEmail(models.Model):
    """One line of a response's email history, for editors: when its author was told (or
    a digest was prepared for them), of which outcome and version."""

    class Delivery(models.TextChoices):
        STRAIGHT_AWAY = "now", "Emailed straight away"
        DIGEST = "digest", "Saved for the daily digest"

    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="emails")
    delivery = models.CharField(max_length=8, choices=Delivery.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    version_number = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_delivery_display()} (response {self.response_id})"


class ThemeQuerySet(models.QuerySet):
    def on_page(self, page):
        return self.filter(page=page)

    def public(self):
        return self.filter(is_public=True)


class Theme(models.Model):
    """A label editors give to comments that say the same thing, per guidance document.
    Private to editors unless one marks it public (then its name is a public label)."""

    page = models.ForeignKey(
        "consultation.GuidancePage", on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(max_length=80)
    is_public = models.BooleanField(
        default=False, help_text="Public themes are named in the open data and exports."
    )
    comments = models.ManyToManyField(
        "consultation.GuidanceComment", through="CommentTheme", related_name="themes"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            # One theme per name (any case) and document: two editors typing the same new
            # theme at once get the same one.
            models.UniqueConstraint(Lower("name"), "page", name="theme_name_once_per_page")
        ]

    def __str__(self):
        return self.name


def public_themes(to_attr="public_themes") -> models.Prefetch:
    """Prefetch each comment's public themes (what the open data may name), in one query."""
    return models.Prefetch("themes", queryset=Theme.objects.public(), to_attr=to_attr)


class CommentTheme(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(
        "consultation.GuidanceComment", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["theme", "comment"], name="comment_theme_once")
        ]

    def __str__(self):
        return f"Theme {self.theme_id} on comment {self.comment_id}"


class ReviewMark(models.Model):
    """An editor's note that a thread needs another look by the editors (not a moderator
    flag: nothing is hidden)."""

    comment = models.OneToOneField(
        "consultation.GuidanceComment", on_delete=models.CASCADE, related_name="review_mark"
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Needs review: comment {self.comment_id}"
