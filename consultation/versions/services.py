from django.db import transaction
from django.utils import timezone

from consultation.guidance.clauses import clauses_from_stream
from consultation.versions.models import ClauseSnapshot, GuidanceVersion


def _clause_content(clauses) -> list[tuple]:
    return [(c.id, c.number, c.heading, c.body, c.proposition, c.plain_summary) for c in clauses]


@transaction.atomic
def version_publish(*, page, revision, user=None) -> GuidanceVersion | None:
    """Record a publication as the next numbered version.

    Returns None when nothing participants read has changed (clauses, title, summary):
    republishing an unchanged page is not a new version.
    """
    # Lock the page row so concurrent publications cannot take the same number; the
    # unique constraint on (page, number) is the backstop.
    type(page).objects.select_for_update().filter(pk=page.pk).first()
    latest = GuidanceVersion.objects.for_page(page).latest_first().first()
    clauses = clauses_from_stream(page.body)
    if latest is not None and _unchanged(latest, page, clauses):
        return None

    version = GuidanceVersion.objects.create(
        page=page,
        number=(latest.number + 1) if latest else 1,
        revision=revision,
        published_at=timezone.now(),
        published_by=user,
        title=page.title,
        summary=page.summary,
        change_summary=page.change_summary,
    )
    ClauseSnapshot.objects.bulk_create(
        ClauseSnapshot(
            version=version,
            clause_id=c.id,
            number=c.number,
            heading=c.heading,
            body=c.body,
            proposition=c.proposition,
            plain_summary=c.plain_summary,
        )
        for c in clauses
    )
    return version


def _unchanged(latest: GuidanceVersion, page, clauses) -> bool:
    if (latest.title, latest.summary) != (page.title, page.summary):
        return False
    return [s.content for s in latest.clauses.all()] == _clause_content(clauses)
