"""Suggested wording: a participant's new text for a clause, others' support for it, and
concerns raised about it.

Writes go through consultation.suggestions.services; reads are the QuerySet methods here.
The text is stored as structured plain text (`text.py`), never as markup.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q

from consultation.accounts.models import FORMER_PARTICIPANT
from consultation.discussion.models import URGENT_REASONS, CommentStatus, FlagReason
from consultation.feedback.models import Outcome
from consultation.suggestions.text import Block, blocks_from_data, blocks_rich_text, blocks_text

REASON_MAX_LENGTH = 1000


class SuggestionStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    NOT_ADOPTED = "not_adopted", "Not adopted"


# The five outcomes editors give comments, read as the four statuses a participant sees.
STATUS_FOR_OUTCOME = {
    Outcome.ACCEPTED: SuggestionStatus.ACCEPTED,
    Outcome.PARTLY_ACCEPTED: SuggestionStatus.PARTLY_ACCEPTED,
    Outcome.NOT_ADOPTED: SuggestionStatus.NOT_ADOPTED,
    Outcome.OUT_OF_SCOPE: SuggestionStatus.NOT_ADOPTED,
    Outcome.NOTED: SuggestionStatus.NOT_ADOPTED,
}


class SuggestionQuerySet(models.QuerySet):
    def on_page(self, page):
        return self.filter(page=page)

    def on_clause(self, clause_id: str):
        return self.filter(clause_id=clause_id)

    def visible(self):
        """What the public may read and what counts: published and not withdrawn."""
        return self.filter(moderation=CommentStatus.PUBLISHED, is_withdrawn=False)

    def with_support(self):
        return self.annotate(support_count=Count("supports", distinct=True))

    def by_support(self):
        """Most supported first, then the oldest: the order the discussion page lists."""
        return self.with_support().order_by("-support_count", "created_at", "pk")

    def needing_review(self):
        open_flags = SuggestionFlag.objects.filter(resolved_at__isnull=True).values("suggestion_id")
        return self.filter(Q(moderation=CommentStatus.HELD) | Q(pk__in=open_flags))

    def accepted_awaiting_version(self):
        """Accepted into a draft, not yet part of a published version."""
        return self.filter(accepted_revision__isnull=False, addressed_in__isnull=True)


class Suggestion(models.Model):
    """New wording for one clause, written against the clause as one version showed it."""

    page = models.ForeignKey(
        "consultation.GuidancePage", on_delete=models.CASCADE, related_name="suggestions"
    )
    clause_id = models.CharField(max_length=36, help_text="The clause's stable block id.")
    snapshot = models.ForeignKey(
        "consultation.ClauseSnapshot",
        on_delete=models.CASCADE,
        related_name="suggestions",
        help_text="The clause as it stood when the suggestion was written.",
    )
    participant = models.ForeignKey(
        "consultation.Participant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        help_text="Empty once the author deleted their account.",
    )
    body = models.JSONField(default=list, help_text="Paragraphs and list items, plain text.")
    proposition = models.CharField(max_length=300, blank=True)
    reason = models.TextField(max_length=REASON_MAX_LENGTH)
    credit_author = models.BooleanField(
        default=True, help_text="Name the author when the wording is used."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    status = models.CharField(
        max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    rationale = models.TextField(max_length=4000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    accepted_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The draft revision the wording was written into.",
    )
    addressed_in = models.ForeignKey(
        "consultation.GuidanceVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    author_told_at = models.DateTimeField(null=True, blank=True)

    moderation = models.CharField(
        max_length=12, choices=CommentStatus.choices, default=CommentStatus.PUBLISHED
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_withdrawn = models.BooleanField(default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["page", "clause_id", "moderation"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=SuggestionStatus.OPEN, outcome="")
                | (~Q(status=SuggestionStatus.OPEN) & ~Q(outcome="")),
                name="suggestion_status_follows_outcome",
            )
        ]

    def __str__(self):
        return f"Suggestion {self.pk} on clause {self.clause_id[:8]}"

    @property
    def blocks(self) -> list[Block]:
        return blocks_from_data(self.body)

    @property
    def text(self) -> str:
        return blocks_text(self.blocks)

    @property
    def rich_text(self) -> str:
        return blocks_rich_text(self.blocks)

    @property
    def is_visible(self) -> bool:
        return self.moderation == CommentStatus.PUBLISHED and not self.is_withdrawn

    @property
    def editors_acted(self) -> bool:
        return bool(self.outcome) or self.accepted_revision_id is not None

    @property
    def author_name(self) -> str:
        return self.participant.display_name if self.participant_id else FORMER_PARTICIPANT

    @property
    def author_perspective(self) -> str:
        return self.participant.perspectives_label if self.participant_id else ""

    @property
    def credit_name(self) -> str:
        """How a version's history credits the author."""
        if self.credit_author and self.participant_id:
            return self.participant.display_name
        return "a participant"

    @property
    def in_next_version(self) -> bool:
        return self.accepted_revision_id is not None and self.addressed_in_id is None


class SuggestionSupport(models.Model):
    """One participant backing one suggestion. The participant's perspectives are copied,
    as votes copy them, so counts by perspective survive a deleted account."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="supports")
    participant = models.ForeignKey(
        "consultation.Participant",
        null=True,
        blank=True,
        # A deleted account's support still counts, linked to no one (as votes do).
        on_delete=models.SET_NULL,
        related_name="suggestion_supports",
    )
    perspectives = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # The constraint, not a check in Python, is what holds under concurrent
            # requests. Unlinked rows (participant NULL) never conflict.
            models.UniqueConstraint(
                fields=["participant", "suggestion"], name="suggestion_support_once"
            )
        ]

    def __str__(self):
        return f"Support for suggestion {self.suggestion_id}"


class SuggestionFlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def urgent(self):
        return self.filter(reason__in=URGENT_REASONS)


class SuggestionFlag(models.Model):
    """A participant's concern about a suggestion, with the reasons comments use."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="concerns")
    participant = models.ForeignKey(
        "consultation.Participant", on_delete=models.CASCADE, related_name="suggestion_flags"
    )
    reason = models.CharField(max_length=24, choices=FlagReason.choices)
    note = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = SuggestionFlagQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "participant"], name="suggestion_flag_once_per_participant"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} (suggestion {self.suggestion_id})"
