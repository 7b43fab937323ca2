"""Casting votes, and keeping cached tallies honest when votes change."""

from django.db import connection, transaction
from django.utils import timezone

from consultation.accounts.models import Participant
from consultation.caching.page_cache import VOTES, invalidate_on_commit
from consultation.guidance.reading import reader_content
from consultation.numbers import whole_number
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
        return Choice(value if isinstance(value, int) else whole_number(value))
    except ValueError:
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
    ensure_votable(clause_snapshot)

    with transaction.atomic():
        _hold_version(version)
        # Asked afresh and under the lock, not page.current_version: a cached answer may
        # predate a publication, and a publication waits for this vote to commit.
        current = GuidanceVersion.objects.for_page(page).latest_first().values_list("pk", flat=True)
        if version.pk != current.first():
            raise NotCurrentVersion
        # INSERT ... ON CONFLICT DO UPDATE: one statement that either adds the vote or
        # replaces the earlier answer, so concurrent submissions cannot make two rows or
        # fail on the unique constraint. A changed answer is no longer a carried one.
        Vote.objects.bulk_create(
            [
                Vote(
                    participant=participant,
                    snapshot=clause_snapshot,
                    perspectives=participant.perspectives,
                    choice=choice,
                    carried_from=None,
                    updated_at=timezone.now(),
                )
            ],
            update_conflicts=True,
            unique_fields=["participant", "snapshot"],
            update_fields=["choice", "perspectives", "carried_from", "updated_at"],
        )
        transaction.on_commit(lambda: tallies_invalidate(version.pk))
        invalidate_on_commit(page.pk, VOTES)
    return Vote.objects.get(participant=participant, snapshot=clause_snapshot)


def votes_unlink(*, participant: Participant) -> int:
    """Detach a leaving participant's votes: they stay in the tallies, linked to no one."""
    return Vote.objects.filter(participant=participant).update(participant=None)


def _hold_version(version: GuidanceVersion) -> None:
    """Hold the version's row shared until the vote commits: votes never wait for each
    other, but a publication (which locks it for update) waits for them, and they for it.
    SQLite runs one writer at a time, so there is nothing to hold there."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {GuidanceVersion._meta.db_table} WHERE id = %s FOR SHARE",
                [version.pk],
            )


def unchanged_clauses(previous: GuidanceVersion, version: GuidanceVersion) -> list[tuple]:
    """(earlier snapshot, new snapshot) for each clause with a proposition that readers see
    exactly as before (editor-only markup aside): the clauses whose votes still stand."""
    earlier = {s.clause_id: s for s in previous.clauses.exclude(proposition="")}
    return [
        (earlier[s.clause_id], s)
        for s in version.clauses.exclude(proposition="")
        if s.clause_id in earlier and reader_content(earlier[s.clause_id]) == reader_content(s)
    ]


def votes_carry_over(*, previous: GuidanceVersion, version: GuidanceVersion) -> int:
    """Count every vote on an unchanged clause of `previous` in `version` too, as a copy
    that remembers the version the answer was given in. Returns how many were carried.

    Idempotent: a participant who already answered in `version` keeps that answer (the
    unique constraint skips the copy), so it can repair versions published earlier."""
    # A snapshot that already holds carried votes was carried to before (a repair run twice):
    # unlinked votes have no participant to conflict on, so they would be copied again.
    already = set(
        Vote.objects.carried()
        .filter(snapshot__version=version)
        .values_list("snapshot_id", flat=True)
    )
    pairs = {
        old.pk: new for old, new in unchanged_clauses(previous, version) if new.pk not in already
    }
    if not pairs:
        return 0
    before = Vote.objects.carried().filter(snapshot__version=version).count()
    Vote.objects.bulk_create(
        [
            Vote(
                participant_id=vote.participant_id,
                snapshot=pairs[vote.snapshot_id],
                perspectives=vote.perspectives,
                choice=vote.choice,
                carried_from=vote.carried_from or previous.number,
            )
            for vote in Vote.objects.filter(snapshot_id__in=pairs)
        ],
        ignore_conflicts=True,
    )
    transaction.on_commit(lambda: tallies_invalidate(version.pk))
    invalidate_on_commit(version.page_id, VOTES)
    return Vote.objects.carried().filter(snapshot__version=version).count() - before
