"""Registrations for forum sessions. The session pages and their agenda items are Wagtail
pages (`pages.py`); this module holds what participants write."""

from django.db import models


class Outcome(models.TextChoices):
    REDRAFT = "redraft", "Agreed to redraft"
    NO_CHANGE = "no_change", "No change"
    MORE_EVIDENCE = "more_evidence", "Needs more evidence"


class SessionFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "In person and online"


class ForumRegistrationQuerySet(models.QuerySet):
    def for_session(self, session):
        return self.filter(session=session)

    def to_remind(self, *, starting_from, starting_before):
        return self.filter(
            reminded_at__isnull=True,
            session__starts_at__gte=starting_from,
            session__starts_at__lt=starting_before,
            session__live=True,
        )


class ForumRegistration(models.Model):
    """A participant's place at a session. One per participant and session: the unique
    constraint holds under double submission; the capacity is held by locking the session
    row while counting (services.registration_make)."""

    session = models.ForeignKey(
        "consultation.ForumSessionPage", on_delete=models.CASCADE, related_name="registrations"
    )
    participant = models.ForeignKey(
        "consultation.Participant", on_delete=models.CASCADE, related_name="forum_registrations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = ForumRegistrationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="forum_registration_once"
            )
        ]
        permissions = [("view_forum_attendees", "Can see and export forum attendee lists")]

    def __str__(self):
        return f"Registration {self.pk} for session {self.session_id}"
