"""How comments take part in account-wide operations (see consultation.accounts.signals)."""

from django.utils import timezone

from consultation.accounts.models import Participant
from consultation.accounts.signals import (
    collect_participant_data,
    participant_deleting,
    participant_renamed,
)
from consultation.caching.page_cache import (
    COMMENTS,
    discussion_topic,
    invalidate_on_commit,
)
from consultation.discussion.models import GuidanceComment
from consultation.discussion.services import comments_forget_in_search


def _invalidate_pages_naming(participant) -> None:
    """Discussions (and the feedback pages, which depend on comments) that show their name."""
    theirs = GuidanceComment.objects.filter(participant=participant)
    for page_id, clause_id in theirs.order_by().values_list("page_id", "clause_id").distinct():
        invalidate_on_commit(page_id, COMMENTS, discussion_topic(clause_id))


def comments_on_participant_renamed(sender, participant, **kwargs):
    _invalidate_pages_naming(participant)


def comments_on_participant_deleting(sender, participant, keep_comments=False, **kwargs):
    """Keep the words under "Former participant", or remove them; replies stay either way."""
    theirs = GuidanceComment.objects.filter(participant=participant)
    # Cached pages still show their name (and, once removed, their words): render anew.
    _invalidate_pages_naming(participant)
    anonymous = {"participant": None, "user": None, "user_name": "", "user_email": ""}
    if keep_comments:
        theirs.update(**anonymous)
    else:
        removed = list(theirs.values_list("pk", flat=True))
        theirs.update(comment="", is_withdrawn=True, withdrawn_at=timezone.now(), **anonymous)
        comments_forget_in_search(removed)


def comments_for_participant_data(sender, participant, **kwargs):
    comments = (
        GuidanceComment.objects.filter(participant=participant)
        .select_related("page", "version")
        .order_by("submit_date")
    )
    data = [
        {
            "id": comment.pk,
            "document": comment.page.title,
            "clause_id": comment.clause_id or None,
            "version": comment.version.number,
            "in_reply_to": comment.parent_id if comment.level else None,
            "posted_at": comment.submit_date.isoformat(),
            "text": comment.comment,
            "status": comment.status,
            "withdrawn": comment.is_withdrawn,
            "removal_reason": comment.removal_reason or None,
        }
        for comment in comments
    ]
    flags = [
        {
            "comment_id": flag.comment_id,
            "reason": flag.reason,
            "note": flag.note,
            "flagged_at": flag.created_at.isoformat(),
        }
        for flag in participant.comment_flags.order_by("created_at")
    ]
    return ("comments", {"comments": data, "flags": flags})


def connect() -> None:
    participant_deleting.connect(
        comments_on_participant_deleting,
        sender=Participant,
        dispatch_uid="comments_on_participant_deleting",
    )
    participant_renamed.connect(
        comments_on_participant_renamed,
        sender=Participant,
        dispatch_uid="comments_on_participant_renamed",
    )
    collect_participant_data.connect(
        comments_for_participant_data,
        sender=Participant,
        dispatch_uid="comments_for_participant_data",
    )
