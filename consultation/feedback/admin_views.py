"""The editors' feedback workspace in the Wagtail admin: clauses, results, threads,
responses. Only for users with the respond_to_feedback permission (the Editors group has
it) and superusers; the exports need export_feedback."""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower, Trim
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin import messages

from consultation.accounts.models import Participant
from consultation.discussion.models import GuidanceComment
from consultation.feedback.access import editors_only
from consultation.feedback.forms import ResponseForm, ThreadFilterSet
from consultation.feedback.models import FeedbackResponse
from consultation.feedback.services import ResponseRefused, response_record
from consultation.guidance.models import GuidancePage
from consultation.voting.results import page_results

THREADS_PER_PAGE = 50


def _awaiting():
    responded = Exists(FeedbackResponse.objects.filter(comment=OuterRef("pk")))
    return GuidanceComment.objects.visible().top_level().filter(~responded)


@editors_only
def index(request):
    pages = (
        GuidancePage.objects.live()
        .annotate(
            awaiting=Count(
                "comments",
                filter=Q(comments__pk__in=_awaiting().values("pk")),
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


@editors_only
def workspace(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    threads = (
        GuidanceComment.objects.on_page(page)
        .top_level()
        .select_related("participant", "source", "version", "feedback_response__addressed_in")
        .order_by("-submit_date", "-pk")
    )
    filterset = ThreadFilterSet(request.GET or None, queryset=threads, page=page)
    filtered = filterset.qs if filterset.is_valid() else threads
    paginator = Paginator(filtered, THREADS_PER_PAGE)
    paginator_page = paginator.get_page(request.GET.get("p"))
    awaiting = dict(
        _awaiting()
        .filter(page=page)
        .order_by()
        .values_list("clause_id")
        .annotate(n=Count("pk"))
        .values_list("clause_id", "n")
    )
    results = page_results(page)
    clauses = [
        {
            "clause": clause,
            "result": results.get(clause.id),
            "awaiting": awaiting.get(clause.id, 0),
        }
        for clause in page.clauses
    ]
    numbers = {c.id: c.number for c in page.clauses}
    threads_shown = [
        {"comment": c, "clause_number": numbers.get(c.clause_id)} for c in paginator_page
    ]
    return TemplateResponse(
        request,
        "consultation/admin/feedback_workspace.html",
        {
            "page": page,
            "clauses": clauses,
            "document_awaiting": awaiting.get("", 0),
            "filterset": filterset,
            "threads": threads_shown,
            "paginator_page": paginator_page,
            "other_descriptions": other_descriptions(page),
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


@editors_only
def respond(request, comment_id):
    comment = get_object_or_404(
        GuidanceComment.objects.select_related("participant", "page", "version"),
        pk=comment_id,
        level=0,
    )
    page = comment.page.specific
    existing = FeedbackResponse.objects.filter(comment=comment).first()
    initial = (
        {
            "outcome": existing.outcome,
            "rationale": existing.rationale,
            "version": existing.addressed_in_id,
            "clause_ids": existing.clause_ids,
        }
        if existing
        else {"clause_ids": [comment.clause_id] if comment.clause_id else []}
    )
    form = ResponseForm(request.POST or None, initial=initial, page=page)
    if request.method == "POST" and form.is_valid():
        try:
            response_record(
                editor=request.user,
                comment=comment,
                outcome=form.cleaned_data["outcome"],
                rationale=form.cleaned_data["rationale"],
                version=form.cleaned_data["version"],
                clause_ids=form.cleaned_data["clause_ids"],
            )
        except ResponseRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Response saved. The author is told as they asked.")
            return redirect(reverse("consultation_feedback_workspace", args=[page.pk]))
    numbers = {c.id: c.number for c in page.clauses}
    return TemplateResponse(
        request,
        "consultation/admin/feedback_respond.html",
        {
            "comment": comment,
            "page": page,
            "form": form,
            "existing": existing,
            "clause_number": numbers.get(comment.clause_id),
            "header_title": "Respond to feedback",
        },
        status=400 if request.method == "POST" else 200,
    )
