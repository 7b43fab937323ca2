"""Registering for a forum session and cancelling. Every rule is checked here, on the
server: who may take part, the round's dates, the deadline and the capacity."""

from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from consultation.accounts.models import Participant
from consultation.caching.page_cache import invalidate_on_commit
from consultation.forum.models import ForumRegistration
from consultation.forum.tasks import registration_confirm
from consultation.rounds import ConsultationError, ensure_open

FORUM = "forum"


class RegistrationRefused(ConsultationError):
    status = 409
    default_message = "You could not be registered for this session."


class SessionFull(RegistrationRefused):
    default_message = "This session is full: every place has been taken."


class AlreadyRegistered(RegistrationRefused):
    default_message = "You are already registered for this session."


def registration_make(*, participant: Participant, session) -> ForumRegistration:
    """A place for `participant`, or RegistrationRefused. The session's row is locked
    while places are counted, so two people cannot take the last place at once; the
    unique constraint catches a double submission."""
    try:
        with transaction.atomic():
            locked = type(session).objects.select_for_update().get(pk=session.pk)
            ensure_open(locked.get_parent().specific)
            refusal = locked.registration_refusal()
            if refusal:
                raise RegistrationRefused(refusal)
            taken = ForumRegistration.objects.for_session(locked)
            if taken.filter(participant=participant).exists():
                raise AlreadyRegistered
            if taken.count() >= locked.capacity:
                raise SessionFull
            registration = ForumRegistration.objects.create(session=locked, participant=participant)
            invalidate_on_commit(session.pk, FORUM)
            transaction.on_commit(partial(registration_confirm, registration_id=registration.pk))
    except IntegrityError as error:
        raise AlreadyRegistered from error
    return registration


@transaction.atomic
def registration_cancel(*, participant: Participant, session) -> bool:
    """Give the place back (allowed until the session starts); True if there was one."""
    if timezone.now() >= session.starts_at:
        raise RegistrationRefused("This session has started, so places can no longer change.")
    deleted, _ = ForumRegistration.objects.filter(session=session, participant=participant).delete()
    invalidate_on_commit(session.pk, FORUM)
    return bool(deleted)
