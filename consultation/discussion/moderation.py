"""Flags from participants, and moderators' decisions on flagged or held comments."""

from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from consultation.accounts.models import Participant
from consultation.caching.page_cache import (
    COMMENTS,
    discussion_topic,
    invalidate_on_commit,
)
from consultation.discussion.models import CommentFlag, CommentStatus, GuidanceComment
from consultation.discussion.notifications import reply_notify
from consultation.discussion.services import CommentRefused
from consultation.discussion.tasks import send_removal_email


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


@transaction.atomic
def comment_flag(
    *, participant: Participant, comment: GuidanceComment, reason: str, note: str = ""
) -> CommentFlag:
    """Record a participant's concern; enough open flags hold the comment for review."""
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
    open_flags = CommentFlag.objects.filter(comment=comment, resolved_at__isnull=True).count()
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
        moderated_at=timezone.now(),
        moderated_by=moderator,
    )
    CommentFlag.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    if never_announced and comment.level > 0:
        # A pre-moderated reply: its parent's author hears about it only now.
        transaction.on_commit(partial(reply_notify, comment_id=comment.pk))


@transaction.atomic
def comment_remove(*, comment: GuidanceComment, moderator, reason: str) -> None:
    """Hide a comment behind a placeholder (its replies stay) and tell the author why."""
    reason = reason.strip()
    if not reason:
        raise CommentRefused("Give the author a reason for removing their comment.")
    _set_status(
        comment,
        status=CommentStatus.REMOVED,
        removal_reason=reason,
        moderated_at=timezone.now(),
        moderated_by=moderator,
    )
    CommentFlag.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    transaction.on_commit(partial(send_removal_email.enqueue, comment.pk))
