"""Documents for the bench: realistic sizes, built through the same publish path as editors."""

from datetime import timedelta

from django.utils import timezone
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from consultation.models import GuidanceIndexPage, GuidancePage
from home.models import HomePage

PARAGRAPH = (
    "Peer workers use their own experience of mental health challenges on purpose, and "
    "the organisation around them agrees how that experience is valued, supported and "
    "paid. This sentence is here to give clause {n} a realistic length of text to compare."
)


def clause_value(n: int, edit: str = "") -> dict:
    body = "".join(f"<p>{PARAGRAPH.format(n=n)} {edit}</p>" for _ in range(3))
    return {
        "heading": f"Clause about topic {n}",
        "body": RichText(body + "<ul><li>first point</li><li>second point</li></ul>"),
        "proposition": f"Organisations should adopt practice {n}.",
        "plain_summary": f"What clause {n} means, in plain words.",
    }


def document_with_versions(*, clauses: int, slug: str = "bench-document") -> GuidancePage:
    """Version 1; version 2 rewords a tenth and adds two; version 3 removes two and moves one."""
    index = GuidanceIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=GuidanceIndexPage(title="Guidance", slug="guidance")
        )
        index.save_revision().publish()
    now = timezone.now()
    page = index.add_child(
        instance=GuidancePage(
            title=f"Bench document {slug}",
            slug=slug,
            summary="A long document for timing comparisons.",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=30),
            body=[("clause", clause_value(n)) for n in range(1, clauses + 1)],
        )
    )
    page.save_revision().publish()

    stream = [("clause", dict(c.value), c.id) for c in page.body]
    for i in range(0, clauses, 10):
        stream[i][1].update(clause_value(i + 1, edit="Reworded after feedback."))
    stream += [("clause", clause_value(clauses + n), None) for n in (1, 2)]
    _publish(page, stream, "Reworded a tenth of the clauses and added two.")

    stream = [("clause", dict(c.value), c.id) for c in page.body]
    del stream[3], stream[7]
    stream.insert(1, stream.pop(20))
    _publish(page, stream, "Removed two clauses and moved one.")
    return page


def _publish(page, stream, change_summary):
    page.body = StreamValue(page.body.stream_block, stream)
    page.change_summary = change_summary
    page.save_revision().publish()
    page.refresh_from_db()


def votes_for_export(page: GuidancePage, count: int) -> int:
    """About `count` votes on the current version, from as many participants as needed
    (one vote each per clause), written in bulk. Returns how many were written."""
    from django.contrib.auth import get_user_model

    from consultation.models import ClauseSnapshot, Participant, Perspective, Vote

    snapshots = list(ClauseSnapshot.objects.filter(version=page.current_version))
    voters = -(-count // len(snapshots))
    User = get_user_model()
    User.objects.bulk_create(
        [User(username=f"bench-voter-{n}", email=f"voter{n}@bench.invalid") for n in range(voters)],
        batch_size=2000,
    )
    users = User.objects.filter(username__startswith="bench-voter-").order_by("pk")
    perspectives = [p for p in Perspective.values]
    Participant.objects.bulk_create(
        [
            Participant(user=user, display_name=f"Bench voter {n}", perspective=perspectives[n % 9])
            for n, user in enumerate(users)
        ],
        batch_size=2000,
    )
    participants = Participant.objects.filter(user__username__startswith="bench-voter-")
    written = 0
    batch = []
    for n, participant in enumerate(participants.iterator(chunk_size=2000)):
        for snapshot in snapshots:
            if written + len(batch) >= count:
                break
            batch.append(
                Vote(
                    participant=participant,
                    snapshot=snapshot,
                    choice=1 + (n + snapshot.number) % 5,
                    perspective=participant.perspective,
                )
            )
        if len(batch) >= 5000:
            Vote.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    Vote.objects.bulk_create(batch)
    return written + len(batch)
