"""Demo: suggested wording on the main guidance, in each state, made through the same
services participants and editors use. One suggestion is accepted into the draft before
version 3 is published, so version 3's history credits its author. Our own words; called
from loader.load_demo() and, for version 3, from versions.publish_history()."""

from datetime import timedelta

from django.utils import timezone

from consultation.accounts.models import Participant
from consultation.demo import content
from consultation.feedback.models import Outcome
from consultation.suggestions.models import Suggestion
from consultation.suggestions.moderation import suggestion_flag
from consultation.suggestions.services import (
    suggestion_accept_into_draft,
    suggestion_make,
    suggestion_respond,
    suggestion_support,
    suggestion_withdraw,
)
from consultation.suggestions.text import blocks_from_rich_text, blocks_parse
from consultation.versions.models import ClauseSnapshot


def _people() -> dict[str, Participant]:
    return {
        p.display_name: p
        for p in Participant.objects.filter(user__email__endswith=f"@{content.DEMO_EMAIL_DOMAIN}")
    }


def _clause_ids(page) -> dict[str, str]:
    """Clause keys of content.MAIN_CLAUSES to their stable ids, read from version 1."""
    first = ClauseSnapshot.objects.filter(version__page=page, version__number=1).order_by("number")
    return {key: s.clause_id for (key, *_), s in zip(content.MAIN_CLAUSES, first, strict=False)}


def _support(suggestion, people, names):
    for name in names:
        suggestion_support(participant=people[name], suggestion=suggestion)


def before_version_3(page, version_3_edits: dict) -> None:
    """Harbour suggests the new wording of the clause on specialist settings while version 2
    is open; the editors accept it into the draft, and version 3 publishes it."""
    people = _people()
    if not people:
        return
    clause_id = _clause_ids(page)["specialist"]
    suggestion = suggestion_make(
        participant=people["Harbour"],
        page=page,
        clause_id=clause_id,
        blocks=blocks_from_rich_text(version_3_edits["specialist"]["body"]),
        proposition="",
        reason=(
            "My son was on a secure ward. What helped was someone who had been unwell and "
            "who listened, not someone who had been on the same ward. Ask people what "
            "matters to them instead of deciding for them."
        ),
        credit_author=True,
    )
    _support(suggestion, people, ["Sam P", "River", "Morgan", "Lee", "Dr Okafor"])
    suggestion_accept_into_draft(
        editor=None,
        suggestion=suggestion,
        rationale=(
            "This says more clearly what we meant: shared experience is the core, and "
            "services should ask rather than assume. We took the wording as written."
        ),
    )
    Suggestion.objects.filter(pk=suggestion.pk).update(
        created_at=timezone.now() - timedelta(days=6)
    )


def _text(page, clause_id: str, change) -> list:
    """The clause's current wording as blocks, changed by `change` (plain text in, out)."""
    body = next(c.body for c in page.clauses if c.id == clause_id)
    paragraphs = [b.text for b in blocks_from_rich_text(body)]
    return blocks_parse(change("\n\n".join(paragraphs)))


def load_demo_suggestions(page) -> None:
    """Suggestions on version 3, the current round: open, answered, withdrawn and held."""
    if Suggestion.objects.on_page(page).filter(snapshot__version__number=3).exists():
        return
    people = _people()
    ids = _clause_ids(page)

    def suggest(name, key, change, reason, *, credit=True):
        return suggestion_make(
            participant=people[name],
            page=page,
            clause_id=ids[key],
            blocks=_text(page, ids[key], change),
            proposition="",
            reason=reason,
            credit_author=credit,
        )

    training = suggest(
        "River",
        "training",
        lambda text: text + "\n\n- Refresher training every year\n- Time to practise with a mentor",
        "One course at the start is not enough. People forget, and services change.",
    )
    _support(training, people, ["Sam P", "Morgan", "Harbour", "Lee"])

    careers = suggest(
        "Quiet Fox",
        "careers",
        lambda text: (
            text + "\n\nA peer worker should be able to move into a senior peer role "
            "without leaving the peer approach behind."
        ),
        "Too many people I know left peer work because the only promotion was into another job.",
        credit=False,
    )
    _support(careers, people, ["River", "Wren"])

    competencies = suggest(
        "Tutor Jay",
        "competencies",
        lambda text: text.replace("should", "must", 1),
        "“Should” lets organisations skip this. It needs to be a firm expectation.",
    )
    _support(competencies, people, ["Ash"])
    suggestion_respond(
        editor=None,
        suggestion=competencies,
        outcome=Outcome.PARTLY_ACCEPTED,
        rationale=(
            "We agree the expectation needs to be firmer. National guidance cannot make it "
            "a legal duty, so the next version will say “are expected to” instead."
        ),
    )

    scope = suggest(
        "Wren",
        "scope",
        lambda text: text + "\n\nVolunteers doing peer support should be covered too.",
        "Many small charities rely on volunteers. They need the same protection.",
    )
    suggestion_respond(
        editor=None,
        suggestion=scope,
        outcome=Outcome.NOT_ADOPTED,
        rationale=(
            "Volunteer peer support matters, but it works differently from paid roles. "
            "We will cover it in its own guidance rather than stretch this one."
        ),
    )

    community = suggest(
        "Lee",
        "community",
        lambda text: text + "\n\nLocal groups should be paid for their time.",
        "Groups are asked to help for free again and again.",
    )
    suggestion_withdraw(participant=people["Lee"], suggestion=community)

    review = suggest(
        "Ash",
        "review",
        lambda text: text + "\n\nThe review should be run by an outside body.",
        "Organisations should not mark their own homework.",
    )
    for name in ("River", "Sam P", "Morgan"):
        suggestion_flag(participant=people[name], suggestion=review, reason="other")
