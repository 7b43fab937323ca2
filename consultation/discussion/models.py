"""Comments on clauses (or on a whole document), built on django-comments-xtd.

GuidanceComment extends XtdComment (multi-table inheritance, COMMENTS_XTD_MODEL), so xtd's
thread columns (thread_id, parent_id, level, order) and its rendering keep working. Our own
columns say where and when a comment was made and whether the public may read it.
Creation goes through consultation.discussion.services.comment_post, never save() directly:
that service locks the thread so concurrent replies keep a consistent order.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django_comments_xtd.models import XtdComment, XtdCommentManager
from wagtail.search import index

from consultation.accounts.models import FORMER_PARTICIPANT, perspectives_label
from consultation.discussion.rules import RULES
from consultation.discussion.text import comment_text

# A comment a facilitator entered for a group (`source`) is taken back by that facilitator
# (consultation/facilitation/services.py::facilitated_comment_delete), never by an author.
WITHDRAWN_BY_AUTHOR = "Withdrawn by its author"
WITHDRAWN_BY_FACILITATOR = "Removed by the facilitator who entered it"


class CommentStatus(models.TextChoices):
    PUBLISHED = "published", "Published"
    HELD = "held", "Held for review"
    REMOVED = "removed", "Removed by a moderator"


class FlagReason(models.TextChoices):
    # Urgent: never counts towards hiding a comment (hiding someone's call for help helps
    # no one) and emails every moderator at once.
    AT_RISK = "at_risk", "I'm worried someone may be at risk"
    ABUSIVE = "abusive", "It is abusive or hurtful"
    PERSONAL_INFORMATION = "personal_information", "It shares someone's personal information"
    SPAM = "spam", "It is spam or advertising"
    OTHER = "other", "Something else"


URGENT_REASONS = [FlagReason.AT_RISK]


class SafeguardingAction(models.TextChoices):
    CONTACTED = "contacted", "Contacted the person"
    SIGNPOSTED = "signposted", "Signposted to support"
    NO_ACTION = "no_action", "No action needed"
    ESCALATED = "escalated", "Escalated to the safeguarding lead"


HouseRule = models.TextChoices("HouseRule", [(value, (value, label)) for value, label, _ in RULES])


class GuidanceCommentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # The words and their stored HTML change together whoever writes them (withdrawal
        # and account deletion blank both, so no copy of withdrawn words stays behind).
        # Words given as an expression (bulk_update's Case) cannot be converted here: the
        # copy is blanked, and the discussion converts those words when it shows them.
        if "comment" in kwargs and "text_html" not in kwargs:
            text = kwargs["comment"]
            kwargs["text_html"] = comment_text(text) if isinstance(text, str) and text else ""
        return super().update(**kwargs)

    def on_page(self, page):
        return self.filter(page=page)

    def on_clause(self, clause_id: str):
        return self.filter(clause_id=clause_id)

    def visible(self):
        """What counts and what the public may read: published and not withdrawn."""
        return self.filter(status=CommentStatus.PUBLISHED, is_withdrawn=False)

    def top_level(self):
        return self.filter(level=0)

    def newest_round_first(self):
        return self.order_by("-version__number", "-submit_date", "-pk")

    def urgent(self):
        """Comments with an open flag saying someone may be at risk."""
        return self.filter(pk__in=CommentFlag.objects.urgent().open().values("comment_id"))

    def needing_review(self):
        open_flags = CommentFlag.objects.filter(resolved_at__isnull=True).values("comment_id")
        return self.filter(Q(status=CommentStatus.HELD) | Q(pk__in=open_flags))


class GuidanceCommentManager(XtdCommentManager.from_queryset(GuidanceCommentQuerySet)):
    pass


class GuidanceComment(index.Indexed, XtdComment):
    page = models.ForeignKey(
        "consultation.GuidancePage", on_delete=models.CASCADE, related_name="comments"
    )
    clause_id = models.CharField(
        max_length=36, blank=True, help_text="The clause's stable block id; blank for the document."
    )
    version = models.ForeignKey(
        "consultation.GuidanceVersion",
        on_delete=models.CASCADE,
        related_name="comments",
        help_text="The version the participant was reading when they commented.",
    )
    participant = models.ForeignKey(
        "consultation.Participant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text="Empty once the author deleted their account: shown as a former participant.",
    )
    status = models.CharField(
        max_length=12, choices=CommentStatus.choices, default=CommentStatus.PUBLISHED
    )
    removal_reason = models.TextField(blank=True)
    broken_rule = models.CharField(
        max_length=24, choices=HouseRule.choices, blank=True, help_text="Set when removed."
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_withdrawn = models.BooleanField(default=False)
    # The words as the discussion shows them (discussion/text.py), made when they are
    # written rather than on every render: a 500-comment discussion read them 500 times.
    text_html = models.TextField(blank=True, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Feedback a facilitator keyed in for a group (consultation/facilitation/): shown in
    # the group's name, with no participant or user, so it is never anyone's own comment.
    source = models.ForeignKey(
        "consultation.FacilitatedSource",
        null=True,
        blank=True,
        # A source goes only with its guidance page (its comments go too); on its own it
        # cannot be deleted while its comments remain.
        on_delete=models.RESTRICT,
        related_name="comments",
        help_text="The group or event this feedback came from, when a facilitator entered it.",
    )

    objects = GuidanceCommentManager()

    # Site search reads comments through .visible() on the page's own tables (the database
    # backend filters in SQL), so a held, removed or withdrawn comment is never found, even
    # before its index entry is refreshed.
    search_fields = [
        index.SearchField("comment"),
        index.FilterField("status"),
        index.FilterField("is_withdrawn"),
        index.FilterField("page"),
    ]

    class Meta:
        verbose_name = "comment"
        permissions = [("moderate_comments", "Can review flagged and held comments")]
        indexes = [models.Index(fields=["page", "clause_id", "status"])]

    def save_base(self, *args, update_fields=None, **kwargs):
        # Here rather than in save(): a thread's first comment is saved with Model.save
        # (discussion/services.py::_thread_start), which skips xtd's save() and so ours.
        if update_fields is None or "comment" in update_fields:
            self.text_html = comment_text(self.comment) if self.comment else ""
            if update_fields is not None:
                update_fields = frozenset({*update_fields, "text_html"})
        super().save_base(*args, update_fields=update_fields, **kwargs)

    def __str__(self):
        where = "the document" if not self.clause_id else f"clause {self.clause_id[:8]}"
        return f"Comment {self.pk} on {where}"

    @property
    def is_visible(self) -> bool:
        return self.status == CommentStatus.PUBLISHED and not self.is_withdrawn

    @property
    def status_label(self) -> str:
        """The status staff see: withdrawn first (a withdrawn comment keeps the status it
        had), then held, removed with its rule, or published."""
        if self.is_withdrawn:
            return WITHDRAWN_BY_FACILITATOR if self.source_id else WITHDRAWN_BY_AUTHOR
        if self.status == CommentStatus.REMOVED and self.broken_rule:
            return f"Removed by a moderator: {self.get_broken_rule_display()}"
        return self.get_status_display()

    @property
    def author_name(self) -> str:
        if self.source_id:
            return self.source.public_name
        return author_name(self.participant.display_name if self.participant_id else None)

    @property
    def public_name(self) -> str:
        """The author's name where anyone may read it: none once the comment is withdrawn,
        held or removed, as its discussion shows only a placeholder then."""
        return self.author_name if self.is_visible else ""

    @property
    def author_perspective(self) -> str:
        if self.source_id:
            return source_perspective(self.source)
        return author_perspective(self.participant.perspectives if self.participant_id else None)


# The author as readers see them, from the participant's columns (None once the account
# is deleted): for lists that read those columns without loading each participant.
def author_name(display_name: str | None) -> str:
    return FORMER_PARTICIPANT if display_name is None else display_name


def author_perspective(perspectives: str | None) -> str:
    return "" if perspectives is None else perspectives_label(perspectives)


def source_perspective(source) -> str:
    return f"{source.description}, entered by a facilitator"


class CommentFlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def urgent(self):
        return self.filter(reason__in=URGENT_REASONS)


class CommentFlag(models.Model):
    """A participant's concern about a comment. One per participant and comment: the
    unique constraint, not a check in the view, is what holds under double submission."""

    comment = models.ForeignKey(GuidanceComment, on_delete=models.CASCADE, related_name="concerns")
    participant = models.ForeignKey(
        "consultation.Participant", on_delete=models.CASCADE, related_name="comment_flags"
    )
    reason = models.CharField(max_length=24, choices=FlagReason.choices)
    note = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = CommentFlagQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "participant"], name="comment_flag_once_per_participant"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} (comment {self.comment_id})"

    @property
    def is_urgent(self) -> bool:
        return self.reason in URGENT_REASONS


class ReplyNotification(models.Model):
    """A reply waiting for the recipient's daily digest (sent_at empty until then)."""

    recipient = models.ForeignKey(
        "consultation.Participant", on_delete=models.CASCADE, related_name="reply_notifications"
    )
    comment = models.ForeignKey(GuidanceComment, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "recipient"])]

    def __str__(self):
        return f"Reply {self.comment_id} for {self.recipient_id}"
