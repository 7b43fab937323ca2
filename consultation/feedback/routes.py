"""`<guidance url>feedback/`: "you said, we did" for one document."""

from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.contrib.routable_page.models import path


class FeedbackRoutesMixin:
    def route(self, request, path_components):
        # Like the history: a private document's feedback is simply not there (no login
        # prompt that would confirm it exists).
        if path_components[:1] == ["feedback"] and self.get_view_restrictions().exists():
            raise Http404
        return super().route(request, path_components)

    @path("feedback/", name="feedback")
    def feedback_route(self, request):
        from consultation.caching.page_cache import COMMENTS, RESPONSES, page_cache_depends
        from consultation.feedback.summary import feedback_summary

        page_cache_depends(request, COMMENTS, RESPONSES)

        return TemplateResponse(
            request,
            "consultation/feedback/page.html",
            {
                "page": self,
                "page_url": self.get_url(request),
                "summary": feedback_summary(self),
            },
        )
