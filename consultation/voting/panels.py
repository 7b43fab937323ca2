"""Each clause's vote panel on the guidance page (and the rows of the results page):
the participant's answer, the form's target, and the results they may see."""

from dataclasses import dataclass
from urllib.parse import quote

from django.urls import reverse

from consultation import rounds
from consultation.caching.page_cache import VOTES, page_cache_depends
from consultation.guidance.clauses import short_clause_id
from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import Choice, Vote
from consultation.voting.results import ClauseResults, page_results_stamped, results_hidden_reason

CONFIRMED_SESSION_KEY = "coproduce_vote_confirmed"


@dataclass
class VoteError:
    clause_id: str
    message: str
    kept_choice: int | None = None


@dataclass
class ClauseVoting:
    """Everything one clause's vote panel needs, worked out once for the whole page."""

    snapshot: ClauseSnapshot
    can_vote: bool  # may take part (rounds.can_contribute) in an open round, this version
    signed_in: bool
    is_open: bool
    answer: Choice | None
    results: ClauseResults | None
    results_hidden_reason: str
    version_number: int | None
    page: object  # with page_url, where the vote form posts (only worked out if shown)
    page_url: str
    sign_in_url: str = ""
    results_stamp: str = ""  # names the tallies the results were counted from
    results_html: str = ""  # the results panel, when guidance/rendering.py has it ready
    confirmed: bool = False
    error: VoteError | None = None

    @property
    def checked(self):
        if self.error and self.error.kept_choice is not None:
            return self.error.kept_choice
        return self.answer.value if self.answer else None

    @property
    def anchor(self) -> str:
        return self.snapshot.anchor

    @property
    def action(self) -> str:
        return vote_url(self.page, self.snapshot, self.page_url)

    @property
    def choices(self):
        return [(choice.value, choice.label) for choice in Choice]


def answers_of(participant, version) -> dict[str, Choice]:
    if participant is None or version is None:
        return {}
    return {
        clause_id: Choice(choice)
        for clause_id, choice in Vote.objects.by(participant)
        .for_version(version)
        .values_list("snapshot__clause_id", "choice")
    }


def page_voting(
    request, page, error: VoteError | None = None, version=None
) -> dict[str, ClauseVoting]:
    """{clause id: ClauseVoting} for the guidance page, in a fixed number of queries.

    `version` (default: the current one) chooses whose results are shown; votes are only
    ever cast on the current version.
    """
    user = request.user
    participant = rounds.participant_for(user)
    may_contribute = rounds.can_contribute(user)
    editor = rounds.is_editor(user, page)
    current = page.current_version
    answers = answers_of(participant, version or current) if may_contribute else {}
    if not results_hidden_reason(page, answered=False, editor=False):
        # Anonymous readers see the tallies, so a cached page of theirs shows votes.
        page_cache_depends(request, VOTES)
    stamp, results = page_results_stamped(page, version)
    is_open = rounds.is_open(page) and (version is None or version == current)
    confirmed = request.session.pop(CONFIRMED_SESSION_KEY, None) if user.is_authenticated else None
    page_url = page.get_url(request)
    # As the template's urlencode filter would write it.
    sign_in_url = f"{reverse('account_login')}?next={quote(page_url, safe='/')}"
    voting = {}
    for clause_results in sorted(results.values(), key=lambda r: r.snapshot.number):
        clause_id = clause_results.clause_id
        reason = results_hidden_reason(page, answered=clause_id in answers, editor=editor)
        voting[clause_id] = ClauseVoting(
            snapshot=clause_results.snapshot,
            can_vote=may_contribute and is_open,
            signed_in=user.is_authenticated,
            is_open=is_open,
            answer=answers.get(clause_id),
            results=None if reason else clause_results,
            results_hidden_reason=reason,
            version_number=current.number if current else None,
            page=page,
            page_url=page_url,
            sign_in_url=sign_in_url,
            results_stamp=stamp,
            confirmed=confirmed == clause_id,
            error=error if error and error.clause_id == clause_id else None,
        )
    return voting


def vote_url(page, snapshot, page_url=None) -> str:
    short_id = short_clause_id(snapshot.clause_id)
    return (page_url or page.url) + page.reverse_subpage("vote", args=[short_id])
