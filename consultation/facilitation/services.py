"""Entering, correcting and deleting facilitated input. Every write checks the
facilitator's permission and the entry window here, and is recorded in Wagtail's log."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from consultation.accounts.roles import ENTER_FACILITATED_INPUT
from consultation.caching.page_cache import (
    COMMENTS,
    VOTES,
    discussion_topic,
    invalidate_on_commit,
)
from consultation.discussion.models import CommentStatus, GuidanceComment
from consultation.discussion.services import (
    _current_site_id,
    _thread_start,
    comments_forget_in_search,
)
from consultation.facilitation.models import FacilitatedSource, FacilitatedTally
from consultation.rounds import ConsultationError
from consultation.versions.models import ClauseSnapshot
from consultation.voting.results import tallies_invalidate


class FacilitationRefused(ConsultationError):
    status = 403
    default_message = "Only facilitators can enter feedback gathered away from the site."


def can_facilitate(user) -> bool:
    # has_perm is False for inactive users and True for active superusers.
    return user.has_perm(ENTER_FACILITATED_INPUT)


def ensure_facilitator(user) -> None:
    if not can_facilitate(user):
        raise FacilitationRefused


def entry_closes_at(page):
    """Paper arrives late: entry stays open a while after the round closes."""
    return page.closes_at + timedelta(days=settings.COPRODUCE_FACILITATED_ENTRY_DAYS)


def entry_refusal(page, now=None) -> str:
    """Why facilitated input cannot be entered on this page now, or "" if it can."""
    now = now or timezone.now()
    if page.is_concluded:
        return "This guidance is concluded: no more feedback can be entered."
    if now < page.opens_at:
        return "Feedback can be entered once the round opens."
    if now >= entry_closes_at(page):
        days = settings.COPRODUCE_FACILITATED_ENTRY_DAYS
        return f"Feedback could be entered until {days} days after the round closed."
    return ""


def ensure_entry_open(*, user, page) -> None:
    ensure_facilitator(user)
    refusal = entry_refusal(page)
    if refusal:
        raise FacilitationRefused(refusal)


def _source_fields(source: FacilitatedSource, fields: dict) -> None:
    for name, value in fields.items():
        setattr(source, name, value)
    if not source.consent_confirmed:
        raise FacilitationRefused(
            "Confirm that the people present agreed to their words being published."
        )


@transaction.atomic
def source_record(*, user, page, **fields) -> FacilitatedSource:
    """A new group or event on this page; `fields` are the model's editable fields."""
    ensure_entry_open(user=user, page=page)
    source = FacilitatedSource(page=page, entered_by=user)
    _source_fields(source, fields)
    source.save()
    log(instance=source, action="wagtail.create", user=user)
    return source


@transaction.atomic
def source_correct(*, user, source: FacilitatedSource, **fields) -> FacilitatedSource:
    ensure_facilitator(user)
    _source_fields(source, fields)
    source.save()
    log(instance=source, action="wagtail.edit", user=user)
    # The group's name and size show on each of its comments and tallies.
    clause_ids = set(source.comments.values_list("clause_id", flat=True))
    invalidate_on_commit(
        source.page_id, COMMENTS, VOTES, *(discussion_topic(c) for c in clause_ids)
    )
    return source


@transaction.atomic
def facilitated_comment_post(
    *, user, source: FacilitatedSource, clause_id: str, text: str
) -> GuidanceComment:
    """What the group said about a clause ("" for the whole document), published in the
    group's name on the version the page shows now."""
    page = source.page
    type(page).objects.select_for_update().filter(pk=page.pk).values("pk").first()
    ensure_entry_open(user=user, page=page)
    version = page.versions.order_by("-number").first()
    if version is None:
        raise FacilitationRefused("This document has not been published yet.")
    comment = GuidanceComment(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site_id=_current_site_id(),
        user=None,
        user_name=source.name[:50],
        comment=text,
        submit_date=timezone.now(),
        is_public=True,
        parent_id=0,
        page=page,
        clause_id=clause_id,
        version=version,
        participant=None,
        source=source,
        status=CommentStatus.PUBLISHED,
    )
    _thread_start(comment)
    log(instance=comment, action="wagtail.create", user=user)
    invalidate_on_commit(page.pk, COMMENTS, discussion_topic(clause_id))
    return comment


