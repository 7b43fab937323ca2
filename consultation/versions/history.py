"""Reading a document's history: every function runs a fixed number of queries.

A whole history's clause snapshots come back in one query and are compared in Python,
so the history page and the per-clause notes cost the same for 2 versions or 200.
"""

from dataclasses import dataclass
from itertools import groupby

from consultation.versions.diff import ADDED, CHANGED, DocumentDiff, classify, compare
from consultation.versions.models import ClauseSnapshot, GuidanceVersion


@dataclass(frozen=True)
class VersionEntry:
    version: GuidanceVersion
    previous: GuidanceVersion | None
    changes: DocumentDiff | None  # None for the first version


@dataclass(frozen=True)
class ClauseNote:
    """What the current page says beside a clause: "New in version 3", "Changed in version 3"."""

    kind: str  # ADDED or CHANGED
    version_number: int
    previous_number: int

    @property
    def is_new(self) -> bool:
        return self.kind == ADDED


def snapshots_by_version(page) -> dict[int, list[ClauseSnapshot]]:
    snapshots = ClauseSnapshot.objects.for_page(page)
    return {
        version_id: list(clauses)
        for version_id, clauses in groupby(snapshots, key=lambda s: s.version_id)
    }


def history(page) -> list[VersionEntry]:
    """Every version, newest first, with clause counts against the version before it."""
    versions = list(GuidanceVersion.objects.for_page(page).order_by("number"))
    clauses = snapshots_by_version(page)
    entries = []
    previous = None
    for version in versions:
        changes = None
        if previous is not None:
            changes = classify(clauses.get(previous.pk, []), clauses.get(version.pk, []))
        entries.append(VersionEntry(version, previous, changes))
        previous = version
    return entries[::-1]


def clause_notes(page) -> dict[str, ClauseNote]:
    """For each clause of the latest version: the last version that added or changed it.

    Clauses untouched since version 1 have no note; so do documents with one version.
    """
    versions = list(GuidanceVersion.objects.for_page(page).order_by("number"))
    if len(versions) < 2:
        return {}
    clauses = snapshots_by_version(page)
    notes: dict[str, ClauseNote] = {}
    for previous, version in zip(versions, versions[1:], strict=False):
        diff = classify(clauses.get(previous.pk, []), clauses.get(version.pk, []))
        for clause in diff.clauses:
            if clause.status in (ADDED, CHANGED):
                notes[clause.clause_id] = ClauseNote(clause.status, version.number, previous.number)
    latest = {s.clause_id for s in clauses.get(versions[-1].pk, [])}
    return {clause_id: note for clause_id, note in notes.items() if clause_id in latest}


def version_pair(page, older: int, newer: int) -> tuple[GuidanceVersion, GuidanceVersion] | None:
    """Both versions with their clauses (two queries), or None if either does not exist."""
    found = {
        v.number: v
        for v in GuidanceVersion.objects.for_page(page)
        .filter(number__in=[older, newer])
        .with_clauses()
    }
    if older not in found or newer not in found:
        return None
    return found[older], found[newer]


def version_comparison(older: GuidanceVersion, newer: GuidanceVersion) -> DocumentDiff:
    return compare(list(older.clauses.all()), list(newer.clauses.all()))
