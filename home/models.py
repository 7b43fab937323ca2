from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from consultation.guidance.models import GuidancePage


class HomePage(Page):
    """The forum's front page: what it is for, and every consultation by status."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["consultation.GuidanceIndexPage", "home.StandardPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = GuidancePage.objects.live().public().with_response_counts()
        context["open_documents"] = documents.open().order_by("closes_at")
        context["upcoming_documents"] = documents.upcoming().order_by("opens_at")
        context["closed_documents"] = documents.closed().order_by("-closes_at")
        context["concluded_documents"] = documents.concluded().order_by("-closes_at")
        return context


class StandardPage(Page):
    """A plain page editors maintain: the privacy notice, the accessibility statement."""

    intro = models.TextField(blank=True, help_text="One or two sentences shown first.")
    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    last_reviewed = models.DateField(null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "home/standard_page.html"


@register_setting(icon="link")
class SiteLinks(BaseSiteSetting):
    """Pages every page links to from its footer, and the sign-up form to the privacy notice."""

    privacy_notice = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("privacy_notice"), FieldPanel("accessibility_statement")]

    class Meta:
        verbose_name = "Footer links"
