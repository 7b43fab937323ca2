import re
from html import unescape

from django.db import models
from django.utils.html import strip_tags
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from consultation.guidance.models import GuidancePage
from consultation.plain_text import CleanTextFormMixin


class CleanTextPageForm(CleanTextFormMixin, WagtailAdminPageForm):
    """What editors type on the site's own pages (house rules, privacy notice): text a
    page can carry only, like guidance."""


class HomePage(Page):
    """The forum's front page: what it is for, and every consultation by status."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])

    base_form_class = CleanTextPageForm
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

    base_form_class = CleanTextPageForm
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
    house_rules = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from every form where people write, and from removal emails.",
    )

    panels = [
        FieldPanel("privacy_notice"),
        FieldPanel("accessibility_statement"),
        FieldPanel("house_rules"),
    ]

    class Meta:
        verbose_name = "Footer links"


class SupportSettingsForm(CleanTextFormMixin, WagtailAdminModelForm):
    """Crisis contacts reach pages and emails: text a page can carry only."""


@register_setting(icon="help")
class SupportSettings(BaseSiteSetting):
    """Crisis contacts shown beside every form where people write, after sign-up, after a
    flag, in removal emails and behind the footer's "Need help now?"; and the guidance
    moderators follow when someone may be at risk."""

    crisis_intro = models.CharField(
        max_length=300,
        blank=True,
        default="If you are struggling or feel unsafe, you can talk to someone now.",
        help_text="One sentence shown before the contacts.",
    )
    crisis_contacts = RichTextField(
        blank=True,
        features=["bold", "link", "ul"],
        help_text="Services people can contact now: name, how to reach them, when they are open.",
    )
    contacts_checked = models.BooleanField(
        default=False,
        verbose_name="An editor has checked these contacts",
        help_text=(
            "The demo ships example services. Check every number and link, then tick this. "
            "Until then the admin shows a reminder."
        ),
    )
    safeguarding_guidance = RichTextField(
        blank=True,
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text="What a moderator does when a comment is flagged because someone may be at risk.",
    )

    base_form_class = SupportSettingsForm

    panels = [
        FieldPanel("crisis_intro"),
        FieldPanel("crisis_contacts"),
        FieldPanel("contacts_checked"),
        FieldPanel("safeguarding_guidance"),
    ]

    class Meta:
        verbose_name = "Support and safeguarding"

    def crisis_contacts_text(self) -> str:
        """The contacts as plain text, one per line, for emails."""
        lines = re.sub(r"</(li|p)>", "\n", self.crisis_contacts)
        return "\n".join(
            line.strip() for line in strip_tags(unescape(lines)).splitlines() if line.strip()
        )
