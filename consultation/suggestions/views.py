"""Suggesting wording, supporting it, withdrawing and flagging it: parse, call, render.
A refusal keeps what the participant typed on screen."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django_ratelimit.core import is_ratelimited

from consultation.caching.page_cache import discussion_topic, page_cache_depends
from consultation.discussion.forms import FlagForm
from consultation.discussion.links import discussion_url
from consultation.rounds import (
    ConsultationError,
    contributing_participant,
    participant_for,
    participant_taking_part,
    refusal_to_take_part,
)
from consultation.suggestions.forms import SuggestionForm
from consultation.suggestions.links import suggestion_url
from consultation.suggestions.listing import comparison
from consultation.suggestions.models import Suggestion
from consultation.suggestions.moderation import AlreadyFlagged, suggestion_flag
from consultation.suggestions.services import (
    SuggestionRefused,
    suggestion_make,
    suggestion_support,
    suggestion_support_take_back,
    suggestion_withdraw,
)
from consultation.suggestions.text import blocks_from_rich_text, blocks_rich_text, blocks_text

SUGGEST_TEMPLATE = "consultation/suggestions/suggest.html"


class SupportTooFast(SuggestionRefused):
    status = 429
    default_message = "You have done this many times in a minute. Please wait and try again."


def _context(request, page, clause, **extra) -> dict:
    return {
        "page": page,
        "self": page,
        "request": request,
        "status": page.status(),
        "clause": clause,
        "discussion_url": discussion_url(page, clause.id) if clause else "",
        **extra,
    }


def _rate_limited(request) -> bool:
    limited = False
    for group, rate in (
        ("suggestions-per-minute", settings.COPRODUCE_COMMENT_RATE_PER_MINUTE),
        ("suggestions-per-day", settings.COPRODUCE_COMMENT_RATE_PER_DAY),
    ):
        limited |= is_ratelimited(
            request, group=group, key="user_or_ip", rate=rate, method="POST", increment=True
        )
    return limited


class _Preview:
    """Unsaved wording, read by the comparison as a suggestion would be."""

    def __init__(self, blocks, proposition):
        self.rich_text = blocks_rich_text(blocks)
        self.proposition = proposition


def suggest(request, page, *, clause):
    """GET: the form, prefilled with the clause as it is. POST "preview": the comparison,
    with the form again. POST "send": the suggestion is recorded."""
    refusal = refusal_to_take_part(request.user, page)
    if request.method == "GET":
        page_cache_depends(request, discussion_topic(clause.id))
        initial = {
            "text": blocks_text(blocks_from_rich_text(clause.body)),
            "proposition": clause.proposition,
            "credit_author": True,
        }
        context = _context(request, page, clause, form=SuggestionForm(initial=initial))
        context["refusal"] = refusal
        return TemplateResponse(request, SUGGEST_TEMPLATE, context)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])

    form = SuggestionForm(request.POST)
    context = _context(request, page, clause, form=form)
    try:
        participant = participant_taking_part(request.user, page)
    except ConsultationError as refusal:
        context["refusal"] = refusal
        return TemplateResponse(request, SUGGEST_TEMPLATE, context, status=refusal.status)
    if not form.is_valid():
        return TemplateResponse(request, SUGGEST_TEMPLATE, context, status=400)
    proposition = form.cleaned_data["proposition"] if clause.proposition else ""
    if "send" not in request.POST:
        preview = _Preview(form.blocks, proposition)
        context["preview"] = comparison(clause.body, clause.proposition, preview)
        return TemplateResponse(request, SUGGEST_TEMPLATE, context)
    if _rate_limited(request):
        form.add_error(
            None,
            "You have sent a lot in a short time. Please wait a minute (or until tomorrow) "
            "and send this again.",
        )
        return TemplateResponse(request, SUGGEST_TEMPLATE, context, status=429)
    try:
        suggestion = suggestion_make(
            participant=participant,
            page=page,
            clause_id=clause.id,
            blocks=form.blocks,
            proposition=proposition,
            reason=form.cleaned_data["reason"],
            credit_author=form.cleaned_data["credit_author"],
        )
    except ConsultationError as refusal:
        form.add_error(None, refusal.message)
        return TemplateResponse(request, SUGGEST_TEMPLATE, context, status=refusal.status)
    if suggestion.is_visible:
        messages.success(request, "Thank you. Your suggested wording is published.")
    else:
        messages.info(
            request,
            "Thank you. Suggestions on this document are read by a moderator first; yours "
            "will appear once it is approved.",
        )
    return redirect(suggestion_url(page, suggestion))


def _suggestion_on(page, suggestion_id) -> Suggestion:
    suggestion = (
        Suggestion.objects.select_related("participant", "snapshot", "page")
        .filter(pk=suggestion_id, page_id=page.pk)
        .first()
    )
    if suggestion is None:
        raise Http404("No such suggestion on this document.")
    return suggestion


def _clause_of(page, suggestion):
    for clause in page.clauses:
        if clause.id == suggestion.clause_id:
            return clause
    return None


def _refused(request, page, suggestion, refusal):
    context = _context(request, page, _clause_of(page, suggestion), message=refusal.message)
    return TemplateResponse(
        request, "consultation/suggestions/refused.html", context, status=refusal.status
    )


def support(request, page, suggestion_id):
    """POST `action=support` or `action=take_back`."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    suggestion = _suggestion_on(page, suggestion_id)
    try:
        participant = participant_taking_part(request.user, page)
        # As votes are limited: supporting is as quick as answering a clause.
        if is_ratelimited(
            request,
            group="suggestion-support",
            key="user_or_ip",
            rate=settings.COPRODUCE_VOTE_RATE,
            method="POST",
            increment=True,
        ):
            raise SupportTooFast
        if request.POST.get("action") == "take_back":
            suggestion_support_take_back(participant=participant, suggestion=suggestion)
            messages.success(request, "You no longer support this suggestion.")
        else:
            suggestion_support(participant=participant, suggestion=suggestion)
            messages.success(request, "You support this suggestion.")
    except ConsultationError as refusal:
        return _refused(request, page, suggestion, refusal)
    return redirect(suggestion_url(page, suggestion))


