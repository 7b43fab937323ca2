"""Moderators' review of flagged and held comments, inside the Wagtail admin."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.admin import messages
from wagtail.models import ModelLogEntry

from consultation.accounts.roles import MODERATE_COMMENTS
from consultation.discussion.forms import RemovalForm, SafeguardingForm
from consultation.discussion.links import comment_url
from consultation.discussion.models import URGENT_REASONS, CommentFlag, GuidanceComment
from consultation.discussion.moderation import (
    SAFEGUARDING_LOG_ACTION,
    comment_approve,
    comment_remove,
    safeguarding_record,
    urgent_response_times,
)
from consultation.discussion.services import CommentRefused
from consultation.guidance.models import GuidancePage
from consultation.numbers import whole_number
from consultation.versions.models import ClauseSnapshot

SHOW_CHOICES = [
    ("review", "Needs review (held or with open flags)"),
    ("urgent", "Urgent: someone may be at risk"),
    ("held", "Held"),
    ("flagged", "With open flags"),
    ("removed", "Removed"),
    ("published", "Published"),
    ("all", "All comments"),
]


def can_moderate(user) -> bool:
    return user.has_perm(MODERATE_COMMENTS)


def _require_moderator(request):
    if not can_moderate(request.user):
        raise PermissionDenied


def _filterable_documents():
    """Moderators may not publish: the filter names only what anyone can already read, not
    the titles of drafts or private documents."""
    return GuidancePage.objects.live().public()


def _filtered(show: str, document: str):
    open_flag = Q(concerns__resolved_at__isnull=True)
    comments = GuidanceComment.objects.select_related("participant", "page", "version").annotate(
        open_flags=Count("concerns", filter=open_flag),
        urgent_flags=Count("concerns", filter=open_flag & Q(concerns__reason__in=URGENT_REASONS)),
    )
    if show == "review":
        comments = comments.needing_review()
    elif show == "urgent":
        comments = comments.filter(urgent_flags__gt=0)
    elif show == "flagged":
        comments = comments.filter(open_flags__gt=0)
    elif show in {"held", "removed", "published"}:
        comments = comments.filter(status=show)
    if (page_id := whole_number(document)) is not None:
        comments = comments.filter(page_id=page_id, page__in=_filterable_documents())
    # Someone may be at risk: those comments come first, whatever else is waiting.
    return comments.order_by("-urgent_flags", "-open_flags", "-submit_date")


def review_list(request):
    _require_moderator(request)
    show = request.GET.get("show", "review")
    if show not in dict(SHOW_CHOICES):
        show = "review"
    document = request.GET.get("document", "")
    paginator = Paginator(_filtered(show, document), 50)
    return TemplateResponse(
        request,
        "consultation/admin/comment_review_list.html",
        {
            "comments": paginator.get_page(request.GET.get("p")),
            "show": show,
            "show_choices": SHOW_CHOICES,
            "document": document,
            "documents": _filterable_documents().order_by("title").values_list("pk", "title"),
            "urgent_waiting": CommentFlag.objects.urgent().open().count(),
            "response_times": urgent_response_times(),
            "header_title": "Comment review",
        },
    )


def review(request, comment_id):
    _require_moderator(request)
    comment = get_object_or_404(
        GuidanceComment.objects.select_related("participant", "page", "version"), pk=comment_id
    )
    action = request.POST.get("action") if request.method == "POST" else None
    form = RemovalForm(request.POST if action == "remove" else None)
    safeguarding_form = SafeguardingForm(request.POST if action == "safeguarding" else None)
    if action == "approve":
        comment_approve(comment=comment, moderator=request.user)
        messages.success(request, "Comment approved: it is shown in its discussion.")
        return redirect("consultation_comment_review")
    if action == "remove" and form.is_valid():
        try:
            comment_remove(
                comment=comment,
                moderator=request.user,
                rule=form.cleaned_data["rule"],
                reason=form.cleaned_data["reason"],
            )
        except CommentRefused as refusal:
            form.add_error("rule", refusal.message)
        else:
            messages.success(request, "Comment removed. Its author has been told which rule.")
            return redirect("consultation_comment_review")
    if action == "safeguarding" and safeguarding_form.is_valid():
        safeguarding_record(
            comment=comment,
            moderator=request.user,
            action=safeguarding_form.cleaned_data["safeguarding_action"],
            note=safeguarding_form.cleaned_data["safeguarding_note"],
        )
        messages.success(request, "Recorded in the log. The urgent flag is closed.")
        return redirect("consultation_comment_review_detail", comment_id=comment.pk)
    flags = list(comment.concerns.select_related("participant").order_by("created_at"))
    return TemplateResponse(
        request,
        "consultation/admin/comment_review.html",
        {
            "comment": comment,
            "clause_number": ClauseSnapshot.objects.filter(
                version=comment.version_id, clause_id=comment.clause_id
            )
            .values_list("number", flat=True)
            .first(),
            "flags": flags,
            "urgent": any(f.is_urgent and not f.resolved_at for f in flags),
            "ever_urgent": any(f.is_urgent for f in flags),
            "safeguarding_log": ModelLogEntry.objects.for_instance(comment)
            .filter(action=SAFEGUARDING_LOG_ACTION)
            .select_related("user")
            .order_by("timestamp"),
            "form": form,
            "safeguarding_form": safeguarding_form,
            "public_url": comment_url(comment.page, comment),
            "header_title": f"Review comment {comment.pk}",
        },
        status=400 if form.errors or safeguarding_form.errors else 200,
    )
