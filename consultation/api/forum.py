"""Read-only forum sessions of live, public guidance: when and where, places, the agenda
with each item's figures, and after the session its summary and outcome. Never who
registered, and never the joining link (sent only to people who register)."""

from datetime import datetime

from django.utils import timezone
from ninja import Router
from ninja.decorators import decorate_view

from consultation.api.guard import guarded
from consultation.api.guidance import Id, _page
from consultation.api.schemas import ERRORS, Out
from consultation.forum.models import ForumRegistration
from consultation.forum.pages import ForumSessionPage

router = Router(tags=["forum sessions"])


class AgendaItemOut(Out):
    clause_id: str
    figures: str
    summary_html: str
    outcome: str | None


class SessionOut(Out):
    id: int
    title: str
    url: str
    starts_at: datetime
    ends_at: datetime
    format: str
    place: str
    capacity: int
    places_left: int
    registration_closes_at: datetime
    is_past: bool
    agenda: list[AgendaItemOut]


@router.get(
    "/{guidance_id}/sessions/",
    response={200: list[SessionOut], **ERRORS},
    summary="Forum sessions on this guidance, earliest first",
)
@decorate_view(guarded())
def session_list(request, guidance_id: Id):
    page = _page(guidance_id)
    sessions = list(
        ForumSessionPage.objects.child_of(page)
        .live()
        .public()
        .order_by("starts_at")
        .prefetch_related("agenda_items")
    )
    taken = {}
    for session_id in ForumRegistration.objects.filter(session__in=sessions).values_list(
        "session_id", flat=True
    ):
        taken[session_id] = taken.get(session_id, 0) + 1
    now = timezone.now()
    return [
        SessionOut(
            id=s.pk,
            title=s.title,
            url=s.full_url,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            format=s.format,
            place=s.place,
            capacity=s.capacity,
            places_left=max(s.capacity - taken.get(s.pk, 0), 0),
            registration_closes_at=s.registration_closes_at,
            is_past=s.is_past(now),
            agenda=[
                AgendaItemOut(
                    clause_id=item.clause_id,
                    figures=item.figures,
                    summary_html=item.summary if s.is_past(now) else "",
                    outcome=item.outcome or None,
                )
                for item in s.agenda_items.all()
            ],
        )
        for s in sessions
    ]
