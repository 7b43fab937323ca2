"""Facilitated tallies beside individual results: one row per clause and version
("facilitated sessions: 34 people, 71% agree"), never merged into the votes. They count
towards the consensus and contested marks only where the page's editors ask
(`GuidancePage.facilitated_tallies_in_marks`), and then as one more group."""

import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from consultation.facilitation.models import FacilitatedTally
from consultation.voting.models import Choice
from consultation.voting.results import Group, _mark, tally_generations

AGREEING = [i for i, c in enumerate(Choice) if c in Choice.agreeing()]


@dataclass(frozen=True)
class FacilitatedResult:
    counts: list[int]
    sources: list[str]
    in_marks: bool = False

    @property
    def people(self) -> int:
        return sum(self.counts)

    @property
    def too_few(self) -> bool:
        return self.people < settings.COPRODUCE_VOTE_MIN_GROUP

    @property
    def agree_percent(self) -> int | None:
        if self.too_few:
            return None
        return round(100 * sum(self.counts[i] for i in AGREEING) / self.people)

    def group(self) -> Group:
        return Group(
            key="facilitated",
            label="Facilitated sessions",
            total=self.people,
            agree=sum(self.counts[i] for i in AGREEING),
            too_few=self.too_few,
            in_marks=True,
        )


def _count(version_id) -> dict[int, FacilitatedResult]:
    found: dict[int, tuple[list[int], list[str]]] = {}
    tallies = (
        FacilitatedTally.objects.filter(snapshot__version_id=version_id)
        .values_list("snapshot_id", "source__name", *FacilitatedTally.COUNT_FIELDS)
        .order_by("source__held_on", "source_id")
    )
    for snapshot_id, name, *counts in tallies:
        totals, names = found.setdefault(snapshot_id, ([0] * len(counts), []))
        for i, count in enumerate(counts):
            totals[i] += count
        names.append(name)
    return {
        snapshot_id: FacilitatedResult(counts=totals, sources=names)
        for snapshot_id, (totals, names) in found.items()
    }


def version_facilitated(version_id, *, in_marks: bool) -> dict[int, FacilitatedResult]:
    """{snapshot id: its facilitated result}. The counts are cached under the version's
    tally generation (entering a tally replaces it); the page's setting `in_marks` is
    applied after, never cached, so ticking it shows at once."""
    generation = tally_generations([version_id])[version_id]
    key = f"facilitated:{version_id}:{generation}"
    results = cache.get(key)
    if results is None:
        results = _count(version_id)
        cache.set(key, results, settings.COPRODUCE_VOTE_CACHE_SECONDS)
    if not in_marks:
        return results
    return {pk: dataclasses.replace(r, in_marks=True) for pk, r in results.items()}


def facilitated_for(snapshot, *, in_marks: bool) -> FacilitatedResult | None:
    return version_facilitated(snapshot.version_id, in_marks=in_marks).get(snapshot.pk)


def mark_with_facilitated(result, facilitated: FacilitatedResult | None) -> str:
    """The clause's mark as the page counts it: the votes alone, or with the facilitated
    sessions as one more group when the editors include them."""
    if result is None:
        return ""
    if facilitated is None or not facilitated.in_marks:
        return result.mark
    combined = dataclasses.replace(
        result, groups=[*result.groups, facilitated.group()], consensus=False, contested=False
    )
    _mark(combined)
    return combined.mark
