"""History routes of a guidance document: versions, one past version, compare, feed.

Only live, public documents expose their history: a private document's history answers
404 rather than a login prompt, so not even its existence leaks.
"""

import re

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from wagtail.contrib.routable_page.models import path, re_path

from consultation.caching.page_cache import RESPONSES, page_cache_depends
from consultation.versions import history
from consultation.versions.models import GuidanceVersion

HISTORY_ROUTES = {"versions", "compare", "feed"}
# Nine digits at most: larger numbers cannot be versions and would overflow an integer
# column on PostgreSQL.
NUMBER = r"[0-9]{1,9}"


class VersionRoutesMixin:
    def route(self, request, path_components):
        if path_components and path_components[0] in HISTORY_ROUTES and not self.is_public():
            raise Http404
        return super().route(request, path_components)

    def is_public(self) -> bool:
        return not self.get_view_restrictions().exists()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: only the current page's clauses ask for it, so history routes never pay.
        context["clause_notes"] = SimpleLazyObject(lambda: history.clause_notes(self))
        return context

    def history_url(self, request, subpath: str) -> str:
        return f"{self.get_url(request)}{subpath}"

    @path("versions/", name="versions")
    def versions_view(self, request):
        page_cache_depends(request, RESPONSES)  # how many comments each version addresses
        entries = history.history(self)
        numbers = [entry.version.number for entry in reversed(entries)]
        return self._render_history(
            request,
            "consultation/versions/history.html",
            entries=entries,
            latest=entries[0].version if entries else None,
            numbers=numbers,
            chosen={"from": str(numbers[-2]), "to": str(numbers[-1])} if len(numbers) > 1 else {},
        )

    @re_path(rf"^versions/(?P<number>{NUMBER})/$", name="version")
    def version_view(self, request, number):
        page_cache_depends(request)
        version = (
            GuidanceVersion.objects.for_page(self).filter(number=int(number)).with_clauses().first()
        )
        if version is None:
            raise Http404("This document has no version with that number.")
        latest = GuidanceVersion.objects.for_page(self).latest_first().first()
        return self._render_history(
            request,
            "consultation/versions/version.html",
            version=version,
            clauses=list(version.clauses.all()),
            latest=latest,
        )

    @path("compare/", name="compare_picker")
    def compare_picker_view(self, request):
        numbers = self._version_numbers()
        if not numbers:
            raise Http404
        if "from" not in request.GET and "to" not in request.GET:
            older, newer = (numbers[-2] if len(numbers) > 1 else numbers[-1]), numbers[-1]
            return redirect(self.history_url(request, f"compare/{older}/{newer}/"))
        chosen = [_as_number(request.GET.get(name)) for name in ("from", "to")]
        if any(n not in numbers for n in chosen):
            return self._render_history(
                request,
                "consultation/versions/compare.html",
                status=400,
                numbers=numbers,
                picker_error="Choose two versions from the lists, then select Compare.",
                chosen={"from": request.GET.get("from", ""), "to": request.GET.get("to", "")},
            )
        older, newer = sorted(chosen)
        return redirect(self.history_url(request, f"compare/{older}/{newer}/"))

    @re_path(rf"^compare/(?P<older>{NUMBER})/(?P<newer>{NUMBER})/$", name="compare")
    def compare_view(self, request, older, newer):
        page_cache_depends(request)
        older, newer = int(older), int(newer)
        if older > newer:
            return redirect(self.history_url(request, f"compare/{newer}/{older}/"))
        pair = history.version_pair(self, older, newer)
        if pair is None:
            raise Http404("This document has no version with that number.")
        numbers = self._version_numbers()
        context = {"numbers": numbers, "chosen": {"from": str(older), "to": str(newer)}}
        if older == newer:
            return self._render_history(
                request, "consultation/versions/compare.html", same_version=pair[0], **context
            )
        return self._render_history(
            request,
            "consultation/versions/compare.html",
            older=pair[0],
            newer=pair[1],
            diff=history.version_comparison(*pair),
            **context,
        )

    @path("feed/", name="feed")
    def feed_view(self, request):
        page_cache_depends(request)
        from consultation.versions.feeds import DocumentVersionsFeed  # feeds import the page model

        return DocumentVersionsFeed()(request, page=self)

    def _version_numbers(self) -> list[int]:
        return list(
            GuidanceVersion.objects.for_page(self)
            .order_by("number")
            .values_list("number", flat=True)
        )

    def _render_history(self, request, template, status=200, **context):
        context = {
            "page": self,
            "self": self,
            "request": request,
            "page_url": self.get_url(request),
            **context,
        }
        return TemplateResponse(request, template, context, status=status)


def _as_number(value) -> int | None:
    value = (value or "").strip()
    return int(value) if re.fullmatch(NUMBER, value) else None
