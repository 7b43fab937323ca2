"""What forum sessions concluded, read where the clauses are shown: beside each clause
("discussed at the forum on 12 January"), in its discussion, in "you said, we did" and in
the history of the version that followed. Only live sessions that have ended and agenda
items with a summary or an outcome count. Publishing a session replaces the site's cache
token (caching/receivers.py), so every cached page shows a new summary at once, and its
guidance's forum token (forum/receivers.py), under which these reads are cached."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from consultation.caching.page_cache import topic_generation
from consultation.forum.pages import AgendaItem
from consultation.forum.services import FORUM

# Publishing a session replaces its guidance's forum token (receivers.py), so a new
# summary is read at once; a session that has just ended counts within this many seconds.
CACHE_SECONDS = 300


@dataclass(frozen=True)
class Discussed:
    clause_id: str
    session_title: str
    session_url: str
    ends_at: datetime
    outcome: str
    summary: str
    item_number: int


def _page_key(guidance) -> int:
    return getattr(guidance, "pk", guidance)


def discussed_items(guidance) -> list[Discussed]:
    """Every concluded agenda item under this guidance, oldest session first (one query,
    kept on the page object for the rest of the request)."""
    found = getattr(guidance, "_forum_discussed", None)
    if found is not None:
        return found
    key = f"forum:discussed:{guidance.pk}:{topic_generation(guidance.pk, FORUM)}"
    found = cache.get(key)
    if found is None:
        found = _discussed(guidance)
        cache.set(key, found, CACHE_SECONDS)
    guidance._forum_discussed = found
    return found


def _discussed(guidance) -> list[Discussed]:
    items = (
        AgendaItem.objects.filter(
            page__path__startswith=guidance.path,
            page__depth=guidance.depth + 1,
            page__live=True,
            page__ends_at__lte=timezone.now(),
        )
        .exclude(summary="", outcome="")
        .select_related("page")
        .order_by("page__ends_at", "sort_order")
    )
    found = []
    for item in items:
        session = item.page
        found.append(
            Discussed(
                clause_id=item.clause_id,
                session_title=session.title,
                session_url=session.url,
                ends_at=session.ends_at,
                outcome=item.get_outcome_display() if item.outcome else "",
                summary=item.summary,
                item_number=(item.sort_order or 0) + 1,
            )
        )
    return found


def discussed_clause(guidance, clause_id: str) -> list[Discussed]:
    return [d for d in discussed_items(guidance) if d.clause_id == clause_id]


def discussed_before(guidance, version, previous) -> list[Discussed]:
    """Items of sessions held between `previous` and `version` (the version that followed)."""
    if previous is None:
        return []
    return [
        d
        for d in discussed_items(guidance)
        if previous.published_at <= d.ends_at < version.published_at
    ]
