"""Demo: the editors' responses on the main guidance, one of each outcome at least, some
addressed in version 3, one waiting for the next version; themes (one public) and a thread
marked for review. Our own words; called from loader.load_demo()."""

from django.db.models import Q

from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import FeedbackResponse, Outcome
from consultation.feedback.services import response_record
from consultation.feedback.themes import comments_tag, theme_publish, threads_mark_for_review
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
    current_round = []
    for index, comment in enumerate(threads):
        if comment.version.number >= max(versions):
            current_round.append(comment)
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
    if current_round:
        # Already taken into the draft: linked to the next version when it is published.
        response_record(
            editor=None,
            comment=current_round[0],
            outcome=Outcome.ACCEPTED,
            rationale="We are adding this to the next version: the draft now says it plainly.",
            clause_ids=[current_round[0].clause_id] if current_round[0].clause_id else [],
            next_version=True,
        )
        threads_mark_for_review(editor=None, page=page, comment_ids=[current_round[-1].pk])
    load_demo_themes(page, threads)


THEMES = [
    # (name, words that put a thread in it, made public)
    ("Supervision and support for peer workers", ("supervis",), True),
    ("Training time", ("training",), False),
    ("Keeping boundaries", ("boundar",), False),
]


def load_demo_themes(page: GuidancePage, threads) -> None:
    for name, words, public in THEMES:
        matching = Q()
        for word in words:
            matching |= Q(comment__icontains=word)
        ids = list(threads.filter(matching).values_list("pk", flat=True))
        if ids:
            theme, _ = comments_tag(editor=None, page=page, comment_ids=ids, name=name)
            theme_publish(theme=theme, public=public)
