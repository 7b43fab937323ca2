"""Demo: the editors' responses on the main guidance, one of each outcome at least, some
addressed in version 3. Our own words; called from loader.load_demo()."""

from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import FeedbackResponse, Outcome
from consultation.feedback.services import response_record
from consultation.guidance.models import GuidancePage

RESPONSES = [
    (
        Outcome.ACCEPTED,
        "You were right that this was unclear. The clause now says who to go to and when.",
    ),
    (
        Outcome.PARTLY_ACCEPTED,
        "We took the first part of this on board. The second part depends on local "
        "contracts, so the guidance can only point to it.",
    ),
    (
        Outcome.NOT_ADOPTED,
        "We talked this through with the working group. Most felt it would make peer roles "
        "less distinct from clinical ones, so we kept the original wording.",
    ),
    (
        Outcome.OUT_OF_SCOPE,
        "This matters, but it is about pay scales, which this guidance does not set. We have "
        "passed it to the group reviewing job descriptions.",
    ),
    (Outcome.NOTED, "Thank you. We will come back to this when we review the training section."),
]


def load_demo_feedback(page: GuidancePage) -> None:
    if FeedbackResponse.objects.on_page(page).exists():
        return
    versions = {v.number: v for v in page.versions.all()}
    addressing = versions.get(3)
    threads = (
        GuidanceComment.objects.on_page(page)
        .visible()
        .top_level()
        .select_related("version")
        .order_by("version__number", "submit_date", "pk")
    )
    for index, comment in enumerate(threads):
        if comment.version.number >= max(versions):
            continue  # the current round is still being read
        outcome, rationale = RESPONSES[index % len(RESPONSES)]
        addressed = outcome in (Outcome.ACCEPTED, Outcome.PARTLY_ACCEPTED)
        response_record(
            editor=None,
            comment=comment,
            outcome=outcome,
            rationale=rationale,
            version=addressing if addressed and addressing else None,
            clause_ids=[comment.clause_id] if addressed and comment.clause_id else [],
        )
