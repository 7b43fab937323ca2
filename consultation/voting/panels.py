"""Each clause's vote panel on the guidance page (and the rows of the results page):
the participant's answer, the form's target, and the results they may see."""

from dataclasses import dataclass
from urllib.parse import quote

from django.urls import reverse

from consultation import rounds
from consultation.caching.page_cache import VOTES, page_cache_depends
from consultation.guidance.clauses import clause_anchor, short_clause_id
from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import Choice, Vote
from consultation.voting.results import ClauseResults, page_results_stamped, results_hidden_reason

CONFIRMED_SESSION_KEY = "coproduce_vote_confirmed"


@dataclass
class VoteError:
    clause_id: str
    message: str
    kept_choice: int | None = None


@dataclass(frozen=True)
class EarlierAnswer:
    """A participant's answer on an earlier wording of a clause that has changed since."""

    choice: Choice
    version_number: int
    changes_url: str  # the comparison from that version to the current one, at the clause

    @property
    def label(self):
        return self.choice.label


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
    carried_from: int | None = None  # the answer was given in this version, still counted
    earlier: EarlierAnswer | None = None  # the clause changed since this answer

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


def answers_of(participant, version) -> dict[str, tuple[Choice, int | None]]:
    """{clause id: (answer, version it was carried from or None)} in `version`."""
    if participant is None or version is None:
        return {}
    return {
        clause_id: (Choice(choice), carried_from)
        for clause_id, choice, carried_from in Vote.objects.by(participant)
        .for_version(version)
        .values_list("snapshot__clause_id", "choice", "carried_from")
    }


def earlier_answers(participant, page, version, *, page_url, skip) -> dict[str, EarlierAnswer]:
    """{clause id: the participant's latest answer before `version`} for clauses they have
    not answered in `version`: the clause changed, so their vote was not carried."""
    if participant is None or version is None or version.number == 1:
        return {}
    rows = (
        Vote.objects.by(participant)
        .filter(snapshot__version__page=page, snapshot__version__number__lt=version.number)
        .order_by("snapshot__version__number")
        .values_list("snapshot__clause_id", "choice", "snapshot__version__number")
    )
    latest = {clause_id: (choice, number) for clause_id, choice, number in rows}
    return {
        clause_id: EarlierAnswer(
            Choice(choice),
            number,
            page_url
            + page.reverse_subpage("compare", args=[number, version.number])
            + f"#{clause_anchor(clause_id)}",
        )
        for clause_id, (choice, number) in latest.items()
        if clause_id not in skip
    }


def page_voting(
    request, page, error: VoteError | None = None, version=None, page_url: str | None = None
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
    shown = version or current
    answers = answers_of(participant, shown) if may_contribute else {}
    page_url = page_url or page.get_url(request)
    is_current = version is None or version == current
    earlier = (
        earlier_answers(participant, page, current, page_url=page_url, skip=answers)
        if may_contribute and is_current
        else {}
    )
    if not results_hidden_reason(page, answered=False, editor=False, version=shown):
        # Anonymous readers see the tallies, so a cached page of theirs shows votes.
        page_cache_depends(request, VOTES)
    stamp, results = page_results_stamped(page, version)
    is_open = rounds.is_open(page) and is_current
    confirmed = request.session.pop(CONFIRMED_SESSION_KEY, None) if user.is_authenticated else None
    # As the template's urlencode filter would write it.
    sign_in_url = f"{reverse('account_login')}?next={quote(page_url, safe='/')}"
    voting = {}
    for clause_results in sorted(results.values(), key=lambda r: r.snapshot.number):
        clause_id = clause_results.clause_id
        reason = results_hidden_reason(
            page, answered=clause_id in answers, editor=editor, version=shown
        )
        answer, carried_from = answers.get(clause_id, (None, None))
        voting[clause_id] = ClauseVoting(
            snapshot=clause_results.snapshot,
            can_vote=may_contribute and is_open,
            signed_in=user.is_authenticated,
            is_open=is_open,
            answer=answer,
            carried_from=carried_from,
            earlier=earlier.get(clause_id),
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
