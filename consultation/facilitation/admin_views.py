"""The facilitators' screens in the Wagtail admin: choose a guidance document, add a group
or event, enter what it said (every clause on one page), correct or delete it. Only for
users with the enter_facilitated_input permission (the Facilitators group) and superusers."""

from functools import wraps

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.admin import messages

from consultation.discussion.models import GuidanceComment
from consultation.facilitation.forms import CorrectionForm, EntryForm, SourceForm
from consultation.facilitation.models import FacilitatedSource
from consultation.facilitation.services import (
    FacilitationRefused,
    can_facilitate,
    entry_closes_at,
    entry_refusal,
    facilitated_comment_correct,
    facilitated_comment_delete,
    facilitated_comment_post,
    source_correct,
    source_record,
    tally_record,
)
from consultation.guidance.models import GuidancePage
from consultation.versions.models import ClauseSnapshot


def facilitators_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_facilitate(request.user):
            return HttpResponseForbidden("Only facilitators can enter facilitated input.")
        return view(request, *args, **kwargs)

    return wrapped


def _window(page):
    return {
        "entry_refusal": entry_refusal(page),
        "entry_closes_at": entry_closes_at(page),
        "entry_days": settings.COPRODUCE_FACILITATED_ENTRY_DAYS,
    }


@facilitators_only
def index(request):
    pages = GuidancePage.objects.live().order_by("title")
    return TemplateResponse(
        request,
        "consultation/admin/facilitation_index.html",
        {"pages": pages, "header_title": "Facilitated input", "now": timezone.now()},
    )


@facilitators_only
def sources(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    form = SourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            source = source_record(user=request.user, page=page, **form.service_fields())
        except FacilitationRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"Added {source.name}. Now enter what the group said.")
            return redirect("consultation_facilitation_entry", source.pk)
    return TemplateResponse(
        request,
        "consultation/admin/facilitation_sources.html",
        {
            "page": page,
            "form": form,
            "sources": FacilitatedSource.objects.on_page(page).order_by("-held_on", "-pk"),
            "header_title": f"Facilitated input: {page.title}",
            **_window(page),
        },
        status=400 if form.errors else 200,
    )


@facilitators_only
def source_edit(request, source_id):
    source = get_object_or_404(FacilitatedSource.objects.select_related("page"), pk=source_id)
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        try:
            source_correct(user=request.user, source=source, **form.service_fields())
        except FacilitationRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"Saved the corrections to {source.name}.")
            return redirect("consultation_facilitation_entry", source.pk)
    return TemplateResponse(
        request,
        "consultation/admin/facilitation_source_edit.html",
        {"source": source, "page": source.page, "form": form, "header_title": source.name},
        status=400 if form.errors else 200,
    )


@facilitators_only
def entry(request, source_id):
    source = get_object_or_404(FacilitatedSource.objects.select_related("page"), pk=source_id)
    page = source.page.specific
    version = page.current_version
    snapshots = (
        {s.clause_id: s for s in ClauseSnapshot.objects.filter(version=version)} if version else {}
    )
    tallies = {t.snapshot_id: t for t in source.tallies.filter(snapshot__version=version)}
    form = EntryForm(
        request.POST or None, clauses=page.clauses, snapshots=snapshots, tallies=tallies
    )
    if request.method == "POST" and form.is_valid():
        try:
            entered = _enter(request.user, source, form, tallies)
        except FacilitationRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, entered)
            return redirect("consultation_facilitation_entry", source.pk)
    comments = (
        GuidanceComment.objects.filter(source=source, is_withdrawn=False)
        .select_related("version")
        .order_by("clause_id", "submit_date")
    )
    numbers = {s.clause_id: s.number for s in snapshots.values()}
    return TemplateResponse(
        request,
        "consultation/admin/facilitation_entry.html",
        {
            "source": source,
            "page": page,
            "form": form,
            "comments": [(numbers.get(c.clause_id), c) for c in comments],
            "header_title": f"Enter what {source.name} said",
            **_window(page),
        },
        status=400 if form.errors else 200,
    )


@transaction.atomic
def _enter(user, source, form, tallies) -> str:
    texts = form.texts()
    for clause_id, text in texts:
        facilitated_comment_post(user=user, source=source, clause_id=clause_id, text=text)
    changed = 0
    for snapshot, counts in form.counts():
        existing = tallies.get(snapshot.pk)
        if (existing.counts if existing else [0] * len(counts)) == counts:
            continue
        tally_record(user=user, source=source, snapshot=snapshot, counts=counts)
        changed += 1
    if not texts and not changed:
        return "Nothing new to enter: every box was blank or unchanged."
    return f"Entered {len(texts)} comment(s) and {changed} tally(ies) for {source.name}."


@facilitators_only
def comment_edit(request, comment_id):
    comment = get_object_or_404(
        GuidanceComment.objects.select_related("source", "page"),
        pk=comment_id,
        source__isnull=False,
        is_withdrawn=False,
    )
    form = CorrectionForm(request.POST or None, initial={"text": comment.comment})
    back = reverse("consultation_facilitation_entry", args=[comment.source_id])
    if request.method == "POST":
        try:
            if "delete" in request.POST:
                facilitated_comment_delete(user=request.user, comment=comment)
                messages.success(request, "Deleted. Any replies to it stay.")
                return redirect(back)
            if form.is_valid():
                facilitated_comment_correct(
                    user=request.user, comment=comment, text=form.cleaned_data["text"]
                )
                messages.success(request, "Saved the correction.")
                return redirect(back)
        except FacilitationRefused as refusal:
            form.add_error(None, refusal.message)
    return TemplateResponse(
        request,
        "consultation/admin/facilitation_comment_edit.html",
        {
            "comment": comment,
            "form": form,
            "back": back,
            "entry_refusal": entry_refusal(comment.page),
            "header_title": "Correct or delete facilitated feedback",
        },
        status=400 if form.errors else 200,
    )
