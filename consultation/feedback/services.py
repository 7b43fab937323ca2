"""Recording editors' responses to feedback, and telling the comment's author once."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from consultation.caching.page_cache import RESPONSES, discussion_topic, invalidate_on_commit
from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import FeedbackResponse, Outcome, ResponseNotification
from consultation.feedback.notifications import response_notify, responses_notify
from consultation.feedback.tasks import send_response_digest
from consultation.notifications.claims import digests_enqueue
from consultation.rounds import ConsultationError
from consultation.versions.models import GuidanceVersion

LOG_ACTION = "coproduce.feedback_response"


class ResponseRefused(ConsultationError):
    """A response the rules do not allow; the message is for the editor."""


def response_check(
    *, comment: GuidanceComment, outcome: str, rationale: str, version, next_version: bool
) -> str:
    """The rules every response follows, one comment or many; returns the rationale."""
    if comment.level != 0:
        raise ResponseRefused("Responses are recorded on the first comment of a thread.")
    if not comment.is_visible:
        raise ResponseRefused(
            f"This comment cannot get a response: {comment.status_label.lower()}."
        )
    if outcome not in Outcome.values:
        raise ResponseRefused("Choose one of the outcomes.")
    rationale = rationale.strip()
    if not rationale:
        raise ResponseRefused("Give a rationale: it is shown to everyone.")
    if version is not None and version.page_id != comment.page_id:
        raise ResponseRefused("That version belongs to another document.")
    if version is not None and next_version:
        raise ResponseRefused("Choose a published version or the next version, not both.")
    return rationale


def _apply(response, *, editor, outcome, rationale, version, clause_ids, next_version, now):
    response.outcome = outcome
    response.rationale = rationale
    response.addressed_in = version
    response.awaiting_next_version = bool(next_version)
    response.clause_ids = list(dict.fromkeys(clause_ids))
    response.responded_by = editor
    response.updated_at = now


def _to_tell(response) -> bool:
    """Whether the author should hear of this save: a response waiting for the next
    version is told when that version is published, and one they were already told of
    (same outcome, same version) is not told again."""
    if response.awaiting_next_version or response.state == response.notified_state:
        return False
    response.notified_state = response.state
    return True


def _log_data(response, *, created: bool, bulk: bool = False) -> dict:
    return {
        "comment": response.comment_id,
        "outcome": response.outcome,
        "rationale": response.rationale,
        "version": response.addressed_in.number if response.addressed_in_id else None,
        "next_version": response.awaiting_next_version,
        "clause_ids": response.clause_ids,
        "created": created,
        "bulk": bulk,
    }


@transaction.atomic
def response_record(
    *,
    editor,
    comment: GuidanceComment,
    outcome: str,
    rationale: str,
    version: GuidanceVersion | None = None,
    clause_ids=(),
    next_version: bool = False,
) -> FeedbackResponse:
    """Create or replace the response to a top-level comment; log the edit; tell the
    author when the outcome or the linked version changed."""
    rationale = response_check(
        comment=comment,
        outcome=outcome,
        rationale=rationale,
        version=version,
        next_version=next_version,
    )
    now = timezone.now()
    response = FeedbackResponse.objects.select_for_update().filter(comment=comment).first()
    created = response is None
    if created:
        response = FeedbackResponse(comment=comment, responded_at=now)
    _apply(
        response,
        editor=editor,
        outcome=outcome,
        rationale=rationale,
        version=version,
        clause_ids=clause_ids,
        next_version=next_version,
        now=now,
    )
    tell = _to_tell(response)
    response.save()
    log(
        instance=response, action=LOG_ACTION, user=editor, data=_log_data(response, created=created)
    )
    if tell:
        transaction.on_commit(lambda: response_notify(response_id=response.pk))
    # Responses show on the discussion and on "you said, we did": both are cached pages.
    invalidate_on_commit(comment.page_id, RESPONSES, discussion_topic(comment.clause_id))
    return response


def response_digests_send() -> int:
    """Send each participant one email listing the responses saved for their digest."""
    return digests_enqueue(
        ResponseNotification.objects.all(), item_field="response_id", task=send_response_digest
    )


def responses_link_to_version(*, version: GuidanceVersion) -> list[int]:
    """Link every response waiting for "the next version" of this document to `version`,
    just published; their authors are told once the publication commits (from the task
    queue). Returns the responses' ids."""
    waiting = list(
        FeedbackResponse.objects.select_for_update()
        .filter(comment__page_id=version.page_id, awaiting_next_version=True)
        .select_related("comment")
    )
    if not waiting:
        return []
    now = timezone.now()
    for response in waiting:
        response.addressed_in = version
        response.awaiting_next_version = False
        response.updated_at = now
    tell = [r.pk for r in waiting if _to_tell(r)]
    FeedbackResponse.objects.bulk_update(
        waiting, ["addressed_in", "awaiting_next_version", "updated_at", "notified_state"]
    )
    topics = {discussion_topic(r.comment.clause_id) for r in waiting}
    invalidate_on_commit(version.page_id, RESPONSES, *topics)
    if tell:
        transaction.on_commit(lambda: responses_notify.enqueue(tell), robust=True)
    return [r.pk for r in waiting]


