"""Read-only endpoints for live, public guidance: documents, versions, results, comments.

Each endpoint runs a fixed number of queries whatever the amount of data: lists come from
one query each, results from consultation.voting.results (one aggregate, cached), comments with
their authors and responses joined in."""

from typing import Annotated

from django.conf import settings
from django.db.models import Max
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view
from wagtail.rich_text import expand_db_html

from consultation.accounts.models import Perspective, perspectives_split
from consultation.api.guard import guarded
from consultation.api.schemas import (
    ERRORS,
    ClauseOut,
    CommentPage,
    GuidanceOut,
    ResultsOut,
    VersionDetailOut,
    VersionOut,
)
from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import public_themes
from consultation.guidance.models import GuidancePage
from consultation.versions.diff import text_blocks
from consultation.voting.results import page_results, results_hidden_reason

router = Router(tags=["guidance"])

# Ids and numbers beyond what the database holds are refused as 422, never sent to it.
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
MAX_LIMIT = 100
BODY_SEPARATOR = "<!-- coproduce:clause -->"


def _public_pages():
    return GuidancePage.objects.live().public()


def _page(guidance_id: int) -> GuidancePage:
    page = _public_pages().filter(pk=guidance_id).first()
    if page is None:
        raise Http404("No live, public guidance has this id.")
    return page


def _version(page, number: int):
    version = page.versions.filter(number=number).first()
    if version is None:
        raise Http404(f"This guidance has no version {number}.")
    return version


@router.get("/", response={200: list[GuidanceOut], **ERRORS}, summary="Live, public guidance")
@decorate_view(guarded())
def guidance_list(request):
    pages = _public_pages().annotate(current_number=Max("versions__number")).order_by("pk")
    return [
        GuidanceOut(
            id=page.pk,
            title=page.title,
            url=page.get_full_url(request) or "",
            status=page.status().value,
            opens_at=page.opens_at,
            closes_at=page.closes_at,
            current_version=page.current_number,
        )
        for page in pages
    ]


def _version_out(version) -> VersionOut:
    return VersionOut(
        number=version.number,
        title=version.title,
        summary=version.summary,
        change_summary=version.change_summary,
        published_at=version.published_at,
    )


@router.get(
    "/{guidance_id}/versions/",
    response={200: list[VersionOut], **ERRORS},
    summary="Every published version of a document",
)
@decorate_view(guarded())
def version_list(request, guidance_id: Id):
    page = _page(guidance_id)
    return [_version_out(v) for v in page.versions.order_by("number")]


@router.get(
    "/{guidance_id}/versions/{number}/",
    response={200: VersionDetailOut, **ERRORS},
    summary="One version with its clauses as published",
)
@decorate_view(guarded())
def version_detail(request, guidance_id: Id, number: Id):
    page = _page(guidance_id)
    version = _version(page, number)
    snapshots = list(version.clauses.order_by("number"))
    # One expansion for all bodies, so links to pages and documents are fetched together.
    html = expand_db_html(BODY_SEPARATOR.join(s.body for s in snapshots)).split(BODY_SEPARATOR)
    return VersionDetailOut(
        guidance_id=page.pk,
        **_version_out(version).model_dump(),
        clauses=[
            ClauseOut(
                clause_id=s.clause_id,
                number=s.number,
                heading=s.heading,
                body_text="\n\n".join(block.text for block in text_blocks(s.body)),
                body_html=body_html,
                proposition=s.proposition,
                plain_summary=s.plain_summary,
            )
            for s, body_html in zip(snapshots, html, strict=True)
        ],
    )


