from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.models.panels import CommentPanelPlaceholder
from wagtail.query import PageQuerySet
from wagtail.search import index

from consultation.accounts.contributions import since_last_time
from consultation.caching.page_cache import COMMENTS, page_cache_depends
from consultation.caching.personal import personal_layer_supported
from consultation.discussion.models import GuidanceComment
from consultation.discussion.routes import DiscussionRoutes
from consultation.discussion.threads import visible_comment_counts
from consultation.feedback.editor_panel import ClauseFeedbackPanel
from consultation.feedback.models import FeedbackResponse
from consultation.feedback.routes import FeedbackRoutes
from consultation.guidance.blocks import ClauseBlock
from consultation.guidance.clauses import Clause, clauses_from_stream
from consultation.guidance.forms import GuidancePageForm
from consultation.guidance.rendering import (
    clause_rows,
    clause_sections,
    content_key,
    expands_content_notes,
    published_clauses,
)
from consultation.rounds import participant_for
from consultation.suggestions.listing import visible_suggestion_counts
from consultation.suggestions.routes import SuggestionRoutes
from consultation.versions.history import clause_notes
from consultation.versions.routes import VersionRoutes
from consultation.voting.models import ResultsVisibility
from consultation.voting.panels import page_voting
from consultation.voting.routes import VoteRoutes


