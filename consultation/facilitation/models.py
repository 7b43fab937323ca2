"""Feedback gathered away from the site: workshops, focus groups, peer networks, paper
forms, calls and emails, keyed in by a facilitator.

A `FacilitatedSource` is the group or event; what its people said becomes ordinary
`GuidanceComment` rows pointing at it (`GuidanceComment.source`), so threads, replies,
themes, responses and "you said, we did" treat them like any comment. They carry no
participant and no user: they belong to the group, never to a person, so no one's My data
or account deletion reaches them. Aggregate answers (a show of hands, a paper tally) are
`FacilitatedTally` rows, counted beside individual votes and never merged into them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from consultation.accounts.models import Perspective
from consultation.voting.models import Choice


class SourceKind(models.TextChoices):
    WORKSHOP = "workshop", "Workshop"
    FOCUS_GROUP = "focus_group", "Focus group"
    PEER_NETWORK = "peer_network", "Peer network meeting"
    PAPER_FORM = "paper_form", "Paper forms"
    PHONE = "phone", "Phone calls"
    EMAIL = "email", "Emails"


PERSPECTIVE_CHOICES = [(p.value, p.label) for p in Perspective]


class FacilitatedSourceQuerySet(models.QuerySet):
    def on_page(self, page):
        return self.filter(page=page)


class FacilitatedSource(models.Model):
    page = models.ForeignKey(
        "consultation.GuidancePage", on_delete=models.CASCADE, related_name="facilitated_sources"
    )
    name = models.CharField(
        max_length=200,
        help_text="The group or event, as it should be shown: “Peer workers' network, Leeds”.",
    )
    kind = models.CharField(max_length=16, choices=SourceKind.choices)
    held_on = models.DateField("Date")
    people = models.PositiveIntegerField("Number of people")
    # {perspective value: how many people present held it}; may add up to more than
    # `people`, as one person may hold several perspectives.
    perspective_counts = models.JSONField(default=dict, blank=True)
    consent_confirmed = models.BooleanField(
        "The people present agreed to their words being published"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The facilitator who entered it; empty once their account is deleted.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FacilitatedSourceQuerySet.as_manager()

    class Meta:
        verbose_name = "facilitated source"
        permissions = [
            ("enter_facilitated_input", "Can enter feedback gathered away from the site")
        ]
        constraints = [
            # Nothing is published in a group's name without its agreement: the database
            # refuses the row, whatever a form forgot.
            models.CheckConstraint(
                condition=Q(consent_confirmed=True), name="facilitated_source_consent"
            ),
            models.CheckConstraint(condition=Q(people__gt=0), name="facilitated_source_people"),
        ]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        noun = "person" if self.people == 1 else "people"
        return f"{self.name} ({self.people} {noun})"

    @property
    def description(self) -> str:
        return f"{self.get_kind_display()}, {self.held_on:%-d %B %Y}"

    def perspective_rows(self):
        labels = dict(PERSPECTIVE_CHOICES)
        return [
            (labels.get(key, key), count) for key, count in self.perspective_counts.items() if count
        ]


class FacilitatedTally(models.Model):
    """A group's answers to one clause's statement in one version, as counts per answer."""

    source = models.ForeignKey(FacilitatedSource, on_delete=models.CASCADE, related_name="tallies")
    snapshot = models.ForeignKey(
        "consultation.ClauseSnapshot", on_delete=models.CASCADE, related_name="facilitated_tallies"
    )
    strongly_agree = models.PositiveIntegerField(default=0)
    agree = models.PositiveIntegerField(default=0)
    neither = models.PositiveIntegerField(default=0)
    disagree = models.PositiveIntegerField(default=0)
    strongly_disagree = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "facilitated tally"
        verbose_name_plural = "facilitated tallies"
        constraints = [
            models.UniqueConstraint(fields=["source", "snapshot"], name="facilitated_tally_once")
        ]

    def __str__(self):
        return f"{self.source.name}: clause snapshot {self.snapshot_id}"

    COUNT_FIELDS = ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree"]

    @property
    def counts(self) -> list[int]:
        """Counts in the order of `Choice` (1 to 5)."""
        return [getattr(self, name) for name in self.COUNT_FIELDS]

    @property
    def total(self) -> int:
        return sum(self.counts)


CHOICE_FIELDS = dict(zip(Choice, FacilitatedTally.COUNT_FIELDS, strict=True))
