"""Suggested wording on the editors' revision desk: each clause's line in the workspace,
the response form and the page editor's feedback panel (`feedback/desk.py`)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode

from consultation.feedback.desk import Figure
from consultation.suggestions.models import Suggestion


def clause_suggestion_figures(page) -> dict[str, list[Figure]]:
    """{clause id: [Figure]}: visible suggestions and those still open, in one query."""
    listing = reverse("consultation_suggestion_list", args=[page.pk])
    figures: dict[str, list[Figure]] = {}
    rows = (
        Suggestion.objects.on_page(page)
        .visible()
        .order_by()
        .values("clause_id")
        .annotate(total=Count("pk"), still_open=Count("pk", filter=Q(status="open")))
    )
    for row in rows:
        clause_id = row["clause_id"]
        url = f"{listing}?{urlencode({'clause': clause_id})}"
        figures[clause_id] = [
            Figure(label="Suggested wordings", count=row["total"], url=url),
            Figure(label="Suggested wordings still open", count=row["still_open"], url=url),
        ]
    return figures
