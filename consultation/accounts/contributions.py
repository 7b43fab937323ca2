"""A participant's own record, from comment to change: "Your contributions", the same
record in My data, and "since you last took part" on a guidance page.

Reads across features (comments, responses, votes, versions) in a fixed number of queries
per page of guidance, never per comment or vote."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from consultation.discussion.links import comment_url
from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import FeedbackResponse
from consultation.guidance.reading import reader_content
from consultation.suggestions.models import Suggestion
from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import Vote
from consultation.voting.results import page_results, results_hidden_reason


@dataclass
class CommentRecord:
    comment: GuidanceComment
    url: str
    replies: int
    response: FeedbackResponse | None
    changes_url: str = ""  # from the version commented on to the one that addressed it

    @property
    def state(self) -> str:
        if self.comment.is_withdrawn:
            return "Withdrawn by you"
        return {"held": "Waiting for a moderator", "removed": "Removed by a moderator"}.get(
            self.comment.status, ""
        )


@dataclass
class VoteRecord:
    vote: Vote
    snapshot: ClauseSnapshot
    support: object = None  # voting.results.ClauseResults of the clause now, if shown
    hidden_reason: str = ""


@dataclass
class PageContributions:
    page: object
    comments: list[CommentRecord] = field(default_factory=list)
    votes: list[VoteRecord] = field(default_factory=list)
    suggestions: list = field(default_factory=list)  # suggestions.models.Suggestion


def _visible_replies():
    return (
        GuidanceComment.objects.visible()
        .filter(parent_id=OuterRef("pk"), level__gt=0)
        .exclude(pk=OuterRef("pk"))
        .order_by()
        .values("parent_id")
        .annotate(n=Count("pk"))
        .values("n")
    )


def contributions(participant) -> list[PageContributions]:
    """Every comment the participant wrote and every answer they gave (not the copies
    carried into later versions), grouped by guidance, newest guidance activity first."""
    pages: dict[int, PageContributions] = {}
    comments = (
        GuidanceComment.objects.filter(participant=participant)
        .select_related("page", "version", "participant", "feedback_response__addressed_in")
        .annotate(reply_count=Coalesce(Subquery(_visible_replies()), 0))
        .order_by("-submit_date")
    )
    for comment in comments:
        entry = pages.setdefault(comment.page_id, PageContributions(comment.page))
        response = getattr(comment, "feedback_response", None)
        changes_url = ""
        if response and response.addressed_in and comment.version:
            older, newer = comment.version.number, response.addressed_in.number
            if newer > older:
                changes_url = comment.page.url + comment.page.reverse_subpage(
                    "compare", args=[older, newer]
                )
        entry.comments.append(
            CommentRecord(
                comment=comment,
                url=comment_url(comment.page, comment) if comment.is_visible else "",
                replies=comment.reply_count,
                response=response,
                changes_url=changes_url,
            )
        )
    votes = (
        Vote.objects.by(participant)
        .filter(carried_from__isnull=True)
        .select_related("snapshot__version__page")
        .order_by("-updated_at")
    )
    for vote in votes:
        page = vote.snapshot.version.page
        entry = pages.setdefault(page.pk, PageContributions(page))
        entry.votes.append(VoteRecord(vote, vote.snapshot))
    for suggestion in (
        Suggestion.objects.filter(participant=participant)
        .with_support()
        .select_related("page", "snapshot__version", "addressed_in")
        .order_by("-created_at")
    ):
        entry = pages.setdefault(suggestion.page_id, PageContributions(suggestion.page))
        entry.suggestions.append(suggestion)
    for entry in pages.values():
        if entry.votes:
            _with_support(participant, entry)
    return list(pages.values())


def _with_support(participant, entry: PageContributions) -> None:
    """Each answer's clause support now, where the page's results rule lets them see it
    (a live round may show results only to those who answered the current wording)."""
    page = entry.page.specific
    current = page.current_version
    answered = set(
        Vote.objects.by(participant)
        .for_version(current)
        .values_list("snapshot__clause_id", flat=True)
    )
    results = page_results(page)
    for record in entry.votes:
        clause_id = record.snapshot.clause_id
        hidden = results_hidden_reason(
            page, answered=clause_id in answered, editor=False, version=current
        )
        record.support = None if hidden else results.get(clause_id)
        record.hidden_reason = hidden


@dataclass
class SinceLastTime:
    since: datetime
    version_number: int  # the version they last took part in
    current_number: int
    changed_clauses: int
    new_responses: int
    new_replies: int
    compare_url: str

    @property
    def anything(self) -> bool:
        return bool(self.changed_clauses or self.new_responses or self.new_replies)


def since_last_time(participant, page) -> SinceLastTime | None:
    """What happened on `page` since the participant last commented or voted on it."""
    if participant is None:
        return None
    current = page.current_version
    mine = GuidanceComment.objects.filter(participant=participant, page=page)
    last_comment = mine.aggregate(at=Max("submit_date"), version=Max("version__number"))
    last_vote = (
        Vote.objects.by(participant)
        .filter(snapshot__version__page=page, carried_from__isnull=True)
        .aggregate(at=Max("updated_at"), version=Max("snapshot__version__number"))
    )
    times = [t for t in (last_comment["at"], last_vote["at"]) if t]
    if not times or current is None:
        return None
    since = max(times)
    seen = max(n for n in (last_comment["version"], last_vote["version"], 1) if n)
    changed = 0
    if seen < current.number:
        snapshots = ClauseSnapshot.objects.filter(
            version__page=page, version__number__in=[seen, current.number]
        ).select_related("version")
        before = {s.clause_id: reader_content(s) for s in snapshots if s.version.number == seen}
        after = {s.clause_id: reader_content(s) for s in snapshots if s.version.number != seen}
        changed = sum(1 for cid, content in after.items() if before.get(cid) != content)
    counts = (
        GuidanceComment.objects.visible()
        .filter(parent_id__in=mine.values("pk"), level__gt=0, submit_date__gt=since)
        .exclude(participant=participant)
        .aggregate(n=Count("pk"))
    )
    responses = FeedbackResponse.objects.filter(comment__in=mine).filter(
        Q(responded_at__gt=since) | Q(updated_at__gt=since)
    )
    compare = ""
    if seen < current.number:
        compare = page.url + page.reverse_subpage("compare", args=[seen, current.number])
    return SinceLastTime(
        since=since,
        version_number=seen,
        current_number=current.number,
        changed_clauses=changed,
        new_responses=responses.count(),
        new_replies=counts["n"],
        compare_url=compare,
    )


def contributions_data(participant) -> list[dict]:
    """The same record for My data, as plain values."""
    rows = []
    for entry in contributions(participant):
        for record in entry.comments:
            response = record.response
            rows.append(
                {
                    "guidance": entry.page.title,
                    "kind": "comment",
                    "comment_id": record.comment.pk,
                    "replies": record.replies,
                    "outcome": response.get_outcome_display() if response else None,
                    "rationale": response.rationale if response else None,
                    "addressed_in_version": (
                        response.addressed_in.number if response and response.addressed_in else None
                    ),
                }
            )
        for suggestion in entry.suggestions:
            rows.append(
                {
                    "guidance": entry.page.title,
                    "kind": "suggested wording",
                    "suggestion_id": suggestion.pk,
                    "clause": suggestion.snapshot.number,
                    "version": suggestion.snapshot.version.number,
                    "supporters": suggestion.support_count,
                    "status": suggestion.get_status_display(),
                    "rationale": suggestion.rationale or None,
                    "in_version": (
                        suggestion.addressed_in.number if suggestion.addressed_in else None
                    ),
                }
            )
        for record in entry.votes:
            support = record.support
            rows.append(
                {
                    "guidance": entry.page.title,
                    "kind": "vote",
                    "version": record.snapshot.version.number,
                    "clause": record.snapshot.number,
                    "answer": record.vote.get_choice_display(),
                    "agree_percent_now": support.result.agree_percent if support else None,
                    "trend": [
                        {"version": p.version_number, "agree_percent": p.agree_percent}
                        for p in (support.trend if support else [])
                    ],
                }
            )
    return rows
