"""Suggested wording in the Wagtail admin: each document's list (filter by clause, status
and support), and one suggestion's page where editors answer it or accept it into the
draft. Editors need respond_to_feedback; holding and removing need moderate_comments."""

from types import SimpleNamespace

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin import messages

from consultation.accounts.roles import MODERATE_COMMENTS
from consultation.feedback.access import can_respond, permission_required
from consultation.guidance.models import GuidancePage
from consultation.numbers import whole_number
from consultation.suggestions.forms import AcceptForm, SuggestionAnswerForm
from consultation.suggestions.listing import clause_differs, comparison
from consultation.suggestions.models import Suggestion, SuggestionStatus
from consultation.suggestions.moderation import suggestion_approve, suggestion_remove
from consultation.suggestions.services import (
    ClauseChangedSince,
    SuggestionRefused,
    clause_in,
    suggestion_accept_into_draft,
    suggestion_respond,
)

PER_PAGE = 50


ACCEPT, ANSWER = "accept", "answer"


def may_see(user) -> bool:
    """Editors answer suggestions; moderators hold and remove them: both read the lists."""
    return can_respond(user) or user.has_perm(MODERATE_COMMENTS)


editors_and_moderators = permission_required(
    may_see, "Only editors and moderators can work on suggested wording."
)
# Statuses an editor filters by: the four participants see, and the moderation states.
FILTERS = [(value, label) for value, label in SuggestionStatus.choices] + [
    ("held", "Held for review"),
    ("removed", "Removed"),
    ("withdrawn", "Withdrawn by its author"),
]


def _filtered(queryset, status: str):
    if status == "held":
        return queryset.filter(moderation="held", is_withdrawn=False)
    if status == "removed":
        return queryset.filter(moderation="removed")
    if status == "withdrawn":
        return queryset.filter(is_withdrawn=True)
    if status in SuggestionStatus.values:
        return queryset.visible().filter(status=status)
    return queryset


@editors_and_moderators
def index(request):
    pages = (
        GuidancePage.objects.live()
        .annotate(
            open_suggestions=Count(
                "suggestions",
                filter=Q(
                    suggestions__status=SuggestionStatus.OPEN,
                    suggestions__moderation="published",
                    suggestions__is_withdrawn=False,
                ),
            )
        )
        .order_by("title")
    )
    return TemplateResponse(
        request,
        "consultation/suggestions/admin/index.html",
        {"pages": pages, "header_title": "Suggested wording"},
    )


@editors_and_moderators
def page_list(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    clauses = page.clauses
    clause_id = request.GET.get("clause", "")
    status = request.GET.get("status", "")
    min_support = whole_number(request.GET.get("support", ""), maximum=1_000_000) or 0
    queryset = (
        Suggestion.objects.on_page(page)
        .with_support()
        .select_related("participant", "snapshot__version", "addressed_in")
        .order_by("-support_count", "created_at", "pk")
    )
    if clause_id in {c.id for c in clauses}:
        queryset = queryset.on_clause(clause_id)
    queryset = _filtered(queryset, status)
    if min_support:
        queryset = queryset.filter(support_count__gte=min_support)
    paginator_page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("p"))
    numbers = {c.id: c.number for c in clauses}
    return TemplateResponse(
        request,
        "consultation/suggestions/admin/list.html",
        {
            "page": page,
            "clauses": clauses,
            "filters": FILTERS,
            "chosen": {"clause": clause_id, "status": status, "support": min_support or ""},
            "rows": [(s, numbers.get(s.clause_id)) for s in paginator_page],
            "paginator_page": paginator_page,
            "header_title": f"Suggested wording on “{page.title}”",
        },
    )


def _draft_clause(page, suggestion):
    """The clause as the latest draft has it (what accepting would replace), or None."""
    draft = page.get_latest_revision_as_object()
    _, child = clause_in(draft, suggestion.clause_id)
    if child is None:
        return None
    return SimpleNamespace(
        body=child.value["body"].source, proposition=child.value.get("proposition") or ""
    )


