"""Casting votes, and keeping cached tallies honest when votes change."""

from django.db import transaction
from django.utils import timezone

from consultation.accounts.models import Participant
from consultation.caching.page_cache import VOTES, invalidate_on_commit
from consultation.rounds import ConsultationError, ensure_open
from consultation.versions.models import ClauseSnapshot, GuidanceVersion
from consultation.voting.models import Choice, Vote
from consultation.voting.results import tallies_invalidate


class VoteRejected(ConsultationError):
    """A vote that cannot be recorded; the message says why, in plain words."""


class NotCurrentVersion(VoteRejected):
    default_message = (
        "A newer version of this guidance has been published since you opened the page. "
        "Read the clause again and choose your answer."
    )


class NoProposition(VoteRejected):
    default_message = "This clause has no proposition to vote on, so no answer was recorded."


class NotOnScale(VoteRejected):
    default_message = "Choose one of the five answers, from strongly agree to strongly disagree."


class NoAnswer(NotOnScale):
    default_message = "Choose an answer before sending it."


def choice_parse(value) -> Choice:
    """The answer from a form value, or NotOnScale."""
    if value in (None, ""):
        raise NoAnswer
    try:
        return Choice(int(value))
    except (TypeError, ValueError):
        raise NotOnScale from None


def ensure_votable(clause_snapshot: ClauseSnapshot) -> None:
    if not clause_snapshot.proposition:
        raise NoProposition


def vote_cast(
    *,
    participant: Participant,
    clause_snapshot: ClauseSnapshot,
    choice,
    seen_version: str | None = None,
) -> Vote:
    """Record a participant's answer on a clause of the current version, or replace it.

    Refuses closed rounds (ConsultationClosed), clauses of an earlier version (also when
    the form was read on an earlier version: `seen_version`, its number) and clauses
    without a proposition (VoteRejected).
    """
    choice = choice_parse(choice)
    version = clause_snapshot.version
    page = version.page
    ensure_open(page)
    if seen_version and seen_version != str(version.number):
        raise NotCurrentVersion
    # Asked afresh, not page.current_version: a cached answer may predate a publication.
    current = GuidanceVersion.objects.for_page(page).latest_first().values_list("pk", flat=True)
    if version.pk != current.first():
        raise NotCurrentVersion
    ensure_votable(clause_snapshot)

    with transaction.atomic():
        # INSERT ... ON CONFLICT DO UPDATE: one statement that either adds the vote or
        # replaces the earlier answer, so concurrent submissions cannot make two rows or
        # fail on the unique constraint.
        Vote.objects.bulk_create(
            [
                Vote(
                    participant=participant,
                    snapshot=clause_snapshot,
                    perspectives=participant.perspectives,
                    choice=choice,
                    updated_at=timezone.now(),
                )
            ],
            update_conflicts=True,
            unique_fields=["participant", "snapshot"],
            update_fields=["choice", "perspectives", "updated_at"],
        )
        transaction.on_commit(lambda: tallies_invalidate(version.pk))
        invalidate_on_commit(page.pk, VOTES)
    return Vote.objects.get(participant=participant, snapshot=clause_snapshot)


def votes_unlink(*, participant: Participant) -> int:
    """Detach a leaving participant's votes: they stay in the tallies, linked to no one."""
    return Vote.objects.filter(participant=participant).update(participant=None)
