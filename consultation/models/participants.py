from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


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


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "Straight away"
    DAILY = "daily", "In a daily digest"
    NEVER = "never", "Never"


class Participant(models.Model):
    """The public face of an account: a pseudonym and, if they choose, a perspective."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participant"
    )
    display_name = models.CharField(max_length=40)
    perspective = models.CharField(
        max_length=32, choices=Perspective.choices, blank=True, default=""
    )
    created_at = models.DateTimeField(auto_now_add=True)
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
    notify_responses = models.CharField(
        "Editors' responses to my feedback",
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATELY,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("display_name"), name="participant_display_name_unique_ci"
            )
        ]

    def __str__(self):
        return self.display_name
