"""The demo guidance's history: two revised versions after the first draft.

Written for Coproduce. Each revision edits the page's StreamField in place, keeping every
surviving clause's block id, then publishes, exactly as an editor would in the admin, so
the versions, the comparisons and the per-clause notes come from the real code path.
"""

import uuid
from datetime import timedelta

from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from consultation.demo import content
from consultation.versions.models import GuidanceVersion

# Days before "now" at which each version is shown as published: 1, 2, 3.
PUBLISHED_DAYS_AGO = (24, 12, 3)

WELLBEING = {
    "heading": "Wellbeing, sickness and reasonable adjustments",
    "body": (
        "<p>Peer workers bring their own experience of mental health challenges to work, "
        "and some will have times when they are unwell. That is expected, and it should "
        "never be treated as a failure of the role.</p>"
        "<p>Every peer worker should be offered a wellbeing plan, agreed with their "
        "manager, that says what helps, what the early signs of difficulty are and what "
        "adjustments can be made. Sickness policies should allow a phased return, and "
        "time off for appointments should not count against anyone.</p>"
    ),
    "proposition": (
        "Every peer support worker should be offered a written wellbeing plan and flexible "
        "sickness arrangements from their first day."
    ),
    "plain_summary": "Being unwell sometimes is part of life, and the job should allow for it.",
}

REVISIONS = [
    {
        "change_summary": (
            "Training is now paid and takes place in working time, and supervision from "
            "outside the organisation must be funded. A new clause on wellbeing and "
            "reasonable adjustments was added, because many of you said it was missing."
        ),
        "order": [
            "definition",
            "professionals",
            "scope",
            "training",
            "competencies",
            "specialist",
            "supervision",
            "careers",
            "boundaries",
            "wellbeing",
            "readiness",
            "community",
            "review",
        ],
        "edits": {
            "training": {
                "body": (
                    "<p>Every peer support worker should complete introductory training "
                    "before working alone with people who use the service. The training is "
                    "paid, happens in working time and covers the values of peer support, "
                    "sharing your own story safely and helpfully, listening, boundaries, "
                    "safeguarding, and looking after your own wellbeing.</p>"
                    "<p>Training should be designed and delivered with experienced peer "
                    "workers. A national standard for its content, checked by a shared "
                    "quality review, would let training taken in one organisation count in "
                    "another.</p>"
                ),
            },
            "supervision": {
                "body": (
                    "<p>Peer workers should have regular supervision that understands and "
                    "protects the peer approach, alongside the line management everyone in "
                    "the team receives. Without it, peer workers can drift into the habits "
                    "of the service around them.</p>"
                    "<p>Where possible, supervision should be provided by an experienced "
                    "peer worker. Where that is not yet possible, organisations should pay "
                    "for peer supervision from outside, and train their own peer "
                    "supervisors within two years.</p>"
                ),
                "proposition": (
                    "Peer support workers should receive supervision from an experienced "
                    "peer worker, paid for by the organisation when it comes from outside."
                ),
            },
        },
        "new": {"wellbeing": WELLBEING},
    },
    {
        "change_summary": (
            "The clause on professionals with lived experience is now part of the "
            "definition, so the difference is explained in one place. Getting the "
            "organisation ready moved to the start, before anything about recruitment. "
            "The clause on specialist settings was reworded after comments from people "
            "who have used forensic services."
        ),
        "order": [
            "definition",
            "readiness",
            "scope",
            "training",
            "competencies",
            "specialist",
            "supervision",
            "careers",
            "boundaries",
            "wellbeing",
            "community",
            "review",
        ],
        "edits": {
            "definition": {
                "body": (
                    "<p>Peer support is help offered by someone who has lived through mental "
                    "health challenges of their own, to someone going through something "
                    "similar. Its strength is the relationship: two people learning from "
                    "each other, neither holding the answers for the other.</p>"
                    "<p>In this guidance, a <b>peer support worker</b> is a paid member of "
                    "staff whose job is to use that experience on purpose. Their own "
                    "experience is the main thing they draw on, not a professional "
                    "qualification.</p>"
                    "<p>Nurses, doctors, therapists and other professionals may also have "
                    "lived experience, and may choose to use it. Their posts still carry "
                    "the duties of their profession, so they are not peer support posts "
                    "and should not be counted as such.</p>"
                ),
            },
            "readiness": {
                "heading": "Before recruiting: getting the organisation ready",
            },
            "specialist": {
                "body": (
                    "<p>Forensic services, acute inpatient wards, services for children and "
                    "young people, and services for older people each raise the question of "
                    "how close the shared experience needs to be.</p>"
                    "<p>Shared experience of mental health challenges is the core "
                    "requirement. Services may also look for experience of a particular "
                    "setting, or a shared cultural background, when the people they support "
                    "tell them it matters; they should ask, rather than assume.</p>"
                ),
                "plain_summary": (
                    "You do not have to have been on a secure ward to be a peer worker on "
                    "one, but it can help."
                ),
            },
        },
        "new": {},
    },
]


def publish_history(page, *, now, before_version_3=None) -> None:
    """Publish versions 2 and 3 of the main demo guidance, then date all three.
    `before_version_3(page, edits)` runs while version 2 is current (suggested wording)."""
    ids = {key: child.id for (key, *_), child in zip(content.MAIN_CLAUSES, page.body, strict=True)}
    for number, revision in enumerate(REVISIONS, start=2):
        if number == 3 and before_version_3 is not None:
            before_version_3(page, revision["edits"])
            page.refresh_from_db()
        values = {child.id: dict(child.value) for child in page.body}
        for key in revision["new"]:
            ids[key] = str(uuid.uuid4())
            values[ids[key]] = {}
        stream = []
        for key in revision["order"]:
            value = values[ids[key]]
            value.update(revision["new"].get(key, {}))
            value.update(revision["edits"].get(key, {}))
            value["body"] = _rich_text(value["body"])
            stream.append(("clause", value, ids[key]))
        page.body = StreamValue(page.body.stream_block, stream)
        page.change_summary = revision["change_summary"]
        page.save_revision().publish()
        page.refresh_from_db()

    for number, days_ago in enumerate(PUBLISHED_DAYS_AGO, start=1):
        GuidanceVersion.objects.filter(page=page, number=number).update(
            published_at=now - timedelta(days=days_ago)
        )


def _rich_text(value):
    return value if isinstance(value, RichText) else RichText(value)
