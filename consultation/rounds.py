"""The rules every feature shares: when a round is open, who may take part, and the one
family of errors that says no.

Each write (a comment, a reply, a flag, a vote) asks `participant_taking_part` before it
reads the form, and its service asks `ensure_open` again inside the write, so a request
that raced a round's closing is refused as well. Views turn a `ConsultationError` into a
response in one place per feature: the message is written for the participant.
"""

from allauth.account.models import EmailAddress

from consultation.accounts.models import Participant


class ConsultationError(Exception):
    """A request the consultation's rules refuse. `message` says why, in plain words;
    `status` is the HTTP status a view answers with."""

    status = 400
    default_message = "This could not be done."

    def __init__(self, message: str | None = None):
        self.message = message or self.default_message
        super().__init__(self.message)


class ConsultationClosed(ConsultationError):
    status = 403

    def __init__(self, page):
        self.page = page
        super().__init__(
            f"“{page.title}” is not open for feedback at the moment, so nothing new can be added."
        )


class NotAParticipant(ConsultationError):
    """Signed out, no participant profile yet, or email address not verified."""

    status = 403
    default_message = "Sign in and choose a display name to take part."


def is_open(page, now=None) -> bool:
    """Whether the round takes comments and votes: the page's status is the one answer."""
    return page.is_open_for_feedback(now)


def ensure_open(page, now=None) -> None:
    if not is_open(page, now):
        raise ConsultationClosed(page)


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
    if getattr(user, "_coproduce_email_verified", False):
        return True
    verified = EmailAddress.objects.filter(user=user, verified=True).exists()
    if verified:
        user._coproduce_email_verified = True
    return verified


def can_contribute(user) -> bool:
    """Signed in, with a display name and a verified address: may write once a round opens."""
    return participant_for(user) is not None and has_verified_email(user)


def contributing_participant(user) -> Participant:
    """The participant behind a write, or NotAParticipant explaining what is missing."""
    participant = participant_for(user)
    if participant is None:
        raise NotAParticipant("Sign in and choose a display name to take part.")
    if not has_verified_email(user):
        raise NotAParticipant("Confirm your email address to take part.")
    return participant


def participant_taking_part(user, page) -> Participant:
    """Who may take part in `page`'s round: a signed-in participant with a verified
    address, while the round is open. Raises the ConsultationError that says why not."""
    participant = contributing_participant(user)
    ensure_open(page)
    return participant


def refusal_to_take_part(user, page) -> ConsultationError | None:
    """Why `user` may not take part in `page`'s round now, or None if they may: for pages
    that show a form or explain its absence. A closed round is said first: signing in
    would not help."""
    try:
        ensure_open(page)
        contributing_participant(user)
    except ConsultationError as refusal:
        return refusal
    return None


def is_editor(user, page) -> bool:
    """Editors of a page may see what participants may not yet (results while a round runs)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or page.permissions_for_user(user).can_publish()
