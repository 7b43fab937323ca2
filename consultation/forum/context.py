"""What a session page shows: the guidance, its clauses by id, and, for a signed-in
participant, whether they hold a place (in its own include, as per-person parts are)."""

from django.utils import timezone

from consultation.caching.page_cache import page_cache_depends
from consultation.forum.models import ForumRegistration
from consultation.forum.pages import ForumSessionPage
from consultation.forum.services import FORUM
from consultation.rounds import participant_for, refusal_to_take_part


def session_context(request, session) -> dict:
    page_cache_depends(request, FORUM)
    guidance = session.get_parent().specific
    clauses = {c.id: c for c in guidance.clauses}
    taken = ForumRegistration.objects.for_session(session).count()
    participant = participant_for(request.user)
    registered = (
        participant is not None
        and ForumRegistration.objects.filter(session=session, participant=participant).exists()
    )
    refusal = session.registration_refusal() or (
        (r := refusal_to_take_part(request.user, guidance)) and r.message
    )
    return {
        "guidance": guidance,
        "items": [(item, clauses.get(item.clause_id)) for item in session.agenda_items.all()],
        "places_left": max(session.capacity - taken, 0),
        "registered": registered,
        "registration_refusal": refusal or "",
        "signed_in": participant is not None,
    }


def _split(sessions):
    now = timezone.now()
    upcoming = [s for s in sessions if s.ends_at > now]
    past = [s for s in sessions if s.ends_at <= now][::-1]
    return upcoming, past


def sessions_of(guidance):
    """(upcoming, past) live, public sessions under a guidance page (one query)."""
    return _split(
        list(ForumSessionPage.objects.child_of(guidance).live().public().order_by("starts_at"))
    )


def sessions_everywhere(*, past_limit=3):
    """(upcoming, the latest past) live, public sessions of every guidance, for the home
    page (one query)."""
    upcoming, past = _split(list(ForumSessionPage.objects.live().public().order_by("starts_at")))
    return upcoming, past[:past_limit]
