"""The editors' feedback workspace in the Wagtail admin: clauses, results, threads,
responses. Only for users with the respond_to_feedback permission (the Editors group has
it) and superusers; the exports need export_feedback."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Lower, Trim
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin import messages

from consultation.accounts.models import Participant
from consultation.discussion.models import GuidanceComment
from consultation.feedback.access import editors_only
from consultation.feedback.desk import (
    awaiting_response,
    clause_desk,
    previous_version,
    theme_summary,
)
from consultation.feedback.forms import NEXT_VERSION, ResponseForm, ThreadFilterSet
from consultation.feedback.models import FeedbackResponse, ResponseEmail, Theme
from consultation.feedback.services import ResponseRefused, response_record
from consultation.feedback.themes import theme_publish
from consultation.guidance.models import GuidancePage
from consultation.numbers import whole_number
from consultation.versions.models import ClauseSnapshot

THREADS_PER_PAGE = 50
# The workspace's own filters and page: all a "back to the list" link may carry.
LIST_PARAMS = ("q", "clause", "version", "perspective", "status", "theme", "outcome", "p")


@editors_only
def index(request):
    pages = (
        GuidancePage.objects.live()
        .annotate(
            awaiting=Count(
                "comments",
                filter=Q(comments__pk__in=awaiting_response().values("pk")),
                distinct=True,
            )
        )
        .order_by("title")
    )
    return TemplateResponse(
        request,
        "consultation/admin/feedback_index.html",
        {"pages": pages, "header_title": "Feedback"},
    )


def list_query(params) -> str:
    """The workspace's filters and page from `params`, encoded again (nothing else)."""
    query = QueryDict(mutable=True)
    for name in LIST_PARAMS:
        if name in params:
            query[name] = params[name]
    return query.urlencode()


def workspace_threads(page):
    return (
        GuidanceComment.objects.on_page(page)
        .top_level()
        .select_related(
            "participant", "source", "version", "feedback_response__addressed_in", "review_mark"
        )
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("pk", "name")))
        .order_by("-submit_date", "-pk")
    )


@editors_only
def workspace(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    threads = workspace_threads(page)
    filterset = ThreadFilterSet(request.GET or None, queryset=threads, page=page)
    filtered = filterset.qs if filterset.is_valid() else threads
    paginator = Paginator(filtered, THREADS_PER_PAGE)
    paginator_page = paginator.get_page(request.GET.get("p"))
    desk = clause_desk(page)
    numbers = {c.id: c.number for c in page.clauses}
    back = list_query(request.GET)
    threads_shown = [
        {"comment": c, "clause_number": numbers.get(c.clause_id)} for c in paginator_page
    ]
    current = page.current_version
    return TemplateResponse(
        request,
        "consultation/admin/feedback_workspace.html",
        {
            "page": page,
            "clauses": [desk[c.id] for c in page.clauses],
            "document": desk[""],
            "current_version": current,
            "previous_version": previous_version(page, current),
            "filterset": filterset,
            "threads": threads_shown,
            "paginator_page": paginator_page,
            "back": back,
            "other_descriptions": other_descriptions(page),
            "themes": Theme.objects.on_page(page),
            "header_title": f"Feedback on “{page.title}”",
        },
    )


def other_descriptions(page) -> list[tuple[str, int]]:
    """How the people who took part in this document describe "Other": each description
    (ignoring case) and how many said it, never who. Seen only here, by editors."""
    took_part = Q(comments__page=page) | Q(votes__snapshot__version__page=page)
    return list(
        Participant.objects.filter(took_part)
        .exclude(other_perspective="")
        .annotate(description=Lower(Trim("other_perspective")))
        .values("description")
        .annotate(people=Count("pk", distinct=True))
        .order_by("-people", "description")
        .values_list("description", "people")[:50]
    )


def back_to_list(page, back: str, comment_id: int) -> str:
    """The workspace as the editor left it: same filters, same page, at the thread."""
    query = list_query(QueryDict(back))
    url = reverse("consultation_feedback_workspace", args=[page.pk])
    return f"{url}{'?' + query if query else ''}#thread-{comment_id}"


def _draft_clause(page, clause_id):
    """The clause as it stands in the latest draft (the editor's next version)."""
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    return next((c for c in draft.clauses if c.id == clause_id), None)


@editors_only
def respond(request, comment_id):
    comment = get_object_or_404(
        GuidanceComment.objects.select_related("participant", "page", "version"),
        pk=comment_id,
        level=0,
    )
    page = comment.page.specific
    existing = (
        FeedbackResponse.objects.select_related("addressed_in").filter(comment=comment).first()
    )
    back = request.POST.get("back") if request.method == "POST" else request.GET.get("back")
    back = list_query(QueryDict(back or ""))
    if existing:
        chosen = NEXT_VERSION if existing.awaiting_next_version else existing.addressed_in_id
        initial = {
            "outcome": existing.outcome,
            "rationale": existing.rationale,
            "version": str(chosen or ""),
            "clause_ids": existing.clause_ids,
        }
    else:
        initial = {"clause_ids": [comment.clause_id] if comment.clause_id else []}
    form = ResponseForm(request.POST or None, initial=initial, page=page)
    if not comment.is_visible:
        form.fields.clear()
    if request.method == "POST" and comment.is_visible and form.is_valid():
        try:
            response_record(
                editor=request.user,
                comment=comment,
                outcome=form.cleaned_data["outcome"],
                rationale=form.cleaned_data["rationale"],
                version=form.cleaned_data["version"],
                next_version=form.cleaned_data["next_version"],
                clause_ids=form.cleaned_data["clause_ids"],
            )
        except ResponseRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Response saved. The author is told as they asked.")
            return redirect(back_to_list(page, back, comment.pk))
    desk = clause_desk(page)
    return TemplateResponse(
        request,
        "consultation/admin/feedback_respond.html",
        {
            "comment": comment,
            "page": page,
            "form": form,
            "existing": existing,
            "emails": ResponseEmail.objects.filter(response=existing) if existing else [],
            "thread": GuidanceComment.objects.filter(thread_id=comment.thread_id, level__gt=0)
            .select_related("participant")
            .order_by("order"),
            "clause_then": ClauseSnapshot.objects.filter(
                version=comment.version_id, clause_id=comment.clause_id
            ).first()
            if comment.clause_id
            else None,
            "clause_draft": _draft_clause(page, comment.clause_id) if comment.clause_id else None,
            "figures": desk.get(comment.clause_id),
            "current_version": page.current_version,
            "previous_version": previous_version(page),
            "themes": comment.themes.all(),
            "back": back,
            "back_url": back_to_list(page, back, comment.pk),
            "clause_number": getattr(desk.get(comment.clause_id), "number", None),
            "header_title": "Respond to feedback",
        },
        status=400 if request.method == "POST" else 200,
    )


@editors_only
def themes(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    if request.method == "POST":
        theme = Theme.objects.on_page(page).filter(pk=whole_number(request.POST.get("theme")))
        public = request.POST.get("public") == "1"
        if theme_found := theme.first():
            theme_publish(theme=theme_found, public=public)
            now = "public" if public else "private to editors"
            messages.success(request, f"“{theme_found.name}” is now {now}.")
        return redirect(reverse("consultation_feedback_themes", args=[page.pk]))
    return TemplateResponse(
        request,
        "consultation/admin/feedback_themes.html",
        {
            "page": page,
            "summary": theme_summary(page),
            "header_title": f"Themes of “{page.title}”",
        },
    )
