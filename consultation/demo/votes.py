"""Demo votes: pseudonymous voters across perspectives, on version 1 and the current version.

Distributions are fixed (no randomness), so every load gives the same results: one clause
with consensus, one contested between perspectives, and one whose support rose after it
was revised. Votes are written directly: vote_cast, rightly, only accepts votes on the
current version of an open round.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from consultation.accounts.models import Participant, Perspective, perspectives_join
from consultation.demo import content
from consultation.demo.content import DEMO_EMAIL_DOMAIN
from consultation.guidance.models import GuidancePage
from consultation.voting.models import Choice, Vote
from consultation.voting.results import tallies_invalidate
from consultation.voting.services import votes_carry_over

P = Perspective
VOTER_NAMES = [
    "Alder", "Bramble", "Cedar", "Dunlin", "Elder", "Fern", "Gorse", "Hazel", "Ivy", "Juniper",
    "Kestrel", "Linnet", "Moss", "Nettle", "Oriel", "Plover", "Quill", "Rowan", "Sorrel", "Teal",
]  # fmt: skip
# How many of the demo voters hold each perspective. Trainers, commissioners and those who
# prefer not to say stay under the minimum group size, so "too few votes" shows too.
VOTER_PERSPECTIVES = [
    (P.LIVED_EXPERIENCE, 12),
    (P.PEER_WORKER, 12),
    (P.CARER, 8),
    (P.CLINICIAN, 10),
    (P.EMPLOYER, 8),
    (P.TRAINER, 4),
    (P.COMMISSIONER, 3),
    ("", 3),
]
# Every other peer worker also has lived experience, and every other carer is a clinician:
# people can hold several perspectives, and their votes count in each.
ALSO_HOLDS = {P.PEER_WORKER: P.LIVED_EXPERIENCE, P.CARER: P.CLINICIAN}
# Weights for strongly agree, agree, neither, disagree, strongly disagree.
MOSTLY_AGREE = (3, 4, 2, 1, 0)
SPLIT = (2, 3, 2, 2, 1)
CONSENSUS_CLAUSE = "training"
CONTESTED_CLAUSE = "boundaries"
REVISED_CLAUSE = "supervision"
REVISED_PROPOSITION = (
    "Peer support workers should have regular supervision from an experienced peer worker, "
    "alongside the line management every member of staff receives."
)
REVISION_NOTE = (
    "Clause 7 now says that peer supervision sits alongside ordinary line management. "
    "Employers and clinicians asked how the two fit together; peer workers asked that "
    "peer supervision not be traded away for it."
)
PROFILES = {
    # clause key: {version: {perspective: weights}}, "*" for everyone else.
    CONSENSUS_CLAUSE: {"*": {"*": (6, 3, 1, 0, 0)}},
    CONTESTED_CLAUSE: {
        "*": {
            P.LIVED_EXPERIENCE: (7, 2, 1, 0, 0),
            P.PEER_WORKER: (6, 3, 0, 1, 0),
            P.CARER: (3, 3, 2, 1, 1),
            P.CLINICIAN: (1, 2, 2, 3, 2),
            P.EMPLOYER: (0, 2, 2, 4, 2),
            "*": SPLIT,
        }
    },
    REVISED_CLAUSE: {
        1: {P.EMPLOYER: (0, 2, 3, 3, 2), P.CLINICIAN: (1, 2, 3, 3, 1), "*": SPLIT},
        "*": {P.EMPLOYER: (3, 4, 2, 1, 0), "*": (5, 4, 1, 0, 0)},
    },
    "professionals": {"*": {P.CLINICIAN: (2, 4, 2, 1, 1), "*": MOSTLY_AGREE}},
    "careers": {"*": {P.EMPLOYER: (2, 4, 2, 2, 0), P.COMMISSIONER: SPLIT, "*": (5, 3, 1, 1, 0)}},
}


def load_demo_votes() -> bool:
    """Add demo voters and votes to the main demo guidance. False if they are already there."""
    page = GuidancePage.objects.filter(slug=content.MAIN_SLUG).first()
    if page is None or Vote.objects.filter(snapshot__version__page=page).exists():
        return False
    create_voters()
    voters = list(
        Participant.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}").order_by(
            "user__username"
        )
    )
    if page.versions.count() < 2:
        publish_revision(page)
    versions = list(page.versions.order_by("number"))
    keys = {n + 1: key for n, (key, *_rest) in enumerate(content.MAIN_CLAUSES)}
    first_ids = {s.clause_id: keys.get(s.number) for s in versions[0].clauses.all()}
    for version in {versions[0], versions[-1]}:
        Vote.objects.bulk_create(
            Vote(snapshot=snapshot, participant=voter, perspectives=voter.perspectives, choice=c)
            for snapshot in version.clauses.exclude(proposition="")
            for voter, c in answers(snapshot, first_ids.get(snapshot.clause_id), version, voters)
        )
        tallies_invalidate(version.pk)
    # As publishing does: answers on clauses that stayed the same count in the next version
    # too, so version 2 shows the support carried from version 1 ("N carried over").
    for previous, version in zip(versions, versions[1:], strict=False):
        votes_carry_over(previous=previous, version=version)
    return True


def create_voters() -> None:
    User = get_user_model()
    n = 0
    for perspective, count in VOTER_PERSPECTIVES:
        for index in range(count):
            held = [perspective]
            if perspective in ALSO_HOLDS and index % 2 == 0:
                held.append(ALSO_HOLDS[perspective])
            name = f"{VOTER_NAMES[n % len(VOTER_NAMES)]} {n // len(VOTER_NAMES) + 1}"
            username = f"demo-voter-{n + 1:02d}"
            n += 1
            if User.objects.filter(username=username).exists():
                continue
            user = User.objects.create_user(
                username=username, email=f"{username}@{DEMO_EMAIL_DOMAIN}", password=None
            )
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
            Participant.objects.create(
                user=user, display_name=name, perspectives=perspectives_join(held)
            )


def publish_revision(page):
    for block in page.body:
        if block.block_type == "clause" and block.value["heading"] == "Supervision and support":
            block.value["proposition"] = REVISED_PROPOSITION
    page.change_summary = REVISION_NOTE
    page.save_revision().publish()


def answers(snapshot, key, version, voters):
    """Each voter's answer, read off the weights at evenly spaced points (no randomness)."""
    profile = PROFILES.get(key, {"*": {"*": MOSTLY_AGREE}})
    by_version = profile.get(version.number if version.number == 1 else "*", profile.get("*"))
    groups = {}
    for voter in voters:
        # Weighted as the perspective they were created for (VOTER_PERSPECTIVES).
        main = [p for p in voter.perspective_list if p not in ALSO_HOLDS.values()]
        groups.setdefault((main or voter.perspective_list or [""])[0], []).append(voter)
    for perspective, members in groups.items():
        weights = by_version.get(perspective, by_version["*"])
        for index, voter in enumerate(members):
            # Most people answer most clauses; skip a fixed, varied few.
            if (index * 7 + snapshot.number * 3 + version.number) % 10 == 0:
                continue
            yield voter, pick(weights, (index + 0.5 + version.number % 2 / 4) / len(members))


def pick(weights, point) -> Choice:
    total, running = sum(weights), 0
    for choice, weight in zip(Choice, weights, strict=True):
        running += weight
        if point * total < running:
            return choice
    return Choice.STRONGLY_DISAGREE
