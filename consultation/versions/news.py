"""What a new version changed for one participant: the clauses they voted or commented on."""

from dataclasses import dataclass

from consultation.discussion.models import GuidanceComment
from consultation.guidance.reading import reader_content
from consultation.versions.models import ClauseSnapshot, GuidanceVersion
from consultation.voting.models import Vote

CHANGED, UNCHANGED, REMOVED = "changed", "unchanged", "removed"


@dataclass(frozen=True)
class ClauseNews:
    number: int
    heading: str
    status: str  # CHANGED, UNCHANGED or REMOVED

    @property
    def changed(self) -> bool:
        return self.status == CHANGED


@dataclass(frozen=True)
class VersionNews:
    version: GuidanceVersion
    since: int  # the version the participant last took part in (or the one before)
    clauses: list[ClauseNews]


def version_news(participant, version: GuidanceVersion) -> VersionNews:
    """What `version` changed for `participant`: since the last version they voted or
    commented in, each clause they took part on, changed or not."""
    page_id = version.page_id
    votes = Vote.objects.by(participant).filter(
        snapshot__version__page_id=page_id,
        snapshot__version__number__lt=version.number,
        carried_from__isnull=True,
    )
    comments = GuidanceComment.objects.filter(
        participant=participant, page_id=page_id, version__number__lt=version.number
    )
    seen = [n for n in votes.values_list("snapshot__version__number", flat=True)]
    seen += [n for n in comments.values_list("version__number", flat=True) if n]
    since = max(seen, default=version.number - 1)
    clause_ids = set(votes.values_list("snapshot__clause_id", flat=True))
    clause_ids |= set(comments.exclude(clause_id="").values_list("clause_id", flat=True))
    snapshots = ClauseSnapshot.objects.filter(
        version__page_id=page_id, version__number__in=[since, version.number]
    ).select_related("version")
    before = {s.clause_id: s for s in snapshots if s.version.number == since}
    after = {s.clause_id: s for s in snapshots if s.version.number == version.number}
    clauses = []
    for clause_id in clause_ids:
        old, new = before.get(clause_id), after.get(clause_id)
        if new is None and old is None:
            continue
        if new is None:
            clauses.append(ClauseNews(old.number, old.heading, REMOVED))
        elif old is None or reader_content(old) != reader_content(new):
            clauses.append(ClauseNews(new.number, new.heading, CHANGED))
        else:
            clauses.append(ClauseNews(new.number, new.heading, UNCHANGED))
    return VersionNews(version, since, sorted(clauses, key=lambda c: c.number))
