"""Editors' CSV and XLSX exports of a document's public suggestions (published, not
withdrawn): held, removed and withdrawn ones never leave the system this way."""

from django.db.models import Count
from django.shortcuts import get_object_or_404

from consultation.accounts.models import perspectives_label
from consultation.downloads import csv_download, xlsx_download
from consultation.feedback.access import exporters_only
from consultation.guidance.models import GuidancePage
from consultation.suggestions.models import Suggestion

HEADER = [
    "id", "clause", "written on version", "submitted", "display name", "perspectives",
    "suggested wording", "statement to vote on", "reason", "supporters", "status",
    "outcome", "rationale", "in version",
]  # fmt: skip


def suggestion_rows(page):
    numbers = {c.id: c.number for c in page.clauses}
    suggestions = (
        Suggestion.objects.on_page(page)
        .visible()
        .annotate(supporters=Count("supports"))
        .select_related("participant", "snapshot__version", "addressed_in")
        .order_by("pk")
    )
    for s in suggestions.iterator(chunk_size=2000):
        yield [
            s.pk,
            numbers.get(s.clause_id, "removed clause"),
            s.snapshot.version.number,
            s.created_at.isoformat(),
            s.author_name,
            perspectives_label(s.participant.perspectives) if s.participant_id else "",
            s.text,
            s.proposition,
            s.reason,
            s.supporters,
            s.get_status_display(),
            s.get_outcome_display() if s.outcome else "",
            s.rationale,
            s.addressed_in.number if s.addressed_in else "",
        ]


@exporters_only
def suggestions_csv(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    return csv_download(f"{page.slug}-suggestions.csv", HEADER, suggestion_rows(page))


@exporters_only
def suggestions_xlsx(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    return xlsx_download(
        f"{page.slug}-suggestions.xlsx", "Suggestions", HEADER, suggestion_rows(page)
    )
