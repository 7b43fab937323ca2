"""Flags from participants, and moderators' decisions on flagged or held comments."""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from consultation.accounts.models import Participant
from consultation.caching.page_cache import (
    COMMENTS,
    discussion_topic,
    invalidate_on_commit,
)
from consultation.discussion.models import (
    URGENT_REASONS,
    CommentFlag,
    CommentStatus,
    GuidanceComment,
    HouseRule,
    SafeguardingAction,
)
from consultation.discussion.notifications import reply_notify
from consultation.discussion.services import CommentRefused
from consultation.discussion.tasks import send_removal_email, send_safeguarding_alert

SAFEGUARDING_LOG_ACTION = "coproduce.safeguarding"


class AlreadyFlagged(CommentRefused):
    default_message = "You have already flagged this comment. Thank you."


def _set_status(comment: GuidanceComment, **fields) -> None:
    # Updates, not save(): xtd's pre_save handler would copy is_public onto every reply,
    # and a removed comment's replies must stay readable.
    status = fields.get("status", comment.status)
    GuidanceComment.objects.filter(pk=comment.pk).update(
        is_public=status == CommentStatus.PUBLISHED,
        is_removed=status == CommentStatus.REMOVED,
        **fields,
    )
    for name, value in fields.items():
        setattr(comment, name, value)
    invalidate_on_commit(comment.page_id, COMMENTS, discussion_topic(comment.clause_id))


def _close_flags_except_urgent(comment: GuidanceComment) -> None:
    # An urgent flag closes only when a moderator records what they did about it
    # (safeguarding_record), so approving or removing cannot lose it.
    CommentFlag.objects.filter(comment=comment).open().exclude(reason__in=URGENT_REASONS).update(
        resolved_at=timezone.now()
    )


@transaction.atomic
def comment_flag(
    *, participant: Participant, comment: GuidanceComment, reason: str, note: str = ""
) -> CommentFlag:
    """Record a participant's concern; enough open flags hold the comment for review.
    A flag saying someone may be at risk never hides anything: it alerts every moderator
    by email as soon as the flag is saved."""
    if comment.participant_id == participant.pk:
        raise CommentRefused("This is your own comment. You can withdraw it instead.")
    # Lock the comment so two last flags cannot both miss the threshold.
    GuidanceComment.objects.select_for_update().filter(pk=comment.pk).values("pk").first()
    try:
        with transaction.atomic():
            flag = CommentFlag.objects.create(
                comment=comment, participant=participant, reason=reason, note=note
            )
    except IntegrityError as error:
        raise AlreadyFlagged from error
    if flag.is_urgent:
        transaction.on_commit(partial(send_safeguarding_alert.enqueue, flag.pk))
        return flag
    open_flags = (
        CommentFlag.objects.filter(comment=comment).open().exclude(reason__in=URGENT_REASONS)
    ).count()
    if open_flags >= settings.COPRODUCE_FLAGS_TO_HIDE and comment.status == CommentStatus.PUBLISHED:
        _set_status(comment, status=CommentStatus.HELD)
    return flag


@transaction.atomic
def comment_approve(*, comment: GuidanceComment, moderator) -> None:
    """Publish a held or flagged comment and close its flags."""
    # Held by pre-moderation (not by flags, which only arrive once it was published and
    # announced): its parent's author has not heard about it yet.
    never_announced = (
        comment.status == CommentStatus.HELD
        and not comment.moderated_at
        and not comment.concerns.exists()
    )
    _set_status(
        comment,
        status=CommentStatus.PUBLISHED,
        removal_reason="",
        broken_rule="",
        moderated_at=timezone.now(),
        moderated_by=moderator,
    )
    _close_flags_except_urgent(comment)
    if never_announced and comment.level > 0:
        # A pre-moderated reply: its parent's author hears about it only now.
        transaction.on_commit(partial(reply_notify, comment_id=comment.pk))


@transaction.atomic
def comment_remove(*, comment: GuidanceComment, moderator, rule: str, reason: str = "") -> None:
    """Hide a comment behind a placeholder (its replies stay) and tell the author which
    house rule it broke."""
    if rule not in HouseRule.values:
        raise CommentRefused("Choose the house rule the comment broke.")
    _set_status(
        comment,
        status=CommentStatus.REMOVED,
        broken_rule=rule,
        removal_reason=reason.strip(),
        moderated_at=timezone.now(),
        moderated_by=moderator,
    )
    _close_flags_except_urgent(comment)
    transaction.on_commit(partial(send_removal_email.enqueue, comment.pk))


@transaction.atomic
def safeguarding_record(
    *, comment: GuidanceComment, moderator, action: str, note: str = ""
) -> None:
    """What a moderator did about a comment flagged because someone may be at risk: written
    to Wagtail's log (the audit trail editors already read), and the urgent flags closed.
    The comment itself is left as it is: removing it is a separate decision."""
    if action not in SafeguardingAction.values:
        raise CommentRefused("Choose what you did.")
    log(
        instance=comment,
        action=SAFEGUARDING_LOG_ACTION,
        user=moderator,
        data={
            "action": action,
            "action_label": SafeguardingAction(action).label,
            "note": note.strip()[:1000],
        },
    )
    CommentFlag.objects.filter(comment=comment).urgent().open().update(resolved_at=timezone.now())


def urgent_response_times(*, days: int = 90) -> dict:
    """How quickly urgent flags were answered over the last `days`: from the flag to the
    moderator's recorded action (the flag's resolved_at), as a median and the slowest."""
    since = timezone.now() - timedelta(days=days)
    waits = sorted(
        resolved - created
        for created, resolved in CommentFlag.objects.urgent()
        .filter(created_at__gte=since, resolved_at__isnull=False)
        .values_list("created_at", "resolved_at")
    )
    if not waits:
        return {"days": days, "count": 0, "median": None, "slowest": None}
    middle = len(waits) // 2
    median = waits[middle] if len(waits) % 2 else (waits[middle - 1] + waits[middle]) / 2
    return {"days": days, "count": len(waits), "median": median, "slowest": waits[-1]}