@editors_and_moderators
def detail(request, suggestion_id):
    suggestion = get_object_or_404(
        Suggestion.objects.with_support().select_related(
            "participant", "snapshot__version", "page", "addressed_in"
        ),
        pk=suggestion_id,
    )
    page = suggestion.page.specific
    # Two forms on one page: prefixes keep their fields' ids apart.
    answer_form = SuggestionAnswerForm(
        initial={"outcome": suggestion.outcome, "rationale": suggestion.rationale},
        prefix=ANSWER,
    )
    accept_form = AcceptForm(prefix=ACCEPT)
    needs_confirm = False
    status = 200
    action = request.POST.get("action") if request.method == "POST" else None
    if action in ("approve", "remove"):
        if not request.user.has_perm(MODERATE_COMMENTS):
            return HttpResponseForbidden("Only moderators can hold or remove suggestions.")
        moderate = suggestion_approve if action == "approve" else suggestion_remove
        moderate(suggestion=suggestion, moderator=request.user)
        messages.success(request, "Suggestion published." if action == "approve" else "Removed.")
        return redirect(reverse("consultation_suggestion_detail", args=[suggestion.pk]))
    if action in ("answer", "accept") and not can_respond(request.user):
        return HttpResponseForbidden("Only editors can answer or accept suggestions.")
    if action == "answer":
        answer_form = SuggestionAnswerForm(request.POST, prefix=ANSWER)
        if answer_form.is_valid():
            try:
                suggestion_respond(
                    editor=request.user, suggestion=suggestion, **answer_form.cleaned_data
                )
            except SuggestionRefused as refusal:
                answer_form.add_error(None, refusal.message)
            else:
                messages.success(request, "Answer saved. It is shown next to the suggestion.")
                return redirect(reverse("consultation_suggestion_list", args=[page.pk]))
        status = 400
    if action == "accept":
        accept_form = AcceptForm(request.POST, prefix=ACCEPT)
        if accept_form.is_valid():
            try:
                suggestion_accept_into_draft(
                    editor=request.user,
                    suggestion=suggestion,
                    rationale=accept_form.cleaned_data["rationale"],
                    confirmed=accept_form.cleaned_data["confirmed"],
                )
            except ClauseChangedSince as refusal:
                needs_confirm = True
                accept_form = AcceptForm(
                    initial={"rationale": accept_form.cleaned_data["rationale"], "confirmed": True},
                    prefix=ACCEPT,
                )
                messages.warning(request, refusal.message)
                status = 409
            except SuggestionRefused as refusal:
                accept_form.add_error(None, refusal.message)
                status = 400
            else:
                messages.success(
                    request,
                    "The wording is in a new draft of the page. Edit it further if you "
                    "need to, then publish as usual: the author is credited then.",
                )
                return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        else:
            status = 400
    draft_clause = _draft_clause(page, suggestion)
    snapshot = suggestion.snapshot
    changed = draft_clause is None or clause_differs(snapshot, draft_clause)
    return TemplateResponse(
        request,
        "consultation/suggestions/admin/detail.html",
        {
            "suggestion": suggestion,
            "page": page,
            "against_written": comparison(snapshot.body, snapshot.proposition, suggestion),
            "against_draft": comparison(draft_clause.body, draft_clause.proposition, suggestion)
            if changed and draft_clause
            else None,
            "changed_since": changed,
            "needs_confirm": needs_confirm,
            "answer_form": answer_form,
            "accept_form": accept_form,
            "flags": suggestion.concerns.select_related("participant").order_by("created_at"),
            "can_moderate": request.user.has_perm(MODERATE_COMMENTS),
            "can_respond": can_respond(request.user),
            "header_title": "Suggested wording",
        },
        status=status,
    )