def withdraw(request, page, suggestion_id):
    suggestion = _suggestion_on(page, suggestion_id)
    participant = participant_for(request.user)
    if participant is None or suggestion.participant_id != participant.pk:
        return _refused(
            request, page, suggestion, SuggestionRefused("Only its author can withdraw this.")
        )
    if request.method == "POST":
        try:
            suggestion_withdraw(participant=participant, suggestion=suggestion)
        except ConsultationError as refusal:
            return _refused(request, page, suggestion, refusal)
        messages.success(request, "Your suggestion is withdrawn.")
        return redirect(discussion_url(page, suggestion.clause_id))
    context = _context(request, page, _clause_of(page, suggestion), suggestion=suggestion)
    return TemplateResponse(request, "consultation/suggestions/withdraw.html", context)


def flag(request, page, suggestion_id):
    suggestion = _suggestion_on(page, suggestion_id)
    try:
        participant = contributing_participant(request.user)
    except ConsultationError as refusal:
        return _refused(request, page, suggestion, refusal)
    form = FlagForm(request.POST or None)
    form.fields["reason"].label = "What is wrong with this suggestion?"
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                suggestion_flag(
                    participant=participant,
                    suggestion=suggestion,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except AlreadyFlagged as already:
                messages.info(request, already.message)
                return redirect(suggestion_url(page, suggestion))
            except SuggestionRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, "Thank you. A moderator will look at this suggestion.")
                return redirect(discussion_url(page, suggestion.clause_id))
        status = 400
    context = _context(
        request, page, _clause_of(page, suggestion), suggestion=suggestion, form=form
    )
    return TemplateResponse(request, "consultation/suggestions/flag.html", context, status=status)
