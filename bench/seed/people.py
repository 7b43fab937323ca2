"""Participants, their votes and follows for the national-scale bench, written in bulk.

Everything here is what the services would write (verified email, one vote per participant
per clause snapshot, perspectives copied onto the vote), only without going through them one
row at a time: the bench needs 100,000 votes in seconds, not hours.
"""

import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from consultation.accounts.models import Follow, Participant, Perspective
from consultation.voting.models import Vote

EMAIL_DOMAIN = "bench.coproduce.invalid"
BATCH = 5000
# Roughly who answers a national consultation on peer support work (weights, not data).
PERSPECTIVE_WEIGHTS = {
    Perspective.LIVED_EXPERIENCE: 30,
    Perspective.PEER_WORKER: 22,
    Perspective.CARER: 10,
    Perspective.CLINICIAN: 12,
    Perspective.EMPLOYER: 7,
    Perspective.TRAINER: 4,
    Perspective.COMMISSIONER: 3,
    Perspective.OTHER: 4,
    # Several perspectives at once (issue 18): peer workers with lived experience.
    f"{Perspective.LIVED_EXPERIENCE},{Perspective.PEER_WORKER}": 5,
    # No perspective ("prefer not to say" is choosing none).
    "": 3,
}


def participants_create(count: int, rng: random.Random, progress) -> list[Participant]:
    """`count` verified participants with unusable passwords, oldest first."""
    User = get_user_model()
    password = make_password(None)
    users = []
    for start in range(0, count, BATCH):
        users += User.objects.bulk_create(
            User(
                username=f"bench-{n:06d}",
                email=f"bench-{n:06d}@{EMAIL_DOMAIN}",
                password=password,
            )
            for n in range(start, min(start + BATCH, count))
        )
        progress.update(min(BATCH, count - start) // 2)
    EmailAddress.objects.bulk_create(
        (EmailAddress(user=user, email=user.email, primary=True, verified=True) for user in users),
        batch_size=BATCH,
    )
    perspectives = rng.choices(
        list(PERSPECTIVE_WEIGHTS), weights=list(PERSPECTIVE_WEIGHTS.values()), k=count
    )
    consented = timezone.now() - timedelta(days=90)
    Participant.objects.bulk_create(
        (
            Participant(
                user=user,
                display_name=f"Bench participant {n:06d}",
                perspectives=perspectives[n],
                consented_at=consented,
            )
            for n, user in enumerate(users)
        ),
        batch_size=BATCH,
    )
    progress.update(count - count // 2)
    return list(
        Participant.objects.filter(user__email__endswith=EMAIL_DOMAIN).order_by("user__username")
    )


def _clause_leaning(rng: random.Random, snapshots) -> dict[int, list[int]]:
    """A weighting of the five answers for each snapshot: most clauses are agreed with,
    some divide opinion, a few are opposed."""
    leanings = [[40, 35, 12, 8, 5], [15, 20, 20, 25, 20], [5, 10, 15, 35, 35]]
    return {s.pk: rng.choices(leanings, weights=[6, 3, 1])[0] for s in snapshots}


def votes_create(participants, versions_snapshots, total: int, rng: random.Random, progress) -> int:
    """About `total` votes, split 15% / 25% / 60% over three versions (oldest first), each
    participant answering a run of consecutive clauses so every vote pair is unique."""
    shares = [0.15, 0.25, 0.60][-len(versions_snapshots) :]
    written = 0
    for index, snapshots in enumerate(versions_snapshots):
        target = (
            total - written
            if index == len(versions_snapshots) - 1
            else round(total * shares[index] / sum(shares))
        )
        leaning = _clause_leaning(rng, snapshots)
        per_participant = min(len(snapshots), -(-target // len(participants)))
        batch = []
        made = 0
        for participant in participants:
            if made >= target:
                break
            first = rng.randrange(len(snapshots))
            for k in range(min(per_participant, target - made)):
                snapshot = snapshots[(first + k) % len(snapshots)]
                choice = rng.choices(range(1, 6), weights=leaning[snapshot.pk])[0]
                batch.append(
                    Vote(
                        participant=participant,
                        snapshot=snapshot,
                        choice=choice,
                        perspectives=participant.perspectives,
                    )
                )
                made += 1
            if len(batch) >= BATCH:
                Vote.objects.bulk_create(batch)
                progress.update(len(batch))
                batch = []
        Vote.objects.bulk_create(batch)
        progress.update(len(batch))
        written += made
    return written


def follows_create(participants, page, share: float, rng: random.Random) -> int:
    followers = rng.sample(participants, round(len(participants) * share))
    Follow.objects.bulk_create(
        (Follow(participant=p, page=page) for p in followers), batch_size=BATCH
    )
    return len(followers)
