from django.conf import settings
from django.db import models
from wagtail.search import index

from consultation.guidance.clauses import clause_anchor, short_clause_id
from consultation.versions.diff import text_blocks


def protect_unless_page_deleted(collector, field, sub_objs, using):
    """PROTECT a version's revision from purges, but let the whole document be deleted.

    Plain PROTECT would also block deleting the page, whose cascade reaches both the
    revisions and the versions that point at them.
    """
    pages_being_deleted = {
        obj.pk
        for model, objs in collector.data.items()
        if model._meta.label_lower in {"wagtailcore.page", "consultation.guidancepage"}
        for obj in objs
    }
    if any(version.page_id not in pages_being_deleted for version in sub_objs):
        models.PROTECT(collector, field, sub_objs, using)


class GuidanceVersionQuerySet(models.QuerySet):
    def for_page(self, page):
        return self.filter(page=page)

    def latest_first(self):
        return self.order_by("-number")

    def with_clauses(self):
        return self.prefetch_related("clauses")


class ClauseSnapshotQuerySet(models.QuerySet):
    def for_page(self, page):
        """Every clause of every version of a document: one query for a whole history."""
        return self.filter(version__page=page).order_by("version__number", "number")


class GuidanceVersion(models.Model):
    """One publication of a guidance document, numbered 1, 2, 3... and never rewritten.

    The clauses are copied into ClauseSnapshot rows, so history survives later edits and
    revision purges; the revision link is kept (and protected) for the editor's sake.
    """

    page = models.ForeignKey(
        "consultation.GuidancePage", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=protect_unless_page_deleted, related_name="+"
    )
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(max_length=255)
    summary = models.TextField()
    change_summary = models.TextField(blank=True)

    objects = GuidanceVersionQuerySet.as_manager()

    class Meta:
        ordering = ["page", "number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="version_number_unique")
        ]

    def __str__(self):
        return f"{self.title}, version {self.number}"


class ClauseSnapshot(index.Indexed, models.Model):
    """A clause exactly as published in one version.

    Indexed for site search (consultation/search/): the search asks only for the current
    version's snapshots of live, public pages, so history never clutters the results."""

    version = models.ForeignKey(GuidanceVersion, on_delete=models.CASCADE, related_name="clauses")
    clause_id = models.CharField(max_length=36, help_text="The clause's stable block id.")
    number = models.PositiveIntegerField()
    heading = models.CharField(max_length=200)
    body = models.TextField(help_text="Rich text, in Wagtail's stored form.")
    proposition = models.TextField(blank=True)
    plain_summary = models.TextField(blank=True)

    objects = ClauseSnapshotQuerySet.as_manager()

    search_fields = [
        index.SearchField("heading", boost=3),
        index.SearchField("body_text"),
        index.SearchField("proposition", boost=2),
        index.SearchField("plain_summary"),
        index.FilterField("version"),
    ]

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "clause_id"], name="snapshot_clause_unique"),
            models.UniqueConstraint(fields=["version", "number"], name="snapshot_number_unique"),
        ]
        indexes = [models.Index(fields=["clause_id", "version"])]

    def __str__(self):
        return f"{self.number}. {self.heading}"

    @property
    def short_id(self) -> str:
        return short_clause_id(self.clause_id)

    def body_text(self) -> str:
        """The body's words for the search index, without markup."""
        return " ".join(block.text for block in text_blocks(self.body))

    @property
    def anchor(self) -> str:
        return clause_anchor(self.clause_id)


class VersionNotification(models.Model):
    """A new version a follower is told about: sent straight away (sent_at set when it is
    recorded) or waiting for their daily digest (sent_at empty until then).

    One row per follower and version: the constraint, not a check, makes a repeated
    publication signal or a retried task tell no one twice."""

    recipient = models.ForeignKey(
        "consultation.Participant", on_delete=models.CASCADE, related_name="version_notifications"
    )
    version = models.ForeignKey(GuidanceVersion, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "version"], name="version_notified_once")
        ]
        indexes = [models.Index(fields=["sent_at", "recipient"])]

    def __str__(self):
        return f"Version {self.version_id} for {self.recipient_id}"
