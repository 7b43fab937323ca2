"""The agenda Coproduce proposes when an editor creates a session: the current version's
clauses ranked by what most needs debate. Contested first, then those with enough votes
but no consensus, then those whose suggested wording has the most support, then by
comments still awaiting an editor's response."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import FeedbackResponse
from consultation.suggestions.models import Suggestion
from consultation.voting.results import page_results

AGENDA_LENGTH = 5


def suggestion_support(page) -> dict[str, int]:
    """{clause id: support for its most-supported open suggested wording}, in one query.
    Answered suggestions are left out: the editors have already debated them."""
    most: dict[str, int] = {}
    rows = (
        Suggestion.objects.on_page(page)
        .visible()
        .filter(status="open")
        .with_support()
        .order_by()
        .values_list("clause_id", "support_count")
    )
    for clause_id, support in rows:
        if support:
            most[clause_id] = max(support, most.get(clause_id, 0))
    return most


@dataclass
class ProposedItem:
    clause_id: str
    number: int
    heading: str
    figures: str
    score: tuple


def awaiting_counts(page) -> dict[str, int]:
    responded = Exists(FeedbackResponse.objects.filter(comment=OuterRef("pk")))
    rows = (
        GuidanceComment.objects.on_page(page)
        .visible()
        .top_level()
        .filter(~responded)
        .exclude(clause_id="")
        .order_by()
        .values_list("clause_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def _figures(result, awaiting: int, suggestions: int) -> str:
    parts = []
    if result is not None:
        if result.too_few:
            parts.append("too few votes to show")
        else:
            mark = {"contested": "contested", "consensus": "consensus"}.get(result.mark)
            parts.append(
                f"{result.agree_percent}% agree from {result.total} votes"
                + (f", {mark}" if mark else ", no consensus yet")
            )
    parts.append(f"{awaiting} comment{'s' if awaiting != 1 else ''} awaiting a response")
    if suggestions:
        parts.append(f"suggested wording with {suggestions} supporters")
    return "; ".join(parts).capitalize() + "."


def agenda_propose(page, *, length: int = AGENDA_LENGTH) -> list[ProposedItem]:
    results = page_results(page)
    awaiting = awaiting_counts(page)
    suggestions = suggestion_support(page)
    items = []
    for clause in page.clauses:
        entry = results.get(clause.id)
        result = entry.result if entry else None
        contested = bool(result and result.mark == "contested")
        undecided = bool(result and not result.too_few and result.mark == "")
        waiting = awaiting.get(clause.id, 0)
        supported = suggestions.get(clause.id, 0)
        score = (contested, undecided, supported, waiting)
        if not any(score):
            continue
        items.append(
            ProposedItem(
                clause_id=clause.id,
                number=clause.number,
                heading=clause.heading,
                figures=_figures(result, waiting, supported),
                score=score,
            )
        )
    items.sort(key=lambda item: (item.score, -item.number), reverse=True)
    return items[:length]