def _clause_result(entry) -> dict:
    """A ClauseResultOut as plain data: the response is validated once, as a whole, when it
    is sent (an Out built here would be validated again there, with each nested one)."""
    result, snapshot = entry.result, entry.snapshot
    return {
        "clause_id": snapshot.clause_id,
        "number": snapshot.number,
        "proposition": snapshot.proposition,
        "suppressed": result.too_few,
        "total": None if result.too_few else result.total,
        "agree_percent": result.agree_percent,
        "mark": result.mark,
        "answers": [
            {
                "answer": answer.choice.value,
                "label": answer.label,
                "count": None if result.too_few else answer.count,
            }
            for answer in result.answers
        ],
        "perspectives": [
            {
                "perspective": group.key,
                "label": group.label,
                "suppressed": group.too_few,
                "total": None if group.too_few else group.total,
                "agree_percent": group.agree_percent,
            }
            for group in result.groups
        ],
    }


@router.get(
    "/{guidance_id}/versions/{number}/results/",
    response={200: ResultsOut, **ERRORS},
    summary="Vote results of one version, small groups suppressed",
)
@decorate_view(guarded())
def version_results(request, guidance_id: Id, number: Id):
    page = _page(guidance_id)
    version = _version(page, number)
    # The API answers as the public does: no one has voted, no one is an editor.
    reason = results_hidden_reason(page, answered=False, editor=False, version=version)
    entries = [] if reason else page_results(page, version).values()
    return {
        "guidance_id": page.pk,
        "version": version.number,
        "minimum_group_size": settings.COPRODUCE_VOTE_MIN_GROUP,
        "available": not reason,
        "hidden_reason": reason or None,
        "clauses": [_clause_result(e) for e in sorted(entries, key=lambda e: e.snapshot.number)],
    }


class CommentFilters(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=2**31 - 1)
    clause: str | None = Field(None, max_length=36, description="A clause's stable id")
    version: int | None = Field(None, ge=1, le=2**31 - 1, description="A version number")


# Plain data, validated once as the response is sent (see _clause_result).
def _response(comment) -> dict | None:
    try:
        response = comment.feedback_response
    except GuidanceComment.feedback_response.RelatedObjectDoesNotExist:
        return None
    return {
        "outcome": response.outcome,
        "outcome_label": response.get_outcome_display(),
        "rationale": response.rationale,
        "responded_at": response.responded_at,
    }


def _comment_out(comment) -> dict:
    participant = comment.participant
    return {
        "id": comment.pk,
        "parent_id": None if comment.parent_id in (None, comment.pk) else comment.parent_id,
        # A facilitated comment is in its group's name (consultation/facilitation/).
        "display_name": comment.author_name,
        "perspectives": [
            value
            for value in perspectives_split(participant.perspectives if participant else "")
            if value != Perspective.PREFER_NOT_TO_SAY
        ],
        "clause_id": comment.clause_id or None,
        "version": comment.version.number,
        "text": comment.comment,
        "submitted": comment.submit_date,
        "response": _response(comment),
        "themes": [theme.name for theme in comment.public_themes],
        "facilitated_source": comment.source_id,
    }


@router.get(
    "/{guidance_id}/comments/",
    response={200: CommentPage, **ERRORS},
    summary="Visible public comments, oldest first",
)
@decorate_view(guarded(allowed=frozenset(CommentFilters.model_fields)))
def comment_list(request, guidance_id: Id, filters: Query[CommentFilters]):
    page = _page(guidance_id)
    comments = GuidanceComment.objects.on_page(page).visible()
    if filters.clause is not None:
        comments = comments.on_clause(filters.clause)
    if filters.version is not None:
        comments = comments.filter(version__number=filters.version)
    # The window's ids first, from the comments table alone: with its joins in the same
    # query, PostgreSQL joins every row the offset skips (10,000 at offset 10,000).
    ids = list(
        comments.select_related(None)
        .order_by("pk")
        .values_list("pk", flat=True)[filters.offset : filters.offset + filters.limit]
    )
    window = (
        GuidanceComment.objects.filter(pk__in=ids)
        # Not xtd's user and content type, which the API never shows.
        .select_related(None)
        .select_related("participant", "source", "version", "feedback_response")
        .prefetch_related(public_themes())
        .order_by("pk")
    )
    return {
        "count": comments.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_comment_out(c) for c in window],
    }
