"""The history of a guidance document: versions, one past version, compare, feed.
Reached through GuidancePage routes (consultation/versions/routes.py)."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from consultation.caching.page_cache import RESPONSES, page_cache_depends
from consultation.numbers import whole_number
from consultation.versions import history
from consultation.versions.feeds import DocumentVersionsFeed
from consultation.versions.models import GuidanceVersion


def versions(request, page):
    page_cache_depends(request, RESPONSES)  # how many comments each version addresses
    entries = history.history(page)
    numbers = [entry.version.number for entry in reversed(entries)]
    return _render(
        request,
        page,
        "consultation/versions/history.html",
        entries=entries,
        latest=entries[0].version if entries else None,
        numbers=numbers,
        chosen={"from": str(numbers[-2]), "to": str(numbers[-1])} if len(numbers) > 1 else {},
    )


def version(request, page, number):
    page_cache_depends(request)
    found = GuidanceVersion.objects.for_page(page).filter(number=number).with_clauses().first()
    if found is None:
        raise Http404("This document has no version with that number.")
    latest = GuidanceVersion.objects.for_page(page).latest_first().first()
    return _render(
        request,
        page,
        "consultation/versions/version.html",
        version=found,
        clauses=list(found.clauses.all()),
        latest=latest,
    )


def compare_picker(request, page):
    numbers = _version_numbers(page)
    if not numbers:
        raise Http404
    if "from" not in request.GET and "to" not in request.GET:
        older, newer = (numbers[-2] if len(numbers) > 1 else numbers[-1]), numbers[-1]
        return redirect(_compare_url(request, page, older, newer))
    chosen = [_as_number(request.GET.get(name)) for name in ("from", "to")]
    if any(n not in numbers for n in chosen):
        return _render(
            request,
            page,
            "consultation/versions/compare.html",
            status=400,
            numbers=numbers,
            picker_error="Choose two versions from the lists, then select Compare.",
            chosen={"from": request.GET.get("from", ""), "to": request.GET.get("to", "")},
        )
    older, newer = sorted(chosen)
    return redirect(_compare_url(request, page, older, newer))


def compare(request, page, older, newer):
    page_cache_depends(request)
    if older > newer:
        return redirect(_compare_url(request, page, newer, older))
    pair = history.version_pair(page, older, newer)
    if pair is None:
        raise Http404("This document has no version with that number.")
    numbers = _version_numbers(page)
    context = {"numbers": numbers, "chosen": {"from": str(older), "to": str(newer)}}
    template = "consultation/versions/compare.html"
    if older == newer:
        return _render(request, page, template, same_version=pair[0], **context)
    return _render(
        request,
        page,
        template,
        older=pair[0],
        newer=pair[1],
        diff=history.version_comparison(*pair),
        **context,
    )


def feed(request, page):
    page_cache_depends(request)
    return DocumentVersionsFeed()(request, page=page)


def _compare_url(request, page, older: int, newer: int) -> str:
    return page.get_url(request) + page.reverse_subpage("compare", args=[older, newer])


def _version_numbers(page) -> list[int]:
    return list(
        GuidanceVersion.objects.for_page(page).order_by("number").values_list("number", flat=True)
    )


def _render(request, page, template, status=200, **context):
    context = {
        "page": page,
        "self": page,
        "request": request,
        "page_url": page.get_url(request),
        **context,
    }
    return TemplateResponse(request, template, context, status=status)


def _as_number(value) -> int | None:
    return whole_number((value or "").strip())
