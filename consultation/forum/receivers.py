"""The forum's answers to account-wide signals: registrations in My data, and given back
when an account is deleted (a deleted person holds no place)."""

from consultation.accounts.models import Participant
from consultation.accounts.signals import collect_participant_data, participant_deleting
from consultation.caching.page_cache import invalidate_on_commit
from consultation.forum.models import ForumRegistration
from consultation.forum.services import FORUM


def registrations_data(sender, participant, **kwargs):
    registrations = (
        ForumRegistration.objects.filter(participant=participant)
        .select_related("session")
        .order_by("created_at")
    )
    return "forum_registrations", [
        {
            "session": r.session.title,
            "url": r.session.full_url,
            "starts_at": r.session.starts_at.isoformat(),
            "registered_at": r.created_at.isoformat(),
            "reminded_at": r.reminded_at.isoformat() if r.reminded_at else None,
        }
        for r in registrations
    ]


def registrations_give_back(sender, participant, **kwargs):
    mine = ForumRegistration.objects.filter(participant=participant)
    for session_id in set(mine.values_list("session_id", flat=True)):
        invalidate_on_commit(session_id, FORUM)
    mine.delete()


def connect() -> None:
    collect_participant_data.connect(
        registrations_data, sender=Participant, dispatch_uid="forum_registrations_data"
    )
    participant_deleting.connect(
        registrations_give_back, sender=Participant, dispatch_uid="forum_registrations_deleted"
    )
