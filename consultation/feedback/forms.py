"""Forms and filters for the editors' feedback workspace."""

import re

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from wagtail.admin.filters import WagtailFilterSet

from consultation.accounts.models import CHOOSABLE
from consultation.discussion.models import CommentStatus, GuidanceComment
from consultation.feedback.models import FeedbackResponse, Outcome, Theme
from consultation.plain_text import CleanCharField
from consultation.versions.models import GuidanceVersion

STATUS_CHOICES = [
    ("awaiting", "Awaiting a response"),
    ("responded", "Responded"),
    ("next_version", "Waiting for the next version"),
    ("needs_review", "Marked as needing review"),
    ("flagged", "Flagged"),
    ("held", "Held for review"),
    ("removed", "Removed by a moderator"),
    ("withdrawn", "Withdrawn by its author"),
]
NEXT_VERSION = "next"


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
    theme = django_filters.ModelChoiceFilter(
        label="Theme", queryset=Theme.objects.none(), field_name="themes"
    )
    outcome = django_filters.ChoiceFilter(
        label="Outcome", choices=Outcome.choices, field_name="feedback_response__outcome"
    )

    class Meta:
        model = GuidanceComment
        fields = []

    def holding(self, queryset, name, value):
        # One of the participant's joined perspectives (see accounts.models), whole values
        # only; or a facilitated group where someone present held it (a JSON key lookup,
        # on SQLite and PostgreSQL alike; `value` is one of the fixed choices).
        return queryset.filter(
            Q(participant__perspectives__regex=rf"(^|,){re.escape(value)}(,|$)")
            | Q(**{f"source__perspective_counts__{value}__gt": 0})
        )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["clause"].extra["choices"] = [
            ("", "The whole document"),
            *[(c.id, f"{c.number}. {c.heading}") for c in page.clauses],
        ]
        self.filters["version"].queryset = GuidanceVersion.objects.filter(page=page).order_by(
            "number"
        )
        self.filters["theme"].queryset = Theme.objects.on_page(page)

    def search(self, queryset, name, value):
        return queryset.filter(comment__icontains=value.strip()) if value.strip() else queryset

    def by_status(self, queryset, name, value):
        responded = Exists(FeedbackResponse.objects.filter(comment=OuterRef("pk")))
        visible = Q(status=CommentStatus.PUBLISHED, is_withdrawn=False)
        if value == "awaiting":
            return queryset.filter(visible).filter(~responded)
        if value == "responded":
            return queryset.filter(responded)
        if value == "next_version":
            return queryset.filter(feedback_response__awaiting_next_version=True)
        if value == "needs_review":
            return queryset.filter(review_mark__isnull=False)
        if value == "withdrawn":
            return queryset.filter(is_withdrawn=True)
        if value in (CommentStatus.HELD, CommentStatus.REMOVED):
            return queryset.filter(status=value, is_withdrawn=False)
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
    version = forms.ChoiceField(
        required=False,
        label="Addressed in version",
        help_text="“The next version” links it to the version you are drafting when it is "
        "published; the author is told then, once. Leave empty if no version addresses it.",
    )
    clause_ids = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Clauses that address it",
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.versions = {
            str(v.pk): v for v in GuidanceVersion.objects.filter(page=page).order_by("-number")
        }
        self.fields["version"].choices = version_choices(self.versions.values())
        self.fields["clause_ids"].choices = [
            (c.id, f"{c.number}. {c.heading}") for c in page.clauses
        ]

    def clean(self):
        data = super().clean()
        chosen = data.get("version") or ""
        data["next_version"] = chosen == NEXT_VERSION
        data["version"] = self.versions.get(chosen)
        return data


def version_choices(versions) -> list[tuple[str, str]]:
    return [
        ("", "Not linked to a version"),
        (NEXT_VERSION, "The next version (linked when it is published)"),
        *[(str(v.pk), f"Version {v.number}: {v.title}") for v in versions],
    ]
