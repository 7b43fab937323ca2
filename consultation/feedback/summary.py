"""What "you said, we did" shows: per version and clause, the feedback received and the
editors' responses. A fixed number of queries whatever the amount of feedback."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from consultation.discussion.models import GuidanceComment
from consultation.discussion.threads import author_of, sources_of
from consultation.feedback.models import FeedbackResponse, Outcome
from consultation.guidance.reading import reader_content
from consultation.versions.models import ClauseSnapshot, GuidanceVersion


@dataclass
class Answered:
    """A top-level comment the editors answered, as "you said, we did" quotes it."""

    text: str
    author: str
    perspective: str
    outcome: str  # the outcome's label
    addressed_in: int | None  # the version's number
    rationale: str


# Read as columns: the page quotes every answered comment of every version (hundreds at
# national scale), and a model instance per comment, author and response cost more than
# the rest of the page.
ANSWERED_COLUMNS = (
    "version_id",
    "clause_id",
    "comment",
    "participant__display_name",
    "participant__perspectives",
    "source_id",
    "feedback_response__outcome",
    "feedback_response__rationale",
    "feedback_response__addressed_in__number",
)
OUTCOMES = dict(Outcome.choices)


@dataclass
class ClauseFeedback:
    clause_id: str
    number: int | None
    heading: str
    comments: int = 0
    threads: int = 0
    responded: list = field(default_factory=list)
    changed_in: int | None = None  # the first later version in which this clause changed


@dataclass
class VersionFeedback:
    version: GuidanceVersion
    clauses: list[ClauseFeedback]
    comments: int
    addressed: int


@dataclass
class Summary:
    versions: list[VersionFeedback]
    latest: GuidanceVersion | None
    threads: int
    responded: int
    by_outcome: list[tuple[str, str, int]]

    @property
    def response_percent(self) -> int:
        return round(100 * self.responded / self.threads) if self.threads else 0


def _raw(snapshot: ClauseSnapshot) -> tuple:
    return (snapshot.heading, snapshot.body, snapshot.proposition, snapshot.plain_summary)


class _Contents:
    """Each snapshot as a reader sees it (the admin's own markup is no change to link to),
    worked out once per snapshot, and only for those whose stored text differs."""

    def __init__(self):
        self._seen: dict[int, tuple] = {}

    def of(self, snapshot: ClauseSnapshot) -> tuple:
        if snapshot.pk not in self._seen:
            self._seen[snapshot.pk] = reader_content(snapshot)
        return self._seen[snapshot.pk]

    def differ(self, one: ClauseSnapshot, other: ClauseSnapshot) -> bool:
        # The same stored text reads the same; different text may too (data-block-key).
        return _raw(one) != _raw(other) and self.of(one) != self.of(other)


def _position(clause_id: str, snapshots: dict) -> int:
    """The whole document first, then clauses in order, then clauses since removed."""
    if clause_id == "":
        return 0
    return snapshots[clause_id].number if clause_id in snapshots else 10**6


def feedback_summary(page) -> Summary:
    versions = list(GuidanceVersion.objects.filter(page=page).order_by("number"))
    latest = versions[-1] if versions else None
    snapshots: dict[int, dict[str, ClauseSnapshot]] = {}
    for snapshot in ClauseSnapshot.objects.filter(version__page=page).order_by("number"):
        snapshots.setdefault(snapshot.version_id, {})[snapshot.clause_id] = snapshot
    visible = GuidanceComment.objects.on_page(page).visible()
    counts: dict[tuple[int, str], list[int]] = {}
    for version_id, clause_id, level, n in (
        visible.order_by()
        .values_list("version_id", "clause_id", "level")
        .annotate(n=Count("pk"))
        .values_list("version_id", "clause_id", "level", "n")
    ):
        entry = counts.setdefault((version_id, clause_id), [0, 0])
        entry[0] += n
        if level == 0:
            entry[1] += n
    responded = list(
        visible.top_level()
        # One response per comment at most (a one-to-one): the join adds no rows.
        .filter(feedback_response__isnull=False)
        .select_related(None)
        .order_by("submit_date", "pk")
        .values(*ANSWERED_COLUMNS)
    )
    sources = sources_of(responded)
    by_clause: dict[tuple[int, str], list] = {}
    for row in responded:
        author, perspective = author_of(row, sources)
        outcome = row["feedback_response__outcome"]
        by_clause.setdefault((row["version_id"], row["clause_id"]), []).append(
            Answered(
                text=row["comment"],
                author=author,
                perspective=perspective,
                outcome=OUTCOMES.get(outcome, outcome),
                addressed_in=row["feedback_response__addressed_in__number"],
                rationale=row["feedback_response__rationale"],
            )
        )
    addressed = dict(
        FeedbackResponse.objects.filter(addressed_in__page=page, comment__in=visible)
        .order_by()
        .values_list("addressed_in_id")
        .annotate(n=Count("pk"))
        .values_list("addressed_in_id", "n")
    )
    # Responses to visible top-level comments: the ones just read.
    outcome_counts = Counter(row["feedback_response__outcome"] for row in responded)

    contents = _Contents()
    entries = []
    for index, version in enumerate(versions):
        in_version = snapshots.get(version.pk, {})
        keys = sorted(
            {clause_id for (version_id, clause_id) in counts if version_id == version.pk},
            key=lambda cid, known=in_version: _position(cid, known),
        )
        clauses = []
        for clause_id in keys:
            snapshot = in_version.get(clause_id)
            item = ClauseFeedback(
                clause_id=clause_id,
                number=snapshot.number if snapshot else None,
                heading=snapshot.heading if snapshot else "",
                comments=counts[(version.pk, clause_id)][0],
                threads=counts[(version.pk, clause_id)][1],
                responded=by_clause.get((version.pk, clause_id), []),
            )
            if snapshot is not None:
                for later in versions[index + 1 :]:
                    after = snapshots.get(later.pk, {}).get(clause_id)
                    if after is None or contents.differ(after, snapshot):
                        item.changed_in = later.number
                        break
            clauses.append(item)
        entries.append(
            VersionFeedback(
                version=version,
                clauses=clauses,
                comments=sum(c.comments for c in clauses),
                addressed=addressed.get(version.pk, 0),
            )
        )
    threads = sum(entry[1] for entry in counts.values())
    return Summary(
        versions=list(reversed(entries)),
        latest=latest,
        threads=threads,
        responded=len(responded),
        by_outcome=[
            (value, label, outcome_counts.get(value, 0)) for value, label in Outcome.choices
        ],
    )
