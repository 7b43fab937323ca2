"""Casting votes, and keeping cached tallies honest when votes change."""

from functools import partial

from django.db import transaction
from django.utils import timezone

from consultation.accounts.models import Participant
from consultation.caching.page_cache import VOTES, page_cache_invalidate
from consultation.rounds import ensure_open
from consultation.versions.models import ClauseSnapshot, GuidanceVersion
from consultation.voting.models import Choice, Vote
from consultation.voting.results import tallies_invalidate


class VoteRejected(ValueError):
    """A vote that cannot be recorded; the message says why, in plain words."""


class NotCurrentVersion(VoteRejected):
    pass


class NoProposition(VoteRejected):
    pass


class NotOnScale(VoteRejected):
    pass


def choice_parse(value) -> Choice:
    """The answer from a form value, or NotOnScale."""
    try:
        return Choice(int(value))
    except (TypeError, ValueError):
        raise NotOnScale(
            "Choose one of the five answers, from strongly agree to strongly disagree."
        ) from None


def vote_cast(*, participant: Participant, clause_snapshot: ClauseSnapshot, choice) -> Vote:
    """Record a participant's answer on a clause of the current version, or replace it.

    Refuses closed rounds (ConsultationClosed), clauses of an earlier version and clauses
    without a proposition (VoteRejected).
    """
    choice = choice_parse(choice)
    version = clause_snapshot.version
    page = version.page
    ensure_open(page)
    # Asked afresh, not page.current_version: a cached answer may predate a publication.
    current = GuidanceVersion.objects.for_page(page).latest_first().values_list("pk", flat=True)
    if version.pk != current.first():
        raise NotCurrentVersion(
            "A newer version of this guidance has been published since you opened the page. "
            "Read the clause again and choose your answer."
        )
    if not clause_snapshot.proposition:
        raise NoProposition("This clause has no proposition to vote on.")

    with transaction.atomic():
        # INSERT ... ON CONFLICT DO UPDATE: one statement that either adds the vote or
        # replaces the earlier answer, so concurrent submissions cannot make two rows or
        # fail on the unique constraint.
        Vote.objects.bulk_create(
            [
                Vote(
                    participant=participant,
                    snapshot=clause_snapshot,
                    perspective=participant.perspective,
                    choice=choice,
                    updated_at=timezone.now(),
                )
            ],
            update_conflicts=True,
            unique_fields=["participant", "snapshot"],
            update_fields=["choice", "perspective", "updated_at"],
        )
        transaction.on_commit(lambda: tallies_invalidate(version.pk))
        transaction.on_commit(partial(page_cache_invalidate, page.pk, VOTES))
    return Vote.objects.get(participant=participant, snapshot=clause_snapshot)


def votes_unlink(*, participant: Participant) -> int:
    """Detach a leaving participant's votes: they stay in the tallies, linked to no one."""
    return Vote.objects.filter(participant=participant).update(participant=None)


def unlink_votes_on_deletion(sender, participant, **kwargs):
    votes_unlink(participant=participant)


def participant_votes_data(sender, participant, **kwargs):
    """ "My data": the participant's votes, as they would read them."""
    votes = (
        Vote.objects.by(participant)
        .select_related("snapshot__version__page")
        .order_by("snapshot__version__page__title", "snapshot__version__number", "snapshot__number")
    )
    return (
        "votes",
        [
            {
                "guidance": vote.snapshot.version.page.title,
                "version": vote.snapshot.version.number,
                "clause": vote.snapshot.number,
                "proposition": vote.snapshot.proposition,
                "answer": vote.get_choice_display(),
                "perspective_at_the_time": vote.perspective,
                "cast_at": vote.updated_at.isoformat(),
            }
            for vote in votes
        ],
    )
