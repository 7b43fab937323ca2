from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from consultation.models import GuidancePage


class HomePage(Page):
    """The forum's front page: what it is for, and every consultation by status."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["consultation.GuidanceIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = GuidancePage.objects.live().public()
        context["open_documents"] = documents.open().order_by("closes_at")
        context["upcoming_documents"] = documents.upcoming().order_by("opens_at")
        context["closed_documents"] = documents.closed().order_by("-closes_at")
        context["concluded_documents"] = documents.concluded().order_by("-closes_at")
        return context
