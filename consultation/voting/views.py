"""Voting and results views, reached through GuidancePage routes (consultation/voting/routes.py)."""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django_ratelimit.decorators import ratelimit

from consultation.caching.page_cache import VOTES, page_cache_depends
from consultation.guidance.clauses import short_clause_id
from consultation.rounds import (
    ConsultationClosed,
    NotAParticipant,
    contributing_participant,
    has_verified_email,
    participant_for,
)
from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import Choice, ResultsVisibility, Vote
from consultation.voting.results import ClauseResults, page_results_stamped
from consultation.voting.services import (
    NotCurrentVersion,
    VoteRejected,
    choice_parse,
    vote_cast,
)

CONFIRMED_SESSION_KEY = "coproduce_vote_confirmed"
SHORT_ID = re.compile(r"^[0-9a-f]{8}$")


@dataclass
class VoteError:
    clause_id: str
    message: str
    kept_choice: int | None = None


@dataclass
class ClauseVoting:
    """Everything one clause's vote panel needs, worked out once for the whole page."""

    snapshot: ClauseSnapshot
    can_vote: bool
    signed_in: bool
    verified: bool
    is_open: bool
    answer: Choice | None
    results: ClauseResults | None
    results_hidden_reason: str
    action: str
    version_number: int | None
    sign_in_url: str = ""
    results_stamp: str = ""  # names the tallies the results were counted from
    results_html: str = ""  # the results panel, when clause_rendering has it ready
    confirmed: bool = False
    error: VoteError | None = None

    @property
    def checked(self):
        if self.error and self.error.kept_choice is not None:
            return self.error.kept_choice
        return self.answer.value if self.answer else None

    @property
    def anchor(self) -> str:
        return anchor(self.snapshot)

    @property
    def choices(self):
        return [(choice.value, choice.label) for choice in Choice]


def is_editor(user, page) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or page.permissions_for_user(user).can_publish()


def answers_of(participant, version) -> dict[str, Choice]:
    if participant is None or version is None:
        return {}
    return {
        clause_id: Choice(choice)
        for clause_id, choice in Vote.objects.by(participant)
        .for_version(version)
        .values_list("snapshot__clause_id", "choice")
    }


def hidden_reason(page, user, answered: bool, editor: bool) -> str:
    """Why results are not shown yet, or "" when they may be."""
    if editor or not page.is_open_for_feedback():
        return ""
    if page.results_visibility == ResultsVisibility.ALWAYS:
        return ""
    if page.results_visibility == ResultsVisibility.AFTER_VOTING:
        if answered:
            return ""
        return "Results for this clause appear once you have given your answer."
    return "Results appear when the consultation closes."


def page_voting(
    request, page, error: VoteError | None = None, version=None
) -> dict[str, ClauseVoting]:
    """{clause id: ClauseVoting} for the guidance page, in a fixed number of queries.

    `version` (default: the current one) chooses whose results are shown; votes are only
    ever cast on the current version.
    """
    user = request.user
    participant = participant_for(user)
    verified = participant is not None and has_verified_email(user)
    editor = is_editor(user, page)
    current = page.current_version
    answers = answers_of(participant, version or current) if verified else {}
    if not hidden_reason(page, AnonymousUser(), False, False):
        # Anonymous readers see the tallies, so a cached page of theirs shows votes.
        page_cache_depends(request, VOTES)
    stamp, results = page_results_stamped(page, version)
    is_open = page.is_open_for_feedback() and (version is None or version == current)
    confirmed = request.session.pop(CONFIRMED_SESSION_KEY, None) if user.is_authenticated else None
    page_url = page.get_url(request)
    # As the template's urlencode filter would write it.
    sign_in_url = f"{reverse('account_login')}?next={quote(page_url, safe='/')}"
    voting = {}
    for clause_results in sorted(results.values(), key=lambda r: r.snapshot.number):
        clause_id = clause_results.clause_id
        reason = hidden_reason(page, user, clause_id in answers, editor)
        voting[clause_id] = ClauseVoting(
            snapshot=clause_results.snapshot,
            can_vote=verified and is_open,
            signed_in=user.is_authenticated,
            verified=verified,
            is_open=is_open,
            answer=answers.get(clause_id),
            results=None if reason else clause_results,
            results_hidden_reason=reason,
            action=vote_url(page, clause_results.snapshot, page_url),
            version_number=current.number if current else None,
            sign_in_url=sign_in_url,
            results_stamp=stamp,
            confirmed=confirmed == clause_id,
            error=error if error and error.clause_id == clause_id else None,
        )
    return voting


def vote_url(page, snapshot, page_url=None) -> str:
    return f"{page_url or page.url}clauses/{short_clause_id(snapshot.clause_id)}/vote/"


def anchor(snapshot) -> str:
    return f"clause-{short_clause_id(snapshot.clause_id)}"


def problem(request, page, *, title, message, status, snapshot=None, sign_in=False):
    back = page.url + (f"#{anchor(snapshot)}" if snapshot else "")
    context = {"page": page, "title": title, "message": message, "back": back}
    if sign_in:
        context["sign_in"] = reverse("account_login") + "?" + urlencode({"next": back})
    return TemplateResponse(request, "consultation/vote_problem.html", context, status=status)


def find_snapshot(page, short_id) -> ClauseSnapshot | None:
    if not SHORT_ID.match(short_id) or page.current_version is None:
        return None
    # Short ids are the first 8 hex digits of a UUID: the first group, before any dash.
    return (
        ClauseSnapshot.objects.filter(version=page.current_version, clause_id__startswith=short_id)
        .select_related("version__page")
        .first()
    )


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
        return redirect(f"{page.url}#{anchor(snapshot)}")
    try:
        participant = contributing_participant(request.user)
    except NotAParticipant as refusal:
        return problem(
            request,
            page,
            title="Sign in to vote",
            message=str(refusal),
            status=403,
            snapshot=snapshot,
            sign_in=not request.user.is_authenticated,
        )
    if not page.is_open_for_feedback():
        return problem(
            request,
            page,
            title="Voting has closed",
            message=str(ConsultationClosed(page)) + " Your answer was not recorded.",
            status=403,
            snapshot=snapshot,
        )
    if not snapshot.proposition:
        return problem(
            request,
            page,
            title="Nothing to vote on",
            message="This clause has no proposition to vote on, so no answer was recorded.",
            status=400,
            snapshot=snapshot,
        )
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
        if raw_choice in (None, ""):
            raise VoteRejected("Choose an answer before sending it.")
        posted_version = request.POST.get("version")
        if posted_version and posted_version != str(snapshot.version.number):
            raise NotCurrentVersion(
                "A newer version of this guidance has been published since you opened the "
                "page. Read the clause again and choose your answer."
            )
        choice = choice_parse(raw_choice)
        vote_cast(participant=participant, clause_snapshot=snapshot, choice=choice)
    except ConsultationClosed as refusal:
        return problem(request, page, title="Voting has closed", message=str(refusal), status=403)
    except VoteRejected as rejection:
        return _rerender(request, page, VoteError(snapshot.clause_id, str(rejection), kept))
    request.session[CONFIRMED_SESSION_KEY] = snapshot.clause_id
    return redirect(f"{page.url}#{anchor(snapshot)}")


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
