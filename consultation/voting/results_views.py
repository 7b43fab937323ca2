"""The results page and its CSV download, reached through GuidancePage routes."""

import csv

from django.http import HttpResponse
from django.template.response import TemplateResponse

from consultation.caching.page_cache import page_cache_depends
from consultation.voting.models import Choice
from consultation.voting.views import page_voting, problem


def chosen_version(request, page):
    """The version asked for with ?version=N (the current one if absent), or None if unknown."""
    number = request.GET.get("version", "")
    if not number:
        return page.current_version
    if not number.isdigit():
        return None
    return page.versions.filter(number=int(number)).first()


def results(request, page):
    version = chosen_version(request, page)
    if version is None and request.GET.get("version"):
        return problem(
            request,
            page,
            title="Version not found",
            message="This guidance has no version with that number.",
            status=404,
        )
    page_cache_depends(request)  # and the votes, when page_voting shows them
    voting = page_voting(request, page, version=version)
    return TemplateResponse(
        request,
        "consultation/guidance_results.html",
        {
            "page": page,
            "entries": list(voting.values()),
            "status": page.status(),
            "version": version,
            "versions": page.versions.order_by("number").values_list("number", flat=True),
            "is_current": version is None or version == page.current_version,
        },
    )


def results_csv(request, page):
    version = chosen_version(request, page)
    if version is None:
        return problem(
            request,
            page,
            title="Version not found",
            message="This guidance has no version with that number.",
            status=404,
        )
    voting = page_voting(request, page, version=version)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{page.slug}-version-{version.number}-results.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(
        ["version", "clause", "heading", "proposition", "group", "votes"]
        + [f"{choice.label} (votes)" for choice in Choice]
        + ["% agree", "mark"]
    )
    for entry in voting.values():
        if entry.results is None:
            continue
        snapshot, result = entry.snapshot, entry.results.result
        head = [result.version_number, snapshot.number, snapshot.heading, snapshot.proposition]
        if result.too_few:
            writer.writerow(head + ["All", "too few votes"] + [""] * len(Choice) + ["", ""])
        else:
            writer.writerow(
                head
                + ["All", result.total]
                + [answer.count for answer in result.answers]
                + [result.agree_percent, result.mark]
            )
        for group in result.groups:
            votes = "too few votes" if group.too_few else group.total
            agree = "" if group.too_few else group.agree_percent
            writer.writerow(head + [group.label, votes] + [""] * len(Choice) + [agree, ""])
    return response
