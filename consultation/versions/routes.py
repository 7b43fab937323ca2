"""History routes of a guidance document: versions, one past version, compare, feed.

Only live, public documents expose their history: a private document's history answers
404 rather than a login prompt, so not even its existence leaks.
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import path

from consultation.versions import views

HISTORY_ROUTES = {"versions", "compare", "feed"}


class VersionRoutes:
    """Added to GuidancePage's bases."""

    def route(self, request, path_components):
        if path_components and path_components[0] in HISTORY_ROUTES and not self.is_public():
            raise Http404
        return super().route(request, path_components)

    def is_public(self) -> bool:
        return not self.get_view_restrictions().exists()

    @path("versions/", name="versions")
    def versions_view(self, request):
        return views.versions(request, self)

    @path("versions/<id:number>/", name="version")
    def version_view(self, request, number):
        return views.version(request, self, number)

    @path("compare/", name="compare_picker")
    def compare_picker_view(self, request):
        return views.compare_picker(request, self)

    @path("compare/<id:older>/<id:newer>/", name="compare")
    def compare_view(self, request, older, newer):
        return views.compare(request, self, older, newer)

    @path("feed/", name="feed")
    def feed_view(self, request):
        return views.feed(request, self)
