import functools
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from consultation.accounts.names import (
    display_name_skeletons,
    has_invisible_characters,
    is_mixed_script_look_alike,
)

# Shown in place of a deleted participant's name on comments they chose to keep.
FORMER_PARTICIPANT = "Former participant"
EMAIL_LIKE = re.compile(r"\S+@\S+")


def validate_display_name(value):
    """A pseudonym must not give away an email address or pose as a deleted account."""
    if EMAIL_LIKE.search(value):
        raise ValidationError(
            "A display name cannot look like an email address: it is shown to everyone.",
            code="email_like",
        )
    if has_invisible_characters(value):
        raise ValidationError(
            "A display name cannot contain invisible or control characters.",
            code="invisible",
        )
    if is_mixed_script_look_alike(value):
        raise ValidationError(
            "A display name cannot mix letters from different alphabets that look alike. "
            "Use one alphabet.",
            code="mixed_script",
        )
    reserved = set(display_name_skeletons(FORMER_PARTICIPANT))
    if reserved & set(display_name_skeletons(value)):
        raise ValidationError(
            "That name is kept for comments from deleted accounts. Choose another.",
            code="reserved",
        )


class Perspective(models.TextChoices):
    LIVED_EXPERIENCE = "lived_experience", "Lived experience of mental health challenges"
    PEER_WORKER = "peer_worker", "Peer support worker or peer leader"
    CARER = "carer", "Family member or carer"
    CLINICIAN = "clinician", "Clinician or other health and care professional"
    EMPLOYER = "employer", "Employer or service manager"
    TRAINER = "trainer", "Trainer or educator"
    COMMISSIONER = "commissioner", "Commissioner or policy maker"
    OTHER = "other", "Other"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


# A person may hold several perspectives: stored as their values joined by commas, in the
# order above (so one combination has one spelling and tallies group by it in SQL).
SEPARATOR = ","
# The perspectives a person can choose today; "prefer not to say" is choosing none.
CHOOSABLE = [p for p in Perspective if p != Perspective.PREFER_NOT_TO_SAY]


def perspectives_join(values) -> str:
    chosen = set(values)
    return SEPARATOR.join(p.value for p in CHOOSABLE if p.value in chosen)


def perspectives_split(joined: str) -> list[str]:
    return [value for value in joined.split(SEPARATOR) if value] if joined else []


@functools.lru_cache(maxsize=1024)
def perspectives_label(joined: str) -> str:
    """Labels for people to read, "" when none was stated. Kept per combination (there
    are few): lists of comments ask once per comment."""
    labels = dict(Perspective.choices)
    return "; ".join(
        labels.get(value, value)
        for value in perspectives_split(joined)
        if value != Perspective.PREFER_NOT_TO_SAY
    )


def validate_perspectives(value: str) -> None:
    unknown = set(perspectives_split(value)) - set(Perspective.values)
    if unknown:
        raise ValidationError("Choose perspectives from the list.", code="invalid_choice")


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "Straight away"
    DAILY = "daily", "In a daily digest"
    NEVER = "never", "Never"


class ContentNotes(models.TextChoices):
    FIRST = "first", "Show the content note first; I open the clause when I am ready"
    EXPAND = "expand", "Always show the clause, with its content note above it"


class Participant(models.Model):
    """The public face of an account: a pseudonym and, if they choose, their perspectives."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participant"
    )
    display_name = models.CharField(
        max_length=40,
        validators=[MinLengthValidator(3), validate_display_name],
        help_text="Shown next to everything you write. Between 3 and 40 characters.",
    )
    perspectives = models.CharField(
        max_length=200,
        blank=True,
        default="",
        validators=[validate_perspectives],
        help_text="Perspective values joined by commas; empty when none was chosen.",
    )
    other_perspective = models.CharField(
        max_length=80,
        blank=True,
        default="",
        help_text="What 'Other' means for them. Private: editors see it only in aggregate.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When they agreed that what they write may reveal health information and is
    # published under their display name. Withdrawing consent means deleting the account.
    consented_at = models.DateTimeField(null=True, blank=True)
    notify_replies = models.CharField(
        "Replies to my comments",
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATELY,
    )
    notify_new_versions = models.CharField(
        "New versions of guidance I follow",
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATELY,
    )
    # What the name looks like (consultation/accounts/names.py): unique, so no one can pose
    # as another participant with look-alike letters. Empty only for names that clashed
    # before the rule (manage.py display_name_clashes lists them).
    display_name_skeleton = models.CharField(max_length=200, null=True, editable=False)
    display_name_folded_skeleton = models.CharField(max_length=200, null=True, editable=False)
    notify_responses = models.CharField(
        "Editors' responses to my feedback",
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATELY,
    )

    content_notes = models.CharField(
        "Clauses with a content note",
        max_length=8,
        choices=ContentNotes.choices,
        default=ContentNotes.FIRST,
    )
    # While set and in the future, nothing is emailed: what arrives waits for the first
    # digest after it (consultation/notifications/claims.py).
    notifications_paused_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("display_name"), name="participant_display_name_unique_ci"
            ),
            models.UniqueConstraint(
                fields=["display_name_skeleton"], name="participant_display_name_skeleton_unique"
            ),
            models.UniqueConstraint(
                fields=["display_name_folded_skeleton"],
                name="participant_display_name_folded_skeleton_unique",
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.display_name_skeleton, self.display_name_folded_skeleton = display_name_skeletons(
            self.display_name
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "display_name" in update_fields:
            kwargs["update_fields"] = {
                *update_fields,
                "display_name_skeleton",
                "display_name_folded_skeleton",
            }
        super().save(*args, **kwargs)

    @property
    def notifications_paused(self) -> bool:
        until = self.notifications_paused_until
        return until is not None and until > timezone.now()

    @property
    def perspective_list(self) -> list[str]:
        return perspectives_split(self.perspectives)

    @property
    def perspectives_label(self) -> str:
        return perspectives_label(self.perspectives)


class FollowQuerySet(models.QuerySet):
    def of(self, participant):
        return self.filter(participant=participant)

    def for_page(self, page):
        return self.filter(page=page)


class Follow(models.Model):
    """A participant following a guidance document, to hear about new versions."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="follows")
    page = models.ForeignKey(
        "consultation.GuidancePage", on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "page"], name="follow_once_per_page")
        ]

    def __str__(self):
        return f"{self.participant} follows {self.page}"
