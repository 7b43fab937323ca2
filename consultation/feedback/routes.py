"""`<guidance url>feedback/`: "you said, we did" for one document."""

from django.http import Http404
from wagtail.contrib.routable_page.models import path

from consultation.feedback import views


class FeedbackRoutes:
    """Added to GuidancePage's bases."""

    def route(self, request, path_components):
        # Like the history: a private document's feedback is simply not there (no login
        # prompt that would confirm it exists).
        if path_components[:1] == ["feedback"] and self.get_view_restrictions().exists():
            raise Http404
        return super().route(request, path_components)

    @path("feedback/", name="feedback")
    def feedback_route(self, request):
        return views.you_said_we_did(request, self)
