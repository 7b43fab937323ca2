from django.db import transaction
from django.utils import timezone
from wagtail.search import index

from consultation.guidance.clauses import clauses_from_stream
from consultation.guidance.reading import reader_content
from consultation.versions.models import ClauseSnapshot, GuidanceVersion
from consultation.versions.signals import version_published


@transaction.atomic
def version_publish(*, page, revision, user=None) -> GuidanceVersion | None:
    """Record a publication as the next numbered version.

    Returns None when nothing participants read has changed (clauses, title, summary):
    republishing an unchanged page is not a new version.
    """
    # Lock the page row so concurrent publications cannot take the same number; the
    # unique constraint on (page, number) is the backstop.
    type(page).objects.select_for_update().filter(pk=page.pk).first()
    # Locking the latest version too waits for votes being cast on it (they hold it shared,
    # voting/services.py), so votes carried over to the new version include them.
    latest = GuidanceVersion.objects.for_page(page).latest_first().select_for_update().first()
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
    snapshots = ClauseSnapshot.objects.bulk_create(
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
    # bulk_create sends no post_save, so the search index is told here.
    for snapshot in snapshots:
        index.insert_or_update_object(snapshot)
    version_published.send(sender=GuidanceVersion, version=version, previous=latest)
    return version


def _unchanged(latest: GuidanceVersion, page, clauses) -> bool:
    return not publication_changes(latest, title=page.title, summary=page.summary, clauses=clauses)


def publication_changes(latest: GuidanceVersion, *, title, summary, clauses) -> bool:
    """Whether publishing this content would change what participants read since `latest`:
    title, summary, or any clause as a reader sees it (editor-only markup is ignored), its
    place included. The window and the concluded tick are not content."""
    if (latest.title.strip(), latest.summary.strip()) != (title.strip(), summary.strip()):
        return True
    published = [(s.clause_id, reader_content(s)) for s in latest.clauses.all()]
    return published != [(c.id, reader_content(c)) for c in clauses]
