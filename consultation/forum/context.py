"""What a session page shows: the guidance, its clauses by id, and, for a signed-in
participant, whether they hold a place (in its own include, as per-person parts are)."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from consultation.caching.page_cache import (
    page_cache_depends,
    site_generation,
    topic_generation,
)
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


@dataclass(frozen=True)
class SessionLine:
    title: str
    url: str
    starts_at: datetime
    ends_at: datetime
    format_label: str


def _lines(key, sessions, generation) -> list[SessionLine]:
    """Sessions as plain values, cached under a token that publishing a session replaces
    (forum/receivers.py), for a few minutes, as sessions move into the past."""
    key = f"forum:sessions:{key}:{generation}"
    found = cache.get(key)
    if found is None:
        found = [
            SessionLine(s.title, s.url, s.starts_at, s.ends_at, s.get_format_display())
            for s in sessions.live().public().order_by("starts_at")
        ]
        cache.set(key, found, 300)
    return found


def _split(lines):
    now = timezone.now()
    upcoming = [s for s in lines if s.ends_at > now]
    past = [s for s in lines if s.ends_at <= now][::-1]
    return upcoming, past


def sessions_of(guidance):
    """(upcoming, past) live, public sessions under a guidance page."""
    generation = topic_generation(guidance.pk, FORUM)
    return _split(_lines(guidance.pk, ForumSessionPage.objects.child_of(guidance), generation))


def sessions_everywhere(*, past_limit=3):
    """(upcoming, the latest past) live, public sessions of every guidance (home page)."""
    generation = site_generation()  # the home page lists every guidance's sessions
    upcoming, past = _split(_lines("all", ForumSessionPage.objects.all(), generation))
    return upcoming, past[:past_limit]
