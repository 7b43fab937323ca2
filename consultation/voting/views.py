"""Voting and results views, reached through GuidancePage routes (consultation/voting/routes.py)."""

import re

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django_ratelimit.decorators import ratelimit

from consultation.accounts.services import follow_offer_make
from consultation.caching.page_cache import page_cache_depends
from consultation.caching.personal import personal_layer_supported
from consultation.downloads import csv_download
from consultation.numbers import whole_number
from consultation.rounds import (
    ConsultationClosed,
    ConsultationError,
    NotAParticipant,
    participant_taking_part,
)
from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import Choice
from consultation.voting.panels import CONFIRMED_SESSION_KEY, VoteError, page_voting
from consultation.voting.results import results_summary
from consultation.voting.services import (
    NoProposition,
    VoteRejected,
    choice_parse,
    ensure_votable,
    vote_cast,
)

SHORT_ID = re.compile(r"^[0-9a-f]{8}$")


def problem(request, page, *, title, message, status, snapshot=None, sign_in=False):
    back = page.url + (f"#{snapshot.anchor}" if snapshot else "")
    context = {"page": page, "title": title, "message": message, "back": back}
    if sign_in:
        context["sign_in"] = reverse("account_login") + "?" + urlencode({"next": back})
    return TemplateResponse(request, "consultation/vote_problem.html", context, status=status)


def find_snapshot(page, short_id) -> ClauseSnapshot | None:
    if not SHORT_ID.match(short_id) or page.current_version is None:
        return None
    # Short ids are the first 8 hex digits of a UUID: the first group, before any dash.
    current = page.current_version
    snapshot = ClauseSnapshot.objects.filter(
        version=current, clause_id__startswith=short_id
    ).first()
    if snapshot is not None:
        # The version and its page are in hand: no join to read them again.
        snapshot.version = current
        current.page = page
    return snapshot


def vote_rate(group, request):
    return settings.COPRODUCE_VOTE_RATE


@ratelimit(key="user_or_ip", rate=vote_rate, method="POST", block=False)
def vote(request, page, short_id):
    snapshot = find_snapshot(page, short_id)
    if snapshot is None:
        return problem(
            request,
            page,
            title="Clause not found",
            message=(
                "We could not find that clause in the current version of this guidance. "
                "It may have been removed or renumbered in a newer version."
            ),
            status=404,
        )
    if request.method != "POST":
        return redirect(f"{page.url}#{snapshot.anchor}")
    try:
        participant = participant_taking_part(request.user, page)
        ensure_votable(snapshot)
    except ConsultationError as refusal:
        return _refused(request, page, refusal, snapshot)
    raw_choice = request.POST.get("choice")
    kept = _kept(raw_choice)
    if request.limited:
        return _rerender(
            request,
            page,
            VoteError(
                snapshot.clause_id,
                "You have sent a lot of answers in the last minute. Wait a minute, then send "
                "this answer again. It has not been saved yet.",
                kept,
            ),
            status=429,
        )
    try:
        vote_cast(
            participant=participant,
            clause_snapshot=snapshot,
            choice=raw_choice,
            seen_version=request.POST.get("version"),
        )
    except VoteRejected as rejection:
        return _rerender(request, page, VoteError(snapshot.clause_id, rejection.message, kept))
    except ConsultationError as refusal:
        return _refused(request, page, refusal, snapshot)
    request.session[CONFIRMED_SESSION_KEY] = snapshot.clause_id
    follow_offer_make(session=request.session, page=page)
    return redirect(f"{page.url}#{snapshot.anchor}")


def _refused(request, page, refusal: ConsultationError, snapshot):
    """A vote the rules refuse, on a page of its own: the one place the voting views turn a
    ConsultationError into a response (a VoteRejected re-renders the form instead)."""
    if isinstance(refusal, NotAParticipant):
        title = "Sign in to vote"
    elif isinstance(refusal, ConsultationClosed):
        title = "Voting has closed"
    elif isinstance(refusal, NoProposition):
        title = "Nothing to vote on"
    else:
        title = "Your answer was not recorded"
    message = refusal.message
    if isinstance(refusal, ConsultationClosed):
        message += " Your answer was not recorded."
    return problem(
        request,
        page,
        title=title,
        message=message,
        status=refusal.status,
        snapshot=snapshot,
        sign_in=isinstance(refusal, NotAParticipant) and not request.user.is_authenticated,
    )


def _kept(raw_choice) -> int | None:
    try:
        return choice_parse(raw_choice).value
    except VoteRejected:
        return None


def _rerender(request, page, error: VoteError, status=400):
    request.vote_error = error
    response = page.serve(request)
    response.status_code = status
    return response


def chosen_version(request, page):
    """The version asked for with ?version=N (the current one if absent), or None if unknown."""
    number = request.GET.get("version", "")
    if not number:
        return page.current_version
    number = whole_number(number)
    if number is None:
        return None
    return page.versions.filter(number=number).first()


def _version_not_found(request, page):
    return problem(
        request,
        page,
        title="Version not found",
        message="This guidance has no version with that number.",
        status=404,
    )


def results(request, page):
    version = chosen_version(request, page)
    if version is None and request.GET.get("version"):
        return _version_not_found(request, page)
    page_cache_depends(request)  # and the votes, when page_voting shows them
    # Each clause's row and section are {% personal %}: voting/fragments.py.
    personal_layer_supported(request)
    voting = page_voting(request, page, version=version)
    numbers = [n for n in page.versions.order_by("number").values_list("number", flat=True)]
    shown = [n for n in numbers if n <= version.number] if version else []
    return TemplateResponse(
        request,
        "consultation/guidance_results.html",
        {
            "page": page,
            "entries": list(voting.values()),
            "status": page.status(),
            "version": version,
            "versions": numbers,
            "summary_versions": shown,
            "summary": results_summary(voting.values(), shown),
            "is_current": version is None or version == page.current_version,
        },
    )


RESULTS_HEADER = (
    ["version", "clause", "heading", "proposition", "group", "votes"]
    + [f"{choice.label} (votes)" for choice in Choice]
    + ["% agree", "mark"]
)


def results_csv(request, page):
    version = chosen_version(request, page)
    if version is None:
        return _version_not_found(request, page)
    voting = page_voting(request, page, version=version)
    filename = f"{page.slug}-version-{version.number}-results.csv"
    return csv_download(filename, RESULTS_HEADER, _result_rows(voting))


def _result_rows(voting):
    """Each shown clause's overall row, then one per perspective; small groups say so."""
    for entry in voting.values():
        if entry.results is None:
            continue
        snapshot, result = entry.snapshot, entry.results.result
        head = [result.version_number, snapshot.number, snapshot.heading, snapshot.proposition]
        if result.too_few:
            yield head + ["All", "too few votes"] + [""] * len(Choice) + ["", ""]
        else:
            yield (
                head
                + ["All", result.total]
                + [answer.count for answer in result.answers]
                + [result.agree_percent, result.mark]
            )
        for group in result.groups:
            votes = "too few votes" if group.too_few else group.total
            agree = "" if group.too_few else group.agree_percent
            yield head + [group.label, votes] + [""] * len(Choice) + [agree, ""]
