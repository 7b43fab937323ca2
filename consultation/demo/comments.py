"""Demo discussions: threads on several clauses across the versions, one comment flagged
and waiting for a moderator, one withdrawn by its author. Written for Coproduce."""

from datetime import timedelta

from django.utils import timezone

from consultation.accounts.models import Participant
from consultation.demo import content
from consultation.discussion.models import CommentFlag, FlagReason, GuidanceComment
from consultation.discussion.services import comment_post
from consultation.guidance.models import GuidancePage

# Threads by round: (key, clause key or "" for the whole document, author, days ago, text,
# replies). A reply is (key, author, days ago, text, replies). The first round is about
# version 1, the middle round version 2, the current round the latest version.
FIRST_ROUND = [
    (
        "definition-mutual",
        "definition",
        "River",
        22,
        "I like that this starts with the relationship rather than a job description. "
        "What helped me most was someone who did not pretend to have the answers.",
        [
            (
                "definition-okafor",
                "Dr Okafor",
                21,
                "Agreed, though I would like the guidance to say how that mutuality survives "
                "inside a team where everyone else writes in the notes about patients.",
                [
                    (
                        "definition-river-2",
                        "River",
                        20,
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
        19,
        "As a service manager I need something concrete to put in a job description. "
        "Without a list of tasks, peer posts get filled with whatever nobody else has time for.",
        [
            (
                "scope-sam",
                "Sam P",
                18,
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
        17,
        "My son spent two years on a secure ward. The worker who reached him had been in "
        "prison, not in hospital. Shared background mattered as much as diagnosis.",
        [
            (
                "specialist-fox",
                "Quiet Fox",
                16,
                "Thank you for sharing this. I think the clause should leave room for that kind "
                "of match rather than require one fixed sort of experience.",
                [],
            )
        ],
    ),
    (
        "training-unpaid",
        "training",
        "Tutor Jay",
        15,
        "In the groups I teach, people often do the introductory course unpaid and in their "
        "own time before they are even offered a post. Please say training is paid work.",
        [],
    ),
]

MIDDLE_ROUND = [
    (
        "careers-bands",
        "careers",
        "Lee",
        10,
        "Band 3 for work that asks this much of people is hard to defend. The guidance "
        "should name a starting band, not just say pay should be fair.",
        [
            (
                "careers-ash",
                "Ash",
                9,
                "Commissioners will ask what the evidence is for a higher band. A short section "
                "on what the role demands would help people like me make that case.",
                [],
            )
        ],
    ),
    (
        "supervision-funded",
        "supervision",
        "Morgan",
        8,
        "Good to see that outside peer supervision now has to be paid for. Two years to grow "
        "our own supervisors feels tight for small teams, though.",
        [],
    ),
    (
        "document-summaries",
        "",
        "Tutor Jay",
        7,
        "The plain-language summaries under each clause are really useful for the groups I "
        "run. Please keep them in every version.",
        [],
    ),
]

CURRENT_ROUND = [
    (
        "specialist-reworded",
        "specialist",
        "Harbour",
        2,
        "Thank you for rewording this. 'Ask, rather than assume' is what we were hoping for.",
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


def load_demo_comments(page: GuidancePage) -> None:
    participants = {p.display_name: p for p in Participant.objects.all()}
    versions = list(page.versions.order_by("number"))
    # Clause keys follow the first draft's order; block ids are what stay stable.
    first_draft = versions[0].clauses.order_by("number").values_list("clause_id", flat=True)
    clause_ids = dict(zip(_clause_keys(), first_draft, strict=False))
    now = timezone.now()
    made: dict[str, GuidanceComment] = {}

    def post(version, key, clause_key, author, days_ago, text, replies, parent=None):
        comment = comment_post(
            participant=participants[author],
            page=page,
            clause_id=clause_ids.get(clause_key, ""),
            parent=parent,
            text=text,
        )
        GuidanceComment.objects.filter(pk=comment.pk).update(
            version=version, submit_date=now - timedelta(days=days_ago)
        )
        made[key] = comment
        for reply_key, reply_author, reply_days, reply_text, nested in replies:
            post(
                version,
                reply_key,
                clause_key,
                reply_author,
                reply_days,
                reply_text,
                nested,
                comment,
            )

    rounds = [(versions[0], FIRST_ROUND), (versions[len(versions) // 2], MIDDLE_ROUND)]
    rounds.append((versions[-1], CURRENT_ROUND))
    for version, threads in rounds:
        for thread in threads:
            post(version, *thread)

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