def _ensure_facilitated(comment: GuidanceComment) -> None:
    if comment.source_id is None:
        raise FacilitationRefused("Only feedback entered for a group can be changed here.")


@transaction.atomic
def facilitated_comment_correct(*, user, comment: GuidanceComment, text: str) -> None:
    """Within the entry window only, as new entries are (`entry_refusal`)."""
    ensure_entry_open(user=user, page=comment.page)
    _ensure_facilitated(comment)
    if comment.is_withdrawn:
        raise FacilitationRefused("That feedback was deleted, so it cannot be corrected.")
    # update(), not save(): xtd's pre_save handler would touch the replies.
    GuidanceComment.objects.filter(pk=comment.pk).update(comment=text)
    comment.comment = text
    log(instance=comment, action="wagtail.edit", user=user)
    invalidate_on_commit(comment.page_id, COMMENTS, discussion_topic(comment.clause_id))


@transaction.atomic
def facilitated_comment_delete(*, user, comment: GuidanceComment) -> None:
    """Taken back as a participant's withdrawal is: words blanked, replies kept. Within
    the entry window only, as new entries are (`entry_refusal`)."""
    ensure_entry_open(user=user, page=comment.page)
    _ensure_facilitated(comment)
    GuidanceComment.objects.filter(pk=comment.pk).update(
        is_withdrawn=True, withdrawn_at=timezone.now(), comment=""
    )
    comments_forget_in_search([comment.pk])
    log(instance=comment, action="wagtail.delete", user=user)
    invalidate_on_commit(comment.page_id, COMMENTS, discussion_topic(comment.clause_id))


def _tallies_changed(page_id, version_id) -> None:
    """The facilitated row is drawn inside each clause's results panel, cached under the
    version's tally generation: a new generation shows the new row."""
    invalidate_on_commit(page_id, VOTES)
    tallies_invalidate(version_id)
    transaction.on_commit(lambda: tallies_invalidate(version_id))


@transaction.atomic
def tally_record(
    *, user, source: FacilitatedSource, snapshot: ClauseSnapshot, counts: list[int]
) -> FacilitatedTally | None:
    """Set the group's answers to one clause's statement (counts in Choice order); all
    zeros removes them."""
    ensure_entry_open(user=user, page=source.page)
    if not snapshot.proposition:
        raise FacilitationRefused("This clause has no statement to answer.")
    if any(c < 0 for c in counts) or len(counts) != len(FacilitatedTally.COUNT_FIELDS):
        raise FacilitationRefused("Enter a whole number, 0 or more, for each answer.")
    _tallies_changed(source.page_id, snapshot.version_id)
    existing = FacilitatedTally.objects.filter(source=source, snapshot=snapshot).first()
    if not any(counts):
        if existing is not None:
            log(instance=existing, action="wagtail.delete", user=user)
            existing.delete()
        return None
    values = dict(zip(FacilitatedTally.COUNT_FIELDS, counts, strict=True))
    tally, created = FacilitatedTally.objects.update_or_create(
        source=source, snapshot=snapshot, defaults=values
    )
    log(instance=tally, action="wagtail.create" if created else "wagtail.edit", user=user)
    return tally


@transaction.atomic
def tally_delete(*, user, tally: FacilitatedTally) -> None:
    ensure_facilitator(user)
    log(instance=tally, action="wagtail.delete", user=user)
    _tallies_changed(tally.source.page_id, tally.snapshot.version_id)
    tally.delete()