@transaction.atomic
def responses_record_bulk(
    *,
    editor,
    page,
    comment_ids,
    outcome: str,
    rationale: str,
    version: GuidanceVersion | None = None,
    next_version: bool = False,
) -> list[int]:
    """One response applied to each selected thread of `page` that may get one; each
    author is told once, from the task queue. A fixed number of queries however many
    comments: the rows are written and logged in bulk. Returns the responses' ids."""
    comments = list(
        GuidanceComment.objects.on_page(page)
        .visible()
        .top_level()
        .filter(pk__in=list(comment_ids))
        .order_by("pk")
    )
    if not comments:
        raise ResponseRefused("None of the selected comments can get a response.")
    checked = {
        response_check(
            comment=c,
            outcome=outcome,
            rationale=rationale,
            version=version,
            next_version=next_version,
        )
        for c in comments
    }
    rationale = checked.pop()
    now = timezone.now()
    existing = {
        r.comment_id: r
        # Only the responses' rows are locked (PostgreSQL locks no outer join's side).
        for r in FeedbackResponse.objects.select_for_update(of=("self",))
        .filter(comment__in=comments)
        .select_related("addressed_in")
    }
    created, updated = [], []
    for comment in comments:
        response = existing.get(comment.pk)
        if response is None:
            response = FeedbackResponse(comment=comment, responded_at=now)
            created.append(response)
        else:
            updated.append(response)
        _apply(
            response,
            editor=editor,
            outcome=outcome,
            rationale=rationale,
            version=version,
            clause_ids=[comment.clause_id] if comment.clause_id else [],
            next_version=next_version,
            now=now,
        )
    tell = {id(r) for r in [*created, *updated] if _to_tell(r)}
    FeedbackResponse.objects.bulk_create(created)
    FeedbackResponse.objects.bulk_update(
        updated,
        [
            "outcome",
            "rationale",
            "addressed_in",
            "awaiting_next_version",
            "clause_ids",
            "responded_by",
            "updated_at",
            "notified_state",
        ],  # fmt: skip
    )
    responses = [*created, *updated]
    if any(r.pk is None for r in responses):  # backends that return no ids (none we use)
        by_comment = dict(
            FeedbackResponse.objects.filter(comment__in=comments).values_list("comment_id", "pk")
        )
        for r in responses:
            r.pk = r.id = by_comment[r.comment_id]
    _log_bulk(editor, responses, created_ids={id(r) for r in created})
    tell_ids = [r.pk for r in responses if id(r) in tell]
    if tell_ids:
        transaction.on_commit(lambda: responses_notify.enqueue(tell_ids), robust=True)
    topics = {discussion_topic(c.clause_id) for c in comments}
    invalidate_on_commit(page.pk, RESPONSES, *topics)
    return [r.pk for r in responses]


def _log_bulk(editor, responses, *, created_ids) -> None:
    """The same history lines `log()` writes, in one insert."""
    content_type = ContentType.objects.get_for_model(FeedbackResponse)
    now = timezone.now()
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                label=str(response),
                action=LOG_ACTION,
                data=_log_data(response, created=id(response) in created_ids, bulk=True),
                timestamp=now,
                user=editor,
                object_id=str(response.pk),
            )
            for response in responses
        ]
    )
