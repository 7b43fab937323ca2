"""Facilitated input as a spreadsheet, for those who may export feedback: one row per
group and clause it answered, with its counts and its source (kind, date, size, mix).
Its comments are in the comments export, in the group's name."""

from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404

from consultation.accounts.roles import EXPORT_FEEDBACK
from consultation.downloads import csv_download
from consultation.facilitation.models import PERSPECTIVE_CHOICES, FacilitatedTally
from consultation.guidance.models import GuidancePage

HEADER = [
    "group or event", "kind", "date", "people", "perspectives", "clause", "version",
    "strongly agree", "agree", "neither", "disagree", "strongly disagree",
]  # fmt: skip


def _mix(counts: dict) -> str:
    labels = dict(PERSPECTIVE_CHOICES)
    return "; ".join(f"{labels.get(k, k)}: {n}" for k, n in counts.items() if n)


def tallies_csv(request, page_id):
    if not request.user.has_perm(EXPORT_FEEDBACK):
        return HttpResponseForbidden("Only editors can export feedback.")
    page = get_object_or_404(GuidancePage, pk=page_id)
    tallies = (
        FacilitatedTally.objects.filter(source__page=page)
        .select_related("source", "snapshot__version")
        .order_by("source__held_on", "source_id", "snapshot__version__number", "snapshot__number")
    )
    rows = (
        [
            t.source.name,
            t.source.get_kind_display(),
            t.source.held_on.isoformat(),
            t.source.people,
            _mix(t.source.perspective_counts),
            t.snapshot.number,
            t.snapshot.version.number,
            *t.counts,
        ]
        for t in tallies
    )
    return csv_download(f"{page.slug}-facilitated-tallies.csv", HEADER, rows)
