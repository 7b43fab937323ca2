"""Reading suggestions: a clause's list with comparisons and support, in fixed queries.

One query reads a page of suggestions with their support counts, authors and snapshots;
one more counts support by perspective for that page. Comparisons are worked out in
Python with the versions' word-level engine (`versions/diff.py`), never stored.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count

from consultation.accounts.models import perspectives_split
from consultation.caching.page_cache import COMMENTS, topic_generation
from consultation.guidance.reading import reader_body
from consultation.suggestions.models import Suggestion, SuggestionSupport
from consultation.versions.diff import rich_text_diff, word_diff
from consultation.voting.results import GROUP_ORDER, NOT_STATED, PERSPECTIVE_LABELS, UNGROUPED

PER_PAGE = 20


@dataclass(frozen=True)
class SupportGroup:
    label: str
    count: int
    too_few: bool


@dataclass
class Comparison:
    body: list
    proposition: list
    has_proposition: bool


@dataclass
class SuggestionItem:
    suggestion: Suggestion
    support: int
    groups: list[SupportGroup] = field(default_factory=list)
    against_current: Comparison | None = None
    against_written: Comparison | None = None  # only when the clause changed since

    @property
    def changed_since(self) -> bool:
        return self.against_written is not None


def comparison(old_body: str, old_proposition: str, suggestion: Suggestion) -> Comparison:
    new_proposition = suggestion.proposition or old_proposition
    return Comparison(
        body=rich_text_diff(old_body, suggestion.rich_text),
        proposition=word_diff(old_proposition, new_proposition),
        has_proposition=bool(old_proposition or new_proposition),
    )


def clause_differs(snapshot, clause) -> bool:
    return reader_body(snapshot.body) != reader_body(clause.body) or (
        " ".join(snapshot.proposition.split()) != " ".join(clause.proposition.split())
    )


def support_groups(by_combination: dict[str, int]) -> list[SupportGroup]:
    """Support by perspective, small groups suppressed as vote results suppress them: a
    supporter holding several perspectives counts in each."""
    minimum = settings.COPRODUCE_VOTE_MIN_GROUP
    merged: dict[str, int] = {}
    for combination, count in by_combination.items():
        keys = [p for p in perspectives_split(combination) if p not in UNGROUPED] or [NOT_STATED]
        for key in keys:
            merged[key] = merged.get(key, 0) + count
    return [
        SupportGroup(
            PERSPECTIVE_LABELS.get(key, "Perspective not stated"),
            merged[key],
            merged[key] < minimum,
        )
        for key in GROUP_ORDER
        if key in merged
    ]


def item_for(suggestion: Suggestion, clause, by_combination=None) -> SuggestionItem:
    item = SuggestionItem(
        suggestion,
        getattr(suggestion, "support_count", 0),
        support_groups(by_combination or {}),
        against_current=comparison(clause.body, clause.proposition, suggestion),
    )
    if suggestion.status == "open" and clause_differs(suggestion.snapshot, clause):
        snapshot = suggestion.snapshot
        item.against_written = comparison(snapshot.body, snapshot.proposition, suggestion)
    return item


@dataclass
class ClauseSuggestions:
    items: list[SuggestionItem]
    count: int
    paginator_page: object
    min_group: int = 0


def clause_suggestions(page, clause, page_number: int = 1) -> ClauseSuggestions:
    queryset = (
        Suggestion.objects.visible()
        .on_page(page)
        .on_clause(clause.id)
        .by_support()
        .select_related("participant", "snapshot__version", "addressed_in")
    )
    paginator = Paginator(queryset, PER_PAGE)
    paginator_page = paginator.get_page(page_number)
    suggestions = list(paginator_page.object_list)
    by_suggestion: dict[int, dict[str, int]] = {}
    rows = (
        SuggestionSupport.objects.filter(suggestion__in=[s.pk for s in suggestions])
        .values_list("suggestion_id", "perspectives")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for suggestion_id, perspectives, n in rows:
        by_suggestion.setdefault(suggestion_id, {})[perspectives] = n
    items = [item_for(s, clause, by_suggestion.get(s.pk)) for s in suggestions]
    return ClauseSuggestions(
        items, paginator.count, paginator_page, settings.COPRODUCE_VOTE_MIN_GROUP
    )


def visible_suggestion_counts(page) -> dict[str, int]:
    """{clause id: visible suggestions}: one grouped query, kept in the cache under the
    page's comment generation (every suggestion write replaces it, and the guidance page
    already depends on it), as the comment counts are."""
    key = f"suggestions:counts:{page.pk}:{topic_generation(page.pk, COMMENTS)}"
    counts = cache.get(key)
    if counts is None:
        counts = dict(
            Suggestion.objects.visible()
            .on_page(page)
            .values_list("clause_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        cache.set(key, counts, settings.COPRODUCE_PAGE_CACHE_SECONDS or 300)
    return counts


def supported_ids(participant, suggestion_ids) -> set[int]:
    """Which of these suggestions the participant supports: the per-person part."""
    if participant is None or not suggestion_ids:
        return set()
    return set(
        SuggestionSupport.objects.filter(
            participant=participant, suggestion_id__in=suggestion_ids
        ).values_list("suggestion_id", flat=True)
    )


def answered_suggestions(page) -> list[Suggestion]:
    """Public suggestions the editors have answered, by clause and date, for "you said, we
    did" (one query)."""
    return list(
        Suggestion.objects.visible()
        .on_page(page)
        .exclude(outcome="")
        .select_related("participant", "snapshot__version", "addressed_in")
        .order_by("snapshot__version__number", "snapshot__number", "created_at", "pk")
    )
