"""The forum's answers to account-wide signals: registrations in My data, and given back
when an account is deleted (a deleted person holds no place)."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from consultation.accounts.models import Participant
from consultation.accounts.signals import collect_participant_data, participant_deleting
from consultation.caching.page_cache import invalidate_on_commit, page_cache_invalidate
from consultation.forum.models import ForumRegistration
from consultation.forum.pages import ForumSessionPage
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


def session_changed(sender, instance, **kwargs):
    """A session published, unpublished or deleted: its guidance's lists and summaries are
    read anew (forum/context.py, forum/outcomes.py)."""
    parent_path = instance.path[: -Page.steplen]
    for guidance_id in Page.objects.filter(path=parent_path).values_list("pk", flat=True):
        page_cache_invalidate(guidance_id, FORUM)


def connect() -> None:
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(
            session_changed, sender=ForumSessionPage, dispatch_uid=f"forum_session_{id(signal)}"
        )
    collect_participant_data.connect(
        registrations_data, sender=Participant, dispatch_uid="forum_registrations_data"
    )
    participant_deleting.connect(
        registrations_give_back, sender=Participant, dispatch_uid="forum_registrations_deleted"
    )