class ConsultationStatus(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    OPEN = "open", "Open for feedback"
    CLOSED = "closed", "Closed"
    CONCLUDED = "concluded", "Concluded"


class GuidancePageQuerySet(PageQuerySet):
    """Statuses as filters, so listings ask the database rather than loop in Python."""

    def concluded(self):
        return self.filter(is_concluded=True)

    def upcoming(self, now=None):
        return self.filter(is_concluded=False, opens_at__gt=now or timezone.now())

    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(is_concluded=False, opens_at__lte=now, closes_at__gt=now)

    def closed(self, now=None):
        return self.filter(is_concluded=False, closes_at__lte=now or timezone.now())

    def with_response_counts(self):
        """Each page's `response_count`: editors' responses to its visible comments, as
        "you said, we did" lists them (one subquery, whatever the number of pages)."""
        responses = (
            FeedbackResponse.objects.filter(
                comment__page=OuterRef("pk"), comment__in=GuidanceComment.objects.visible()
            )
            .order_by()
            .values("comment__page")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(response_count=Coalesce(Subquery(responses), 0))


GuidancePageManager = PageManager.from_queryset(GuidancePageQuerySet)


class GuidanceIndexPage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["consultation.GuidancePage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = (
            GuidancePage.objects.child_of(self).live().public().order_by("-opens_at")
        )
        return context


class GuidancePage(
    SuggestionRoutes,
    FeedbackRoutes,
    DiscussionRoutes,
    VoteRoutes,
    VersionRoutes,
    RoutablePageMixin,
    Page,
):
    """A guidance document under consultation: a summary, a window, and clauses.

    Each feature adds its sub-pages through a routes mixin (`consultation/<feature>/
    routes.py`) and its part of this page through a context function called by name in
    `get_context`."""

    summary = models.TextField(help_text="Two or three sentences on what this guidance covers.")
    opens_at = models.DateTimeField("Opens for feedback")
    closes_at = models.DateTimeField("Closes for feedback")
    is_concluded = models.BooleanField(
        "Concluded",
        default=False,
        help_text="Tick when this guidance is final and the consultation is over for good.",
    )
    body = StreamField([("clause", ClauseBlock())], blank=True)
    change_summary = models.TextField(
        "What changed in this version",
        blank=True,
        help_text=(
            "Shown in the public history. Required for every publication after the first: "
            "say what changed and why, in plain words."
        ),
    )
    results_visibility = models.CharField(
        "Show vote results",
        max_length=16,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_VOTING,
        help_text=(
            "When participants see how others voted. Showing results only once someone has "
            "voted limits bandwagon effects. Editors always see them."
        ),
    )

    pre_moderate_comments = models.BooleanField(
        "Hold new comments for review",
        default=False,
        help_text="New comments and replies stay hidden until a moderator approves them.",
    )

    facilitated_tallies_in_marks = models.BooleanField(
        "Count facilitated tallies in the marks",
        default=False,
        help_text=(
            "Facilitated sessions' answers are always shown beside the individual results. "
            "Tick to let them count, as one more group, towards the consensus and contested "
            "marks."
        ),
    )

    objects = GuidancePageManager()
    base_form_class = GuidancePageForm
    # The URL this request renders the page with, kept for the links its templates build
    # without the request (consultation/templatetags/route_tags.py).
    links_base_url: str | None = None

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("is_concluded"),
                FieldPanel("results_visibility"),
                FieldPanel("facilitated_tallies_in_marks"),
            ],
            heading="Consultation window",
        ),
        FieldPanel("body", heading="Clauses"),
        ClauseFeedbackPanel(),
        FieldPanel("change_summary"),
    ]
    # Without Wagtail's comment panel: its editors' notes, called "Comments" too, would
    # be confused with participants' comments (feedback/README: "one meaning of comments").
    settings_panels = [
        panel for panel in Page.settings_panels if not isinstance(panel, CommentPanelPlaceholder)
    ] + [FieldPanel("pre_moderate_comments")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["consultation.GuidanceIndexPage"]
    subpage_types = ["consultation.ForumSessionPage"]

    class Meta:
        verbose_name = "guidance document"

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": "The consultation must close after it opens. Choose a later date."}
            )

    def status(self, now=None) -> ConsultationStatus:
        if self.is_concluded:
            return ConsultationStatus.CONCLUDED
        now = now or timezone.now()
        if now < self.opens_at:
            return ConsultationStatus.UPCOMING
        if now < self.closes_at:
            return ConsultationStatus.OPEN
        return ConsultationStatus.CLOSED

    def is_open_for_feedback(self, now=None) -> bool:
        return self.status(now) == ConsultationStatus.OPEN

    def days_left(self, now=None) -> int:
        """Whole calendar days, in local time, until the round closes (0 on its last day)."""
        now = timezone.localtime(now or timezone.now())
        return max((timezone.localtime(self.closes_at).date() - now.date()).days, 0)

    @property
    def clauses(self) -> list[Clause]:
        return clauses_from_stream(self.body)

    def clause_by_short_id(self, short_id: str) -> Clause:
        for clause in self.clauses:
            if clause.short_id == short_id:
                return clause
        raise Http404("No such clause in this document.")

    @cached_property
    def current_version(self):
        """The latest published version: what participants comment and vote on."""
        return self.versions.order_by("-number").first()

    def get_context(self, request, *args, **kwargs):
        # Before anything is read: the page shows comment counts (and votes, when
        # page_voting shows tallies to anonymous readers), never the discussions themselves.
        page_cache_depends(request, COMMENTS)
        # Its per-person parts (vote panels, follow box, "since you last took part",
        # clauses with a content note) are {% personal %} fragments: guidance/fragments.py.
        personal_layer_supported(request)
        context = super().get_context(request, *args, **kwargs)
        # With the request, Wagtail reads the site's root paths from the cache once per
        # request rather than once per call.
        page_url = context["page_url"] = self.links_base_url = self.get_url(request)
        # Lazy: only the current page's clauses ask for it, so history routes never pay.
        notes = context["clause_notes"] = SimpleLazyObject(lambda: clause_notes(self))
        voting = context["voting"] = page_voting(
            request, self, error=getattr(request, "vote_error", None)
        )
        key = content_key(self, page_url)
        clauses = published_clauses(self, key=key)
        context["clauses"] = clauses
        context["status"] = self.status()
        rows = clause_rows(
            self,
            clauses,
            key=key,
            page_url=page_url,
            notes=notes,
            counts=visible_comment_counts(self),
            voting=voting,
            expand_notes=expands_content_notes(request.user),
            suggestion_counts=visible_suggestion_counts(self),
        )
        context["clause_sections"] = clause_sections(request, self, rows, key=key)
        if request.user.is_authenticated:
            context["since_last_time"] = since_last_time(participant_for(request.user), self)
        return context
