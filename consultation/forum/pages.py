"""Forum sessions: a debate of a guidance document's draft, online or in person, as a
Wagtail page under the guidance (so it has an address, revisions, a log and moderation),
with its agenda of clauses as ordered inline items. After the session, editors add each
item's summary and outcome and publish the page again."""

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from consultation.forum.forms import ForumSessionForm
from consultation.forum.models import Outcome, SessionFormat
from consultation.forum.routes import ForumRoutes


class ForumSessionPage(ForumRoutes, RoutablePageMixin, Page):
    starts_at = models.DateTimeField("Starts", help_text="UK time (Europe/London).")
    ends_at = models.DateTimeField("Ends", help_text="UK time (Europe/London).")
    format = models.CharField(max_length=16, choices=SessionFormat.choices)
    place = models.CharField(
        max_length=255, blank=True, help_text="The address, for a session in person."
    )
    joining_link = models.URLField(
        blank=True, help_text="Sent to people who register; not shown publicly."
    )
    accessibility = RichTextField(
        "Accessibility",
        features=["bold", "italic", "link", "ul"],
        help_text="What adjustments are offered (step-free access, captions, breaks, a quiet "
        "room...) and how to ask for others.",
    )
    capacity = models.PositiveIntegerField(help_text="How many people can take part.")
    registration_closes_at = models.DateTimeField("Registration closes")
    introduction = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])

    base_form_class = ForumSessionForm
    parent_page_types = ["consultation.GuidancePage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("format"),
                FieldPanel("place"),
                FieldPanel("joining_link"),
                FieldPanel("capacity"),
                FieldPanel("registration_closes_at"),
            ],
            heading="When and where",
        ),
        FieldPanel("accessibility"),
        InlinePanel(
            "agenda_items",
            heading="Agenda",
            label="Agenda item",
            help_text="Proposed from the feedback: reorder, remove or add items. After the "
            "session, add each item's summary and outcome, then publish.",
        ),
    ]

    class Meta:
        verbose_name = "forum session"

    def is_past(self, now=None) -> bool:
        return self.ends_at <= (now or timezone.now())

    def registration_refusal(self, now=None) -> str:
        """Why no one can register now, or ""; the guidance's round is checked apart."""
        now = now or timezone.now()
        if now >= self.starts_at:
            return "This session has started, so registration is closed."
        if now >= self.registration_closes_at:
            return "Registration for this session has closed."
        return ""

    def get_context(self, request, *args, **kwargs):
        from consultation.forum.context import session_context

        context = super().get_context(request, *args, **kwargs)
        context.update(session_context(request, self))
        return context


class AgendaItem(Orderable):
    page = ParentalKey(ForumSessionPage, on_delete=models.CASCADE, related_name="agenda_items")
    clause_id = models.CharField("Clause", max_length=36)
    figures = models.TextField(
        blank=True, help_text="What the feedback showed when the agenda was drawn up."
    )
    summary = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="After the session: what was said and decided.",
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)

    panels = [
        FieldPanel("clause_id"),
        FieldPanel("figures"),
        FieldPanel("summary"),
        FieldPanel("outcome"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "agenda item"

    @property
    def has_summary(self) -> bool:
        return bool(self.outcome or self.summary)
