"""The open-data API's response schemas: every response, errors included, is one of these."""

from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict


class Out(Schema):
    """Responses carry exactly the declared fields (additionalProperties: false)."""

    model_config = ConfigDict(extra="forbid")


class ErrorItem(Out):
    loc: list[str | int]
    msg: str
    type: str


class Error(Out):
    """Every error: a sentence for 404 and 429, a list of what was wrong for 422."""

    detail: str | list[ErrorItem]


ERRORS = {404: Error, 422: Error, 429: Error}


class GuidanceOut(Out):
    id: int
    title: str
    url: str
    status: str
    opens_at: datetime
    closes_at: datetime
    current_version: int | None


class VersionOut(Out):
    number: int
    title: str
    summary: str
    change_summary: str
    published_at: datetime


class ClauseOut(Out):
    clause_id: str
    number: int
    heading: str
    body_text: str
    body_html: str
    proposition: str
    plain_summary: str


class VersionDetailOut(VersionOut):
    guidance_id: int
    clauses: list[ClauseOut]


class AnswerCount(Out):
    answer: int
    label: str
    count: int | None


class GroupResult(Out):
    perspective: str
    label: str
    suppressed: bool
    total: int | None
    agree_percent: int | None


class ClauseResultOut(Out):
    """`total` counts each vote once; a voter holding several perspectives counts in each
    of their `perspectives`, so those totals can add up to more."""

    clause_id: str
    number: int
    proposition: str
    suppressed: bool
    total: int | None
    agree_percent: int | None
    mark: str
    answers: list[AnswerCount]
    perspectives: list[GroupResult]


class ResultsOut(Out):
    guidance_id: int
    version: int
    minimum_group_size: int
    available: bool
    hidden_reason: str | None
    clauses: list[ClauseResultOut]


class ResponseOut(Out):
    outcome: str
    outcome_label: str
    rationale: str
    responded_at: datetime


class CommentOut(Out):
    id: int
    parent_id: int | None
    display_name: str
    perspectives: list[str] = Field(
        description="Every perspective the author holds (values); empty when none was stated"
    )
    clause_id: str | None
    version: int
    text: str
    submitted: datetime
    response: ResponseOut | None
    themes: list[str] = Field(
        default_factory=list, description="The editors' themes for it that they made public"
    )
    facilitated_source: int | None = Field(
        description="Set when a facilitator entered this for a group or event: its id in "
        "/guidance/{id}/facilitated/"
    )


class CommentPage(Out):
    count: int
    limit: int
    offset: int
    items: list[CommentOut]
