"""Read-only facilitated input of live, public guidance: each group or event with its
kind, date, size and perspective mix, and its answers to clause statements as counts (its
comments are in /guidance/{id}/comments/, with `facilitated_source` set). Never who
entered it."""

from datetime import date

from ninja import Field, Router
from ninja.decorators import decorate_view

from consultation.api.guard import guarded
from consultation.api.guidance import Id, _page
from consultation.api.schemas import ERRORS, Out
from consultation.facilitation.models import FacilitatedSource, FacilitatedTally

router = Router(tags=["facilitated input"])


class TallyOut(Out):
    clause_id: str
    version: int
    counts: dict[str, int] = Field(
        description="People giving each answer: strongly_agree, agree, neither, disagree, "
        "strongly_disagree. Never merged into the individual vote results."
    )


class SourceOut(Out):
    id: int
    name: str
    kind: str
    held_on: date
    people: int
    perspective_counts: dict[str, int]
    tallies: list[TallyOut]


@router.get(
    "/{guidance_id}/facilitated/",
    response={200: list[SourceOut], **ERRORS},
    summary="Feedback gathered away from the site, by group or event",
)
@decorate_view(guarded())
def facilitated_list(request, guidance_id: Id):
    page = _page(guidance_id)
    sources = list(FacilitatedSource.objects.on_page(page).order_by("held_on", "pk"))
    tallies = {}
    for tally in FacilitatedTally.objects.filter(source__page=page).select_related(
        "snapshot__version"
    ):
        tallies.setdefault(tally.source_id, []).append(
            TallyOut(
                clause_id=tally.snapshot.clause_id,
                version=tally.snapshot.version.number,
                counts=dict(zip(FacilitatedTally.COUNT_FIELDS, tally.counts, strict=True)),
            )
        )
    return [
        SourceOut(
            id=s.pk,
            name=s.name,
            kind=s.kind,
            held_on=s.held_on,
            people=s.people,
            perspective_counts={k: int(v) for k, v in s.perspective_counts.items()},
            tallies=tallies.get(s.pk, []),
        )
        for s in sources
    ]
