"""Forms and filters for the editors' feedback workspace."""

import re

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from wagtail.admin.filters import WagtailFilterSet

from consultation.accounts.models import CHOOSABLE
from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import FeedbackResponse, Outcome
from consultation.plain_text import CleanCharField
from consultation.versions.models import GuidanceVersion

STATUS_CHOICES = [
    ("awaiting", "Awaiting a response"),
    ("responded", "Responded"),
    ("flagged", "Flagged"),
]


CHOOSABLE_CHOICES = [(p.value, p.label) for p in CHOOSABLE]


class ThreadFilterSet(WagtailFilterSet):
    """Filters the top-level comments (threads) of one guidance document."""

    q = django_filters.CharFilter(label="Search comment text", method="search")
    clause = django_filters.ChoiceFilter(label="Clause", field_name="clause_id")
    version = django_filters.ModelChoiceFilter(
        label="Version", queryset=GuidanceVersion.objects.none()
    )
    perspective = django_filters.ChoiceFilter(
        label="Perspective", choices=CHOOSABLE_CHOICES, method="holding"
    )
    status = django_filters.ChoiceFilter(label="Status", choices=STATUS_CHOICES, method="by_status")

    class Meta:
        model = GuidanceComment
        fields = []

    def holding(self, queryset, name, value):
        # One of the participant's joined perspectives (see accounts.models), whole values only.
        return queryset.filter(participant__perspectives__regex=rf"(^|,){re.escape(value)}(,|$)")

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["clause"].extra["choices"] = [
            ("", "The whole document"),
            *[(c.id, f"{c.number}. {c.heading}") for c in page.clauses],
        ]
        self.filters["version"].queryset = GuidanceVersion.objects.filter(page=page).order_by(
            "number"
        )

    def search(self, queryset, name, value):
        return queryset.filter(comment__icontains=value.strip()) if value.strip() else queryset

    def by_status(self, queryset, name, value):
        responded = Exists(FeedbackResponse.objects.filter(comment=OuterRef("pk")))
        if value == "awaiting":
            return queryset.filter(~responded)
        if value == "responded":
            return queryset.filter(responded)
        if value == "flagged":
            # A thread needs attention when any comment in it waits for a moderator.
            needing_review = GuidanceComment.objects.needing_review()
            return queryset.filter(pk__in=needing_review.values("thread_id"))
        return queryset


class ResponseForm(forms.Form):
    outcome = forms.ChoiceField(choices=Outcome.choices, widget=forms.RadioSelect, label="Outcome")
    rationale = CleanCharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        label="Public rationale",
        help_text="Shown to everyone next to the comment. Say what you did and why, plainly.",
    )
    version = forms.ModelChoiceField(
        queryset=GuidanceVersion.objects.none(),
        required=False,
        label="Addressed in version",
        help_text="Leave empty if no version addresses it (yet).",
    )
    clause_ids = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Clauses that address it",
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = GuidanceVersion.objects.filter(page=page).order_by(
            "-number"
        )
        self.fields["version"].label_from_instance = lambda v: f"Version {v.number}: {v.title}"
        self.fields["clause_ids"].choices = [
            (c.id, f"{c.number}. {c.heading}") for c in page.clauses
        ]
