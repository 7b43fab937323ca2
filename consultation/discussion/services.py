"""Posting and withdrawing comments. Every write checks the participant and the round here."""

from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.db import models, transaction
from django.utils import timezone
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type
from wagtail.search import index as search_index

from consultation.accounts.models import Participant
from consultation.caching.page_cache import (
    COMMENTS,
    discussion_topic,
    invalidate_on_commit,
)
from consultation.discussion.models import CommentStatus, GuidanceComment
from consultation.discussion.notifications import reply_notify
from consultation.rounds import ConsultationError, ensure_open


class CommentRefused(ConsultationError):
    """A reply or change that the rules do not allow; the message is for the participant."""


def max_level(page) -> int:
    return max_thread_level_for_content_type(ContentType.objects.get_for_model(page))


def reply_problem(*, parent: GuidanceComment, page, clause_id: str) -> str | None:
    """Why `parent` cannot take a reply in this discussion, or None if it can."""
    if parent.page_id != page.pk or parent.clause_id != clause_id:
        return "You can only reply to a comment in this discussion."
    if parent.level >= max_level(page):
        return "Replies go three levels deep at most. Reply to the comment above this one instead."
    if parent.is_withdrawn or parent.status != CommentStatus.PUBLISHED:
        return "That comment is no longer shown, so it cannot take new replies."
    return None


def _current_site_id() -> int:
    # get_current() is cached per process; the fallback covers a database whose default
    # site was deleted by hand.
    try:
        return Site.objects.get_current().pk
    except Site.DoesNotExist:
        site, _ = Site.objects.get_or_create(
            pk=settings.SITE_ID, defaults={"domain": "coproduce.invalid", "name": "Coproduce"}
        )
        return site.pk


def _thread_start(comment: GuidanceComment) -> None:
    """Save a new top-level comment as the root of its own thread.

    xtd saves a new root twice: an insert, then a rewrite of all three tables (and a pass
    over nested counts) only to point thread_id and parent_id at itself. One narrow update
    does the same, which keeps a busy last day's comment posts five queries lighter.
    """
    models.Model.save(comment)
    XtdComment.norel_objects.filter(pk=comment.pk).update(
        thread_id=comment.pk, parent_id=comment.pk
    )
    comment.thread_id = comment.parent_id = comment.pk


@transaction.atomic
def comment_post(
    *,
    participant: Participant,
    page,
    clause_id: str,
    parent: GuidanceComment | None,
    text: str,
    ip_address: str | None = None,
) -> GuidanceComment:
    """Store a comment (or a reply to `parent`) on the version the page shows now."""
    if parent is None:
        # Locking the page orders this comment against a publication in progress, so the
        # version it records is the one the participant was reading.
        type(page).objects.select_for_update().filter(pk=page.pk).values("pk").first()
    else:
        # xtd renumbers `order` across the whole thread and bumps each ancestor's
        # nested_count with read-modify-write queries. Holding the root's row lock until
        # commit serialises replies per thread: no duplicate orders, no deadlocks.
        XtdComment.norel_objects.select_for_update().filter(pk=parent.thread_id).values(
            "pk"
        ).first()
        parent = GuidanceComment.objects.select_related(None).filter(pk=parent.pk).first()
        if parent is None:
            raise CommentRefused("The comment you are replying to no longer exists.")
        problem = reply_problem(parent=parent, page=page, clause_id=clause_id)
        if problem:
            raise CommentRefused(problem)
    ensure_open(page)
    version = page.versions.order_by("-number").first()
    if version is None:
        raise CommentRefused("This document has not been published yet.")

    status = CommentStatus.HELD if page.pre_moderate_comments else CommentStatus.PUBLISHED
    comment = GuidanceComment(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site_id=_current_site_id(),
        user=participant.user,
        user_name=participant.display_name,
        comment=text,
        submit_date=timezone.now(),
        ip_address=ip_address,
        is_public=status == CommentStatus.PUBLISHED,
        parent_id=parent.pk if parent else 0,
        page=page,
        clause_id=clause_id,
        version=version,
        participant=participant,
        status=status,
    )
    if parent is None:
        _thread_start(comment)
    else:
        comment.save()
    invalidate_on_commit(page.pk, COMMENTS, discussion_topic(clause_id))
    if parent is not None and status == CommentStatus.PUBLISHED:
        transaction.on_commit(partial(reply_notify, comment_id=comment.pk))
    return comment


class NotYourComment(CommentRefused):
    status = 403
    default_message = "You can only withdraw your own comments."


def ensure_own_comment(*, participant: Participant | None, comment: GuidanceComment) -> None:
    if participant is None or comment.participant_id != participant.pk:
        raise NotYourComment


@transaction.atomic
def comment_withdraw(*, participant: Participant, comment: GuidanceComment) -> None:
    """The author takes their words back. Allowed after the round closes too: people may
    come to regret what they shared, and withdrawing only removes. Replies stay."""
    ensure_own_comment(participant=participant, comment=comment)
    # Updates, not save(): xtd's pre_save handler would cascade is_public to the replies.
    GuidanceComment.objects.filter(pk=comment.pk).update(
        is_withdrawn=True, withdrawn_at=timezone.now(), comment=""
    )
    comments_forget_in_search([comment.pk])
    invalidate_on_commit(comment.page_id, COMMENTS, discussion_topic(comment.clause_id))


def comments_forget_in_search(comment_ids) -> None:
    """update() sends no signal, so site search would keep the withdrawn words in its index
    (the database backend stores them): take the entries out. Failures are logged, not
    raised (Wagtail's remove_object), so a withdrawal never fails on the index."""
    for comment in GuidanceComment.objects.filter(pk__in=comment_ids):
        search_index.remove_object(comment)


@transaction.atomic
def comments_withdraw_all(*, participant: Participant) -> int:
    """Withdraw every comment the participant has not already withdrawn, as single
    withdrawal does (words blanked, replies kept); returns how many."""
    mine = list(
        GuidanceComment.objects.filter(participant=participant, is_withdrawn=False)
        .select_for_update()
        .values_list("pk", "page_id", "clause_id")
    )
    GuidanceComment.objects.filter(pk__in=[pk for pk, _, _ in mine]).update(
        is_withdrawn=True, withdrawn_at=timezone.now(), comment=""
    )
    comments_forget_in_search([pk for pk, _, _ in mine])
    for page_id, clause_id in {(page_id, clause_id) for _, page_id, clause_id in mine}:
        invalidate_on_commit(page_id, COMMENTS, discussion_topic(clause_id))
    return len(mine)
