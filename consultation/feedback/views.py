"""`<guidance url>feedback/`: "you said, we did" for one document."""

from django.template.response import TemplateResponse

from consultation.caching.page_cache import COMMENTS, RESPONSES, page_cache_depends
from consultation.caching.personal import personal_layer_supported
from consultation.feedback.summary import feedback_summary


def you_said_we_did(request, page):
    page_cache_depends(request, COMMENTS, RESPONSES)
    # Nothing on it depends on the reader but the header's account links.
    personal_layer_supported(request)
    return TemplateResponse(
        request,
        "consultation/feedback/page.html",
        {"page": page, "page_url": page.get_url(request), "summary": feedback_summary(page)},
    )
