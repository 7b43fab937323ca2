"""Site search: guidance titles and summaries, the current version's clauses, and visible
comments, on Wagtail's search (database backend: PostgreSQL full-text in production).

Every query is limited to live, public guidance and to what the public may read; results
come back as one list of hits, ordered by guidance and clause, so a page of them can be
grouped under each guidance and clause."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from wagtail.search.backends import get_search_backend

from consultation.discussion.models import GuidanceComment
from consultation.versions.models import ClauseSnapshot, GuidanceVersion

MAX_HITS = 500  # per kind: a search is for finding, not for exporting the site


@dataclass
class Hit:
    page: object
    kind: str  # "guidance", "clause" or "comment"
    clause: ClauseSnapshot | None = None
    comment: GuidanceComment | None = None

    @property
    def sort_key(self) -> tuple:
        kind_order = {"guidance": 0, "clause": 1, "comment": 2}[self.kind]
        number = self.clause.number if self.clause else 0
        return (self.page.title.casefold(), self.page.pk, number, kind_order)


def site_search(query: str, pages) -> list[Hit]:
    """Hits for `query` among `pages` (a GuidancePage queryset: live and public)."""
    # A double quote means nothing here (no phrase syntax is offered), and the SQLite
    # backend passes it into FTS5's syntax unescaped, where a lone one is an error.
    query = " ".join(query.replace('"', " ").split())
    if not query:
        return []
    backend = get_search_backend()
    by_id = {page.pk: page for page in pages}
    hits = [Hit(page, "guidance") for page in pages.search(query)[:MAX_HITS]]
    latest = Subquery(
        GuidanceVersion.objects.filter(page=OuterRef("page")).order_by("-number").values("pk")[:1]
    )
    current = GuidanceVersion.objects.filter(page__in=list(by_id), pk=latest)
    snapshots = ClauseSnapshot.objects.filter(version__in=current).select_related("version")
    # Every current clause, once: comments are shown under the clause they discuss.
    clauses_by_id = {(s.version.page_id, s.clause_id): s for s in snapshots}
    for snapshot in backend.search(query, snapshots)[:MAX_HITS]:
        hits.append(Hit(by_id[snapshot.version.page_id], "clause", clause=snapshot))
    comments = GuidanceComment.objects.visible().filter(page__in=list(by_id))
    for comment in backend.search(query, comments.select_related("participant"))[:MAX_HITS]:
        clause = clauses_by_id.get((comment.page_id, comment.clause_id))
        hits.append(Hit(by_id[comment.page_id], "comment", clause=clause, comment=comment))
    return sorted(hits, key=lambda hit: hit.sort_key)
