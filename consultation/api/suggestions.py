"""`/api/v1/guidance/{id}/suggestions/`: public suggested wording (published, not
withdrawn), with its support and the editors' answer. Two queries whatever the page size:
the count and the window with authors, snapshots and support joined in."""

from datetime import datetime

from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from consultation.accounts.models import FORMER_PARTICIPANT, Perspective, perspectives_split
from consultation.api.guard import guarded
from consultation.api.guidance import MAX_LIMIT, Id, _page
from consultation.api.schemas import ERRORS, Out
from consultation.suggestions.models import Suggestion

router = Router(tags=["suggestions"])


class SuggestionBlockOut(Out):
    kind: str = Field(description="“p” for a paragraph, “li” for a list item")
    list_type: str = Field(description="“ul” or “ol” for list items, empty for paragraphs")
    text: str


class SuggestionOut(Out):
    id: int
    clause_id: str
    written_on_version: int
    display_name: str
    perspectives: list[str]
    wording: list[SuggestionBlockOut] = Field(description="Plain text, never markup")
    proposition: str
    reason: str
    supporters: int
    status: str
    outcome: str | None
    rationale: str | None
    in_version: int | None
    submitted: datetime


class SuggestionPage(Out):
    count: int
    limit: int
    offset: int
    items: list[SuggestionOut]


class SuggestionFilters(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=2**31 - 1)
    clause: str | None = Field(None, max_length=36, description="A clause's stable id")


def _out(suggestion: Suggestion) -> SuggestionOut:
    participant = suggestion.participant
    return SuggestionOut(
        id=suggestion.pk,
        clause_id=suggestion.clause_id,
        written_on_version=suggestion.snapshot.version.number,
        display_name=participant.display_name if participant else FORMER_PARTICIPANT,
        perspectives=[
            value
            for value in perspectives_split(participant.perspectives if participant else "")
            if value != Perspective.PREFER_NOT_TO_SAY
        ],
        wording=[
            SuggestionBlockOut(kind=b.kind, list_type=b.list_type, text=b.text)
            for b in suggestion.blocks
        ],
        proposition=suggestion.proposition,
        reason=suggestion.reason,
        supporters=suggestion.support_count,
        status=suggestion.status,
        outcome=suggestion.outcome or None,
        rationale=suggestion.rationale or None,
        in_version=suggestion.addressed_in.number if suggestion.addressed_in else None,
        submitted=suggestion.created_at,
    )


@router.get(
    "/{guidance_id}/suggestions/",
    response={200: SuggestionPage, **ERRORS},
    summary="Public suggested wording, most supported first",
)
@decorate_view(guarded(allowed=frozenset(SuggestionFilters.model_fields)))
def suggestion_list(request, guidance_id: Id, filters: Query[SuggestionFilters]):
    page = _page(guidance_id)
    suggestions = Suggestion.objects.on_page(page).visible()
    if filters.clause is not None:
        suggestions = suggestions.on_clause(filters.clause)
    window = suggestions.by_support().select_related(
        "participant", "snapshot__version", "addressed_in"
    )[filters.offset : filters.offset + filters.limit]
    return SuggestionPage(
        count=suggestions.count(),
        limit=filters.limit,
        offset=filters.offset,
        items=[_out(s) for s in window],
    )
