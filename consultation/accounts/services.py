"""Participant accounts: creating the public profile, "My data", and deletion."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from consultation.accounts.models import Follow, Participant
from consultation.accounts.signals import (
    collect_participant_data,
    participant_deleting,
    participant_renamed,
)


def participant_create(
    *,
    user,
    display_name: str,
    perspectives: str = "",
    other_perspective: str = "",
    consented: bool = False,
) -> Participant | None:
    """The profile behind an account, or None when the name was taken a moment ago
    (the unique constraint decides under concurrency; the person then picks another)."""
    try:
        with transaction.atomic():
            return Participant.objects.create(
                user=user,
                display_name=display_name,
                perspectives=perspectives,
                other_perspective=other_perspective,
                consented_at=timezone.now() if consented else None,
            )
    except IntegrityError:
        return None


def participant_data(*, participant: Participant) -> dict:
    """Everything held about one participant, section by section, from every feature."""
    data = {}
    responses = collect_participant_data.send(sender=Participant, participant=participant)
    for _receiver, (section, section_data) in responses:
        data[section] = section_data
    return dict(sorted(data.items()))


def participant_profile_update(
    *, participant: Participant, display_name: str, perspectives: str, other_perspective: str = ""
) -> Participant | None:
    """Save a new display name or perspectives. Both are shown next to every comment, so
    features re-render what shows them (participant_renamed) once it commits. None when
    someone took the name (or one that looks the same) a moment ago."""
    try:
        return _profile_update(participant, display_name, perspectives, other_perspective)
    except IntegrityError:
        return None


def _profile_update(participant, display_name, perspectives, other_perspective):
    with transaction.atomic():
        before = Participant.objects.select_for_update().get(pk=participant.pk)
        participant.display_name = display_name
        participant.perspectives = perspectives
        participant.other_perspective = other_perspective
        participant.save(update_fields=["display_name", "perspectives", "other_perspective"])
        if (before.display_name, before.perspectives) != (display_name, perspectives):
            participant_renamed.send(sender=Participant, participant=participant)
    return participant


def participant_delete(*, user, keep_comments: bool) -> None:
    """Delete an account. Features decide what happens to their data through
    participant_deleting; every session of the account ends; email and display name
    become free again."""
    from allauth.usersessions.models import UserSession

    with transaction.atomic():
        participant = Participant.objects.select_for_update().filter(user=user).first()
        if participant is not None:
            participant_deleting.send(
                sender=Participant, participant=participant, keep_comments=keep_comments
            )
        for session in UserSession.objects.filter(user=user):
            session.end()
        user.delete()


def follow_create(*, participant: Participant, page) -> Follow:
    """Follow a guidance document; following it twice changes nothing."""
    follow, _ = Follow.objects.get_or_create(participant=participant, page=page)
    return follow


def follow_delete(*, participant: Participant, page) -> None:
    Follow.objects.filter(participant=participant, page=page).delete()


# The guidance page whose "follow this guidance" offer is due: set after a comment or a
# vote, shown (once) beside its confirmation while the participant does not follow it.
FOLLOW_OFFER_SESSION_KEY = "coproduce_follow_offer"


def follow_offer_make(*, session, page) -> None:
    session[FOLLOW_OFFER_SESSION_KEY] = page.pk


def follow_offer_take(*, session, participant, page) -> bool:
    """Whether to offer following `page` now: once after a contribution, never to someone
    who already follows it (the offer is a button, not a ticked box)."""
    if session.get(FOLLOW_OFFER_SESSION_KEY) != page.pk:
        return False
    session.pop(FOLLOW_OFFER_SESSION_KEY)
    return participant is not None and not Follow.objects.of(participant).for_page(page).exists()


def notifications_pause(*, participant: Participant, days: int) -> Participant:
    """No emails until `days` from now; what arrives meanwhile waits for the next digest."""
    participant.notifications_paused_until = timezone.now() + timedelta(days=days)
    participant.save(update_fields=["notifications_paused_until"])
    return participant


def notifications_resume(*, participant: Participant) -> Participant:
    participant.notifications_paused_until = None
    participant.save(update_fields=["notifications_paused_until"])
    return participant
