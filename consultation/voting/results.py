"""Vote results: tallies counted in SQL, cached per version, read as plain values.

Tallies are counted by the database (one aggregate grouped by clause snapshot and the
voter's combination of perspectives) and never by loading votes. A person may hold several
perspectives: their vote counts once in each of them and once in the total, so the groups
of a clause can add up to more than its total. Each version's tallies are cached under a key
that includes the version's generation token; casting a vote replaces the token, so a
reader that computed tallies just before the vote committed writes them under a key that
no one will read again.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q

from consultation import rounds
from consultation.accounts.models import Perspective, perspectives_split
from consultation.caching.generations import generations, generations_replace
from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import Choice, ResultsVisibility, Vote

NOT_STATED = "not_stated"
NOT_STATED_LABEL = "Perspective not stated"
# Not stakeholder groups, so shown in the breakdown but left out of the marks.
UNGROUPED = {"", Perspective.PREFER_NOT_TO_SAY}
# Worked out once: iterating an enum is slow, and a page computes results for every clause
# of every version.
CHOICES = list(Choice)
AGREEING = [i for i, c in enumerate(CHOICES) if c in Choice.agreeing()]
PERSPECTIVE_LABELS = dict(Perspective.choices)
GROUP_ORDER = [p for p in Perspective.values if p not in UNGROUPED] + [NOT_STATED]


def _generation_key(version_id) -> str:
    return f"votes:generation:{version_id}"


def tallies_invalidate(version_id) -> None:
    generations_replace([_generation_key(version_id)])


def tally_generations(version_ids) -> dict:
    """{version id: its tallies' generation token}, one cache read."""
    version_ids = list(version_ids)
    tokens = generations([_generation_key(v) for v in version_ids])
    return dict(zip(version_ids, tokens, strict=True))


def version_tallies(version_ids) -> dict:
    """{version id: {snapshot id: {perspectives: [count for each Choice]}}}, keyed by the
    voters' joined perspectives (see Participant); one SQL query at most (none when every
    version is cached)."""
    version_ids = list(version_ids)
    if not version_ids:
        return {}
    generations = tally_generations(version_ids)
    tally_keys = {v: f"votes:tallies:{v}:{generations[v]}" for v in version_ids}
    cached = cache.get_many(tally_keys.values())
    tallies = {v: cached[key] for v, key in tally_keys.items() if key in cached}
    missing = [v for v in version_ids if v not in tallies]
    if missing:
        counted = _count(missing)
        cache.set_many(
            {tally_keys[v]: counted[v] for v in missing},
            settings.COPRODUCE_VOTE_CACHE_SECONDS,
        )
        tallies.update(counted)
    return tallies


def _count(version_ids) -> dict:
    counted = {v: {} for v in version_ids}
    rows = (
        Vote.objects.filter(snapshot__version_id__in=version_ids)
        .values("snapshot_id", "snapshot__version_id", "perspectives")
        .annotate(**{f"c{c.value}": Count("pk", filter=Q(choice=c)) for c in CHOICES})
        .order_by()
    )
    for row in rows:
        by_perspective = counted[row["snapshot__version_id"]].setdefault(row["snapshot_id"], {})
        by_perspective[row["perspectives"]] = [row[f"c{c.value}"] for c in CHOICES]
    return counted


@dataclass(frozen=True)
class Answer:
    choice: Choice
    count: int
    percent: int

    @property
    def label(self):
        return self.choice.label


@dataclass(frozen=True)
class Group:
    """One perspective's answers; too few votes means no numbers are shown at all."""

    key: str
    label: str
    total: int
    agree: int
    too_few: bool
    in_marks: bool

    @property
    def agree_share(self) -> float:
        return 100 * self.agree / self.total if self.total else 0.0

    @property
    def agree_percent(self) -> int | None:
        return None if self.too_few else round(self.agree_share)


@dataclass
class ClauseResult:
    snapshot_id: int
    version_number: int
    total: int
    answers: list[Answer]
    groups: list[Group]
    too_few: bool
    agree_percent: int | None
    consensus: bool = False
    contested: bool = False
    carried: int = 0  # votes given in an earlier version on the same, unchanged clause

    @property
    def mark(self) -> str:
        if self.too_few:
            return "too_few"
        if self.contested:
            return "contested"
        if self.consensus:
            return "consensus"
        return ""


def clause_result(snapshot_id, version_number, by_combination: dict) -> ClauseResult:
    """`by_combination`: {joined perspectives: [count for each Choice]}. The total counts
    each vote once; each perspective counts every vote whose voter holds it."""
    minimum = settings.COPRODUCE_VOTE_MIN_GROUP
    counts = [sum(c[i] for c in by_combination.values()) for i in range(len(CHOICES))]
    total = sum(counts)
    agreeing = AGREEING
    too_few = total < minimum
    answers = [
        Answer(choice, count, round(100 * count / total) if total else 0)
        for choice, count in zip(CHOICES, counts, strict=True)
    ]
    merged = {}
    for combination, group_counts in by_combination.items():
        keys = [p for p in perspectives_split(combination) if p not in UNGROUPED] or [NOT_STATED]
        for key in keys:
            previous = merged.get(key, [0] * len(CHOICES))
            merged[key] = [a + b for a, b in zip(previous, group_counts, strict=True)]
    order = GROUP_ORDER
    groups = [
        Group(
            key=key,
            label=PERSPECTIVE_LABELS.get(key, NOT_STATED_LABEL),
            total=sum(merged[key]),
            agree=sum(merged[key][i] for i in agreeing),
            too_few=sum(merged[key]) < minimum,
            in_marks=key != NOT_STATED,
        )
        for key in order
        if key in merged
    ]
    result = ClauseResult(
        snapshot_id=snapshot_id,
        version_number=version_number,
        total=total,
        answers=answers,
        groups=groups,
        too_few=too_few,
        agree_percent=None if too_few else round(100 * sum(counts[i] for i in agreeing) / total),
    )
    _mark(result)
    return result


def _mark(result: ClauseResult) -> None:
    qualifying = [g for g in result.groups if g.in_marks and not g.too_few]
    if not qualifying:
        return
    shares = [g.agree_share for g in qualifying]
    result.contested = max(shares) - min(shares) >= settings.COPRODUCE_VOTE_CONTESTED_GAP
    # A contested clause is not agreed, even when every group is above the bar.
    result.consensus = (
        not result.contested
        and len(qualifying) >= settings.COPRODUCE_VOTE_CONSENSUS_MIN_GROUPS
        and min(shares) >= settings.COPRODUCE_VOTE_CONSENSUS_AGREE
    )


@dataclass(frozen=True)
class TrendPoint:
    version_number: int
    agree_percent: int | None
    total: int
    reworded: bool

    @property
    def too_few(self) -> bool:
        return self.agree_percent is None


@dataclass
class ClauseResults:
    """A clause of the current version: its results and its support in each version."""

    clause_id: str
    snapshot: ClauseSnapshot
    result: ClauseResult
    trend: list[TrendPoint] = field(default_factory=list)

    @property
    def has_trend(self) -> bool:
        return len(self.trend) > 1


def page_results(page, version=None) -> dict[str, ClauseResults]:
    """{clause id: ClauseResults} for every clause with a proposition in `version` (by
    default the current one), with its trend up to that version.

    A clause's trend follows its stable clause id through every version in which it had a
    proposition; a point is marked `reworded` when the proposition's text differs from the
    version before, so readers know they are not comparing like with like.

    Cached whole under the generations of every version it counts (read before counting,
    so a vote committed meanwhile leaves this entry unread); no query when cached.
    """
    return page_results_stamped(page, version)[1]


def page_results_stamped(page, version=None) -> tuple[str, dict[str, ClauseResults]]:
    """page_results, with the key that names them as they stand (it changes with every
    vote they count), for caching what is rendered from them."""
    current = version or page.current_version
    if current is None:
        return "", {}
    key = results_key(page, current)
    found = cache.get(key)
    if found is None:
        found = _page_results(page, current)
        cache.set(key, found, settings.COPRODUCE_VOTE_CACHE_SECONDS)
    return key, found


# {page id: the tally generation keys last used for its results}, offered to signed-in
# pages' personal layer so it reads them with the page's own generations (a hint only:
# results_key reads whatever it lacks).
LATEST_TALLY_KEYS: dict[int, list[str]] = {}


def versions_up_to(page, current) -> list[int]:
    """The ids of the page's versions up to `current`: published versions never change,
    so they are cached without expiry."""
    ids_key = f"votes:versions:{page.pk}:{current.pk}"
    found = cache.get(ids_key)
    if found is None:
        found = list(
            page.versions.filter(number__lte=current.number)
            .order_by("number")
            .values_list("pk", flat=True)
        )
        cache.set(ids_key, found, None)
    return found


def results_key(page, current, *, tokens=None, version_ids=None) -> str:
    """A key naming these results as they stand: it changes with every vote they count.
    `tokens` may hold generation tokens read already ({key: token}), `version_ids` what
    versions_up_to gives."""
    if version_ids is None:
        version_ids = versions_up_to(page, current)
    keys = [_generation_key(v) for v in version_ids]
    if tokens is not None and all(key in tokens for key in keys):
        found = [tokens[key] for key in keys]
    else:
        found = generations(keys)
    if len(LATEST_TALLY_KEYS) > 10_000:
        LATEST_TALLY_KEYS.clear()
    LATEST_TALLY_KEYS[page.pk] = keys
    stamp = "-".join(f"{v}.{token}" for v, token in zip(version_ids, found, strict=True))
    digest = hashlib.sha1(stamp.encode(), usedforsecurity=False).hexdigest()
    return f"votes:results:{page.pk}:{current.pk}:{digest}"


def _page_results(page, current) -> dict[str, ClauseResults]:
    snapshots = list(
        ClauseSnapshot.objects.filter(version__page=page, version__number__lte=current.number)
        .exclude(proposition="")
        .select_related("version")
        # Results never show the body, and the cached results stay small to read.
        .defer("body", "plain_summary")
        .order_by("version__number", "number")
    )
    versions = {}
    for snapshot in snapshots:
        # One object per version, not a copy for each snapshot: smaller in the cache.
        snapshot.version = versions.setdefault(snapshot.version_id, snapshot.version)
    tallies = version_tallies({s.version_id for s in snapshots})
    carried = _carried_counts(page, current)
    history: dict[str, list] = {}
    for snapshot in snapshots:
        result = clause_result(
            snapshot.pk,
            snapshot.version.number,
            tallies.get(snapshot.version_id, {}).get(snapshot.pk, {}),
        )
        result.carried = carried.get(snapshot.pk, 0)
        history.setdefault(snapshot.clause_id, []).append((snapshot, result))
    results = {}
    for clause_id, entries in history.items():
        latest_snapshot, latest_result = entries[-1]
        if latest_snapshot.version_id != current.pk:
            continue
        trend, previous = [], None
        for snapshot, result in entries:
            trend.append(
                TrendPoint(
                    version_number=result.version_number,
                    agree_percent=result.agree_percent,
                    total=result.total,
                    reworded=previous is not None and previous != snapshot.proposition,
                )
            )
            previous = snapshot.proposition
        results[clause_id] = ClauseResults(clause_id, latest_snapshot, latest_result, trend)
    return results


def _carried_counts(page, current) -> dict[int, int]:
    """{snapshot id: votes carried over from earlier versions}, one query."""
    rows = (
        Vote.objects.carried()
        .filter(snapshot__version__page=page, snapshot__version__number__lte=current.number)
        .values("snapshot_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["snapshot_id"]: row["n"] for row in rows}


def results_hidden_reason(page, *, answered: bool, editor: bool, version=None) -> str:
    """Why results are not shown yet, or "" when they may be.

    The page's visibility setting governs only the live round's current version: results
    of a superseded version, or of a round that has closed, are public history."""
    if editor or not rounds.is_open(page):
        return ""
    if version is not None and version.pk != getattr(page.current_version, "pk", None):
        return ""
    if page.results_visibility == ResultsVisibility.ALWAYS:
        return ""
    if page.results_visibility == ResultsVisibility.AFTER_VOTING:
        if answered:
            return ""
        return "Results for this clause appear once you have given your answer."
    return "Results appear when the consultation closes."


def results_summary(entries, version_numbers) -> list[dict]:
    """One row per clause for the table at the top of the results page: its support in
    each version up to the one shown (None where it had no statement to vote on)."""
    rows = []
    for entry in entries:
        by_version = (
            {point.version_number: point for point in entry.results.trend} if entry.results else {}
        )
        rows.append(
            {
                "entry": entry,
                "points": [by_version.get(n) for n in version_numbers],
            }
        )
    return rows
