"""Concerns about suggestions, and moderators' decisions: the rules comments follow.

The reasons and the threshold are the discussion's (`FlagReason`, `URGENT_REASONS`,
COPRODUCE_FLAGS_TO_HIDE): enough open flags hold a suggestion for review; an urgent one
never hides anything. A removed suggestion disappears everywhere (`.visible()`)."""

from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from consultation.accounts.models import Participant
from consultation.discussion.models import URGENT_REASONS, CommentStatus
from consultation.suggestions.models import Suggestion, SuggestionFlag
from consultation.suggestions.services import SuggestionRefused, invalidate
from consultation.suggestions.tasks import send_suggestion_safeguarding_alert


class AlreadyFlagged(SuggestionRefused):
    default_message = "You have already flagged this suggestion. Thank you."


def _set_moderation(suggestion: Suggestion, moderator, status: str) -> None:
    Suggestion.objects.filter(pk=suggestion.pk).update(
        moderation=status, moderated_at=timezone.now(), moderated_by=moderator
    )
    suggestion.moderation = status
    invalidate(suggestion)


@transaction.atomic
def suggestion_flag(
    *, participant: Participant, suggestion: Suggestion, reason: str, note: str = ""
) -> SuggestionFlag:
    if suggestion.participant_id == participant.pk:
        raise SuggestionRefused("This is your own suggestion. You can withdraw it instead.")
    # Locked, so that two last flags cannot both miss the threshold.
    Suggestion.objects.select_for_update().filter(pk=suggestion.pk).values("pk").first()
    try:
        with transaction.atomic():
            flag = SuggestionFlag.objects.create(
                suggestion=suggestion, participant=participant, reason=reason, note=note
            )
    except IntegrityError as error:
        raise AlreadyFlagged from error
    if reason in URGENT_REASONS:
        transaction.on_commit(partial(send_suggestion_safeguarding_alert.enqueue, flag.pk))
        return flag
    open_flags = (
        SuggestionFlag.objects.filter(suggestion=suggestion)
        .open()
        .exclude(reason__in=URGENT_REASONS)
    ).count()
    if (
        open_flags >= settings.COPRODUCE_FLAGS_TO_HIDE
        and suggestion.moderation == CommentStatus.PUBLISHED
    ):
        _set_moderation(suggestion, None, CommentStatus.HELD)
    return flag


def _close_flags(suggestion: Suggestion) -> None:
    # Every flag closes with the decision, the urgent ones included: the moderator has read
    # the suggestion and its flags on the same page (suggestions have no safeguarding log).
    SuggestionFlag.objects.filter(suggestion=suggestion).open().update(resolved_at=timezone.now())


@transaction.atomic
def suggestion_approve(*, suggestion: Suggestion, moderator) -> None:
    _set_moderation(suggestion, moderator, CommentStatus.PUBLISHED)
    _close_flags(suggestion)


@transaction.atomic
def suggestion_remove(*, suggestion: Suggestion, moderator) -> None:
    _set_moderation(suggestion, moderator, CommentStatus.REMOVED)
    _close_flags(suggestion)
