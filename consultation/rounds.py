"""Who may take part, and when. Every write path (comments, votes, flags) asks here."""

from django.core.exceptions import PermissionDenied

from consultation.accounts.models import Participant


class ConsultationClosed(PermissionDenied):
    def __init__(self, page):
        self.page = page
        super().__init__(
            f"“{page.title}” is not open for feedback at the moment, so nothing new can be added."
        )


class NotAParticipant(PermissionDenied):
    """Signed out, no participant profile yet, or email address not verified."""


def participant_for(user) -> Participant | None:
    if not user.is_authenticated:
        return None
    try:
        return user.participant
    except Participant.DoesNotExist:
        return None


def has_verified_email(user) -> bool:
    """Remembered on the user object once true: a page asks for each feature it shows, and
    an address is not unverified again within one request."""
    from allauth.account.models import EmailAddress

    if getattr(user, "_coproduce_email_verified", False):
        return True
    verified = EmailAddress.objects.filter(user=user, verified=True).exists()
    if verified:
        user._coproduce_email_verified = True
    return verified


def can_contribute(user) -> bool:
    return participant_for(user) is not None and has_verified_email(user)


def contributing_participant(user) -> Participant:
    """The participant behind a write, or NotAParticipant explaining what is missing."""
    participant = participant_for(user)
    if participant is None:
        raise NotAParticipant("Sign in and choose a display name to take part.")
    if not has_verified_email(user):
        raise NotAParticipant("Confirm your email address to take part.")
    return participant


def ensure_open(page, now=None):
    if not page.is_open_for_feedback(now):
        raise ConsultationClosed(page)
