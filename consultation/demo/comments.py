"""Demo discussions: threads on several clauses across two versions, one comment flagged
and waiting for a moderator, one withdrawn by its author. Written for Coproduce."""

from datetime import timedelta

from django.utils import timezone

from consultation.demo import content
from consultation.models import (
    CommentFlag,
    FlagReason,
    GuidanceComment,
    GuidancePage,
    Participant,
)
from consultation.services.comments import comment_post

# (key, clause key or "" for the whole document, author, days ago, text, replies)
# Each reply is (key, author, days ago, text, replies). Threads marked with an older
# round are moved onto version 1 once version 2 exists.
FIRST_ROUND = [
    (
        "definition-mutual",
        "definition",
        "River",
        20,
        "I like that this starts with the relationship rather than a job description. "
        "What helped me most was someone who did not pretend to have the answers.",
        [
            (
                "definition-okafor",
                "Dr Okafor",
                19,
                "Agreed, though I would like the guidance to say how that mutuality survives "
                "inside a team where everyone else writes in the notes about patients.",
                [
                    (
                        "definition-river-2",
                        "River",
                        18,
                        "That is exactly the tension. Maybe a line about peer workers choosing "
                        "what they record, and why?",
                        [],
                    )
                ],
            )
        ],
    ),
    (
        "scope-list",
        "scope",
        "Wren",
        17,
        "As a service manager I need something concrete to put in a job description. "
        "Without a list of tasks, peer posts get filled with whatever nobody else has time for.",
        [
            (
                "scope-sam",
                "Sam P",
                16,
                "I have seen the opposite happen too: a fixed list turned peer workers into "
                "escorts and tea-makers. Could the guidance give example tasks and say plainly "
                "that the way they are done is what makes them peer work?",
                [],
            )
        ],
    ),
    (
        "specialist-forensic",
        "specialist",
        "Harbour",
        15,
        "My son spent two years on a secure ward. The worker who reached him had been in "
        "prison, not in hospital. Shared background mattered as much as diagnosis.",
        [
            (
                "specialist-fox",
                "Quiet Fox",
                14,
                "Thank you for sharing this. I think the clause should leave room for that kind "
                "of match rather than require one fixed sort of experience.",
                [],
            )
        ],
    ),
    (
        "careers-bands",
        "careers",
        "Lee",
        12,
        "Band 3 for work that asks this much of people is hard to defend. The guidance "
        "should name a starting band, not just say pay should be fair.",
        [
            (
                "careers-ash",
                "Ash",
                11,
                "Commissioners will ask what the evidence is for a higher band. A short section "
                "on what the role demands would help people like me make that case.",
                [],
            )
        ],
    ),
    (
        "document-summaries",
        "",
        "Tutor Jay",
        13,
        "The plain-language summaries under each clause are really useful for the groups I "
        "run. Please keep them in every version.",
        [],
    ),
]

CURRENT_ROUND = [
    (
        "scope-v2",
        "scope",
        "Morgan",
        3,
        "The new paragraph with example tasks reads much better. It is what we asked for "
        "in the first round, thank you.",
        [],
    ),
    (
        "boundaries-named",
        "boundaries",
        "Ash",
        2,
        "On our ward the manager, who everyone knows, still asks peer workers to help with "
        "restraint. That has to stop, and this clause should say so outright.",
        [],
    ),
    (
        "supervision-withdrawn",
        "supervision",
        "Lee",
        2,
        "I wrote something here about my own supervisor that I should not have shared.",
        [
            (
                "supervision-morgan",
                "Morgan",
                1,
                "Peer supervision from someone who has done the job made all the difference "
                "for me. I hope that stays in.",
                [],
            )
        ],
    ),
]

SCOPE_ADDITION = (
    "<p>Examples of tasks include: planning a discharge together, going along to a first "
    "appointment, running a recovery group, and speaking up in team meetings about what "
    "people using the service have said. What makes each of them peer work is the way it is "
    "done: as an equal, drawing on shared experience.</p>"
)


def load_demo_comments(page: GuidancePage) -> None:
    participants = {p.display_name: p for p in Participant.objects.all()}
    clauses = {key: clause for key, clause in zip(_clause_keys(), page.clauses, strict=False)}
    now = timezone.now()
    made: dict[str, GuidanceComment] = {}

    def post(key, clause_key, author, days_ago, text, replies, parent=None):
        clause = clauses.get(clause_key)
        comment = comment_post(
            participant=participants[author],
            page=page,
            clause_id=clause.id if clause else "",
            parent=parent,
            text=text,
        )
        GuidanceComment.objects.filter(pk=comment.pk).update(
            submit_date=now - timedelta(days=days_ago)
        )
        made[key] = comment
        for reply_key, reply_author, reply_days, reply_text, nested in replies:
            post(reply_key, clause_key, reply_author, reply_days, reply_text, nested, comment)

    for key, clause_key, author, days_ago, text, replies in FIRST_ROUND:
        post(key, clause_key, author, days_ago, text, replies)
    first_version = page.current_version
    page = _publish_second_version(page)
    first_round_ids = [c.pk for c in made.values()]
    if first_version is not None and page.current_version != first_version:
        GuidanceComment.objects.filter(pk__in=first_round_ids).update(version=first_version)
    for key, clause_key, author, days_ago, text, replies in CURRENT_ROUND:
        post(key, clause_key, author, days_ago, text, replies)

    CommentFlag.objects.create(
        comment=made["boundaries-named"],
        participant=participants["Harbour"],
        reason=FlagReason.PERSONAL_INFORMATION,
        note="It could identify a ward manager. The point itself is a good one.",
    )
    GuidanceComment.objects.filter(pk=made["supervision-withdrawn"].pk).update(
        is_withdrawn=True, withdrawn_at=now - timedelta(days=1), comment=""
    )


def _clause_keys() -> list[str]:
    return [clause[0] for clause in content.MAIN_CLAUSES]


def _publish_second_version(page: GuidancePage) -> GuidancePage:
    """Revise the scope clause after the first round, unless the demo already has more
    than one version (another part of the demo may publish its own)."""
    if page.versions.count() > 1:
        return page
    raw = page.body.raw_data
    scope = _clause_keys().index("scope")
    raw[scope]["value"]["body"] += SCOPE_ADDITION
    page.body = raw
    page.change_summary = (
        "Clause 3 now gives example tasks, as many of you asked in the first round, while "
        "keeping the point that peer work is defined by how it is done."
    )
    page.save_revision().publish()
    return GuidancePage.objects.get(pk=page.pk)
