"""A national-scale consultation for `make bench`, seeded into the bench's throwaway database.

One 60-clause guidance document with three versions published through the real publish
path (then dated 60, 30 and 10 days ago, so comments and votes fall in each version's round),
results always visible; 5,000 verified participants; 100,000 votes; 20,000 comments in
threads, one clause discussion on the current version holding exactly 500 of them; concerns,
removals, withdrawals, editors' responses and follows. `Scale` sets every size, so the test
suite can seed the same thing small (tests/bench/test_national.py).
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.models import Max
from django.utils import timezone
from django_comments.models import Comment
from tqdm import tqdm

from bench.seed import comments as seed_comments
from bench.seed import people as seed_people
from bench.seed.documents import document_with_versions, plain_page_like
from consultation.voting.models import ResultsVisibility

VERSION_AGES_DAYS = [60, 30, 10]  # oldest first
COMMENT_SHARES = [0.2, 0.3, 0.5]  # by version, of the comments outside the big discussion
VIEWER_COMMENTS = 3


def _statistics_update():
    """Bulk inserts leave PostgreSQL's planner statistics describing empty tables, so it
    picks nested loops over 20,000 rows; autovacuum would fix that within a minute on a
    live site. Measuring before it has is measuring a database no site runs on."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@dataclass
class Scale:
    participants: int = 5_000
    votes: int = 100_000
    comments: int = 20_000
    big_discussion: int = 500  # a multiple of 25: threads of 1 + 8 + 16
    clauses: int = 60  # at least 21: bench.seed.documents moves clause 21 in version 3
    follow_share: float = 0.2


@dataclass
class Seeded:
    page: object
    plain: object
    editor: object
    viewer: object  # a participant who has voted and commented on the current version
    big_clause: object  # the current version's clause holding the big discussion
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0


def seed_national(scale: Scale | None = None, *, rng_seed=9, progress=True) -> Seeded:
    scale = scale or Scale()
    started = timezone.now()
    rng = random.Random(rng_seed)
    total = scale.participants + scale.votes + scale.comments
    bar = tqdm(total=total, unit="rows", disable=not progress, desc="guidance document")

    editor = get_user_model().objects.create(
        username="bench-editor",
        email="editor@bench.coproduce.invalid",
        password=make_password(None),
        is_staff=True,
        is_superuser=True,
    )
    page = document_with_versions(
        clauses=scale.clauses,
        slug="national",
        results_visibility=ResultsVisibility.ALWAYS,
        open_days=VERSION_AGES_DAYS[0] + 5,
    )
    now = timezone.now()
    versions = list(page.versions.order_by("number"))
    for version, age in zip(versions, VERSION_AGES_DAYS, strict=True):
        version.published_at = now - timedelta(days=age)
        version.save(update_fields=["published_at"])
    plain = plain_page_like(page)

    bar.set_description("participants")
    participants = seed_people.participants_create(scale.participants, rng, bar)
    viewer = participants[0]

    bar.set_description("votes")
    snapshots = [list(v.clauses.order_by("number")) for v in versions]
    votes = seed_people.votes_create(participants, snapshots, scale.votes, rng, bar)

    bar.set_description("comments")
    big_clause = next(s for s in snapshots[-1] if s.proposition)
    ends = [v.published_at for v in versions[1:]] + [now - timedelta(minutes=5)]
    big = seed_comments.big_discussion(
        versions[-1], big_clause.clause_id, ends[-1], participants, scale.big_discussion, rng
    )
    budget = scale.comments - sum(1 for root in big for _ in root.subtree())
    sizes = [round(budget * share) for share in COMMENT_SHARES[:-1]]
    sizes.append(budget - sum(sizes))
    others = []
    for version, end, size, version_snapshots in zip(versions, ends, sizes, snapshots, strict=True):
        clause_ids = [s.clause_id for s in version_snapshots if s.clause_id != big_clause.clause_id]
        others += seed_comments.threads(version, clause_ids, end, participants, size, rng)
    seed_comments.moderate(others, rng, now)
    current_roots = [r for r in others if r.version == versions[-1]]
    for root in current_roots[:VIEWER_COMMENTS]:
        root.participant = viewer
        root.status, root.withdrawn, root.concerns = "published", False, 0
    first_id = (Comment.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    comments = seed_comments.thread_data(big + others, first_id)
    seed_comments.comments_insert(page, comments, editor, now)
    bar.update(len(comments))
    concerns = seed_comments.concerns_create(comments, participants, rng, now)
    responses = seed_comments.responses_create(others, versions, editor, rng, now)
    follows = seed_people.follows_create(participants, page, scale.follow_share, rng)
    bar.close()
    _statistics_update()

    return Seeded(
        page=page,
        plain=plain,
        editor=editor,
        viewer=viewer,
        big_clause=big_clause,
        counts={
            "clauses": len(snapshots[-1]),
            "versions": len(versions),
            "participants": len(participants),
            "votes": votes,
            "comments": len(comments),
            "big_discussion": sum(1 for root in big for _ in root.subtree()),
            "concerns": concerns,
            "feedback_responses": responses,
            "follows": follows,
        },
        seconds=round((timezone.now() - started).total_seconds(), 1),
    )
