"""Demo: forum sessions and facilitated input on the main guidance, made through the same
services people use. A past session whose summary marks two clauses as discussed, an
upcoming one with registrations, and feedback from two groups, one with tallies. Our own
words; called from loader.load_demo()."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from consultation.accounts.models import Participant
from consultation.accounts.roles import FACILITATORS, facilitators_set_up
from consultation.demo.content import DEMO_EMAIL_DOMAIN
from consultation.facilitation.models import FacilitatedSource, SourceKind
from consultation.facilitation.services import (
    facilitated_comment_post,
    source_record,
    tally_record,
)
from consultation.forum.agenda import agenda_propose
from consultation.forum.models import Outcome, SessionFormat
from consultation.forum.pages import AgendaItem, ForumSessionPage
from consultation.forum.services import registration_make

ACCESSIBILITY = (
    "<p>The room has step-free access and a hearing loop, and there is a quiet room next "
    "door. Online, we switch on live captions and take a break every 45 minutes. Tell us "
    "what else would help when you register, or write to the editors.</p>"
)

PAST_SUMMARIES = [
    (
        "<p>Peer workers described supervision being cancelled when wards are busy. The "
        "group agreed the clause should say supervision is protected time, not optional.</p>",
        Outcome.REDRAFT,
    ),
    (
        "<p>There was no agreement on a single number of training hours. People asked for "
        "evidence from services that already run longer induction before we decide.</p>",
        Outcome.MORE_EVIDENCE,
    ),
]

WORKSHOP_COMMENTS = [
    "Most of the room said this matches what happens on good days, and asked for it to "
    "hold on bad days too.",
    "Several people wanted an example of what a reasonable adjustment looks like in a peer role.",
]
PAPER_COMMENTS = [
    "Written on three forms: the wording is clear, but the guidance should say who to ask "
    "if a manager does not follow it.",
    "One form asked for a shorter, easy-read version of the whole document.",
]
TALLIES = [[6, 3, 1, 1, 1], [2, 3, 2, 3, 2], [4, 5, 2, 1, 0]]


def _facilitator():
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="demo-facilitator",
        defaults={"email": f"demo-facilitator@{DEMO_EMAIL_DOMAIN}"},
    )
    if created:
        user.set_unusable_password()
        user.save()
    facilitators_set_up()  # a live-server test flushes what the migration made
    user.groups.add(Group.objects.get(name=FACILITATORS))
    return user


def _session(guidance, *, slug, title, starts, capacity, items):
    session = ForumSessionPage(
        title=title,
        slug=slug,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        format=SessionFormat.HYBRID,
        place="Community room, Central Library, Leeds",
        joining_link="https://meet.example.org/coproduce-forum",
        accessibility=ACCESSIBILITY,
        capacity=capacity,
        registration_closes_at=starts - timedelta(days=1),
        introduction="<p>An open debate of the current draft. Everyone taking part in the "
        "consultation is welcome; no preparation is needed.</p>",
    )
    session.agenda_items = items
    guidance.add_child(instance=session)
    session.save_revision().publish()
    return session


def load_demo_forum(guidance, *, now) -> None:
    if ForumSessionPage.objects.child_of(guidance).exists():
        return
    clauses = [c for c in guidance.clauses if c.proposition]
    past_items = [
        AgendaItem(clause_id=clause.id, summary=summary, outcome=outcome, sort_order=i)
        for i, (clause, (summary, outcome)) in enumerate(
            zip(clauses[:2], PAST_SUMMARIES, strict=False)
        )
    ]
    _session(
        guidance,
        slug="forum-supervision-and-training",
        title="Forum: supervision and training",
        starts=now - timedelta(days=9),
        capacity=30,
        items=past_items,
    )
    upcoming = _session(
        guidance,
        slug="forum-the-revised-draft",
        title="Forum: what still divides us",
        starts=now + timedelta(days=6),
        capacity=25,
        items=[
            AgendaItem(clause_id=item.clause_id, figures=item.figures, sort_order=i)
            for i, item in enumerate(agenda_propose(guidance))
        ],
    )
    for participant in Participant.objects.filter(user__email__endswith=DEMO_EMAIL_DOMAIN)[:4]:
        registration_make(participant=participant, session=upcoming)
    load_demo_facilitated(guidance, now=now)


def load_demo_facilitated(guidance, *, now) -> None:
    if FacilitatedSource.objects.on_page(guidance).exists():
        return
    facilitator = _facilitator()
    clauses = [c for c in guidance.clauses if c.proposition]
    workshop = source_record(
        user=facilitator,
        page=guidance,
        name="Peer workers' network, Leeds workshop",
        kind=SourceKind.WORKSHOP,
        held_on=(now - timedelta(days=12)).date(),
        people=12,
        perspective_counts={"peer_worker": 9, "lived_experience": 8, "employer": 2},
        consent_confirmed=True,
    )
    for clause, text in zip(clauses, WORKSHOP_COMMENTS, strict=False):
        facilitated_comment_post(user=facilitator, source=workshop, clause_id=clause.id, text=text)
    snapshots = {s.clause_id: s for s in guidance.current_version.clauses.all()}
    for clause, counts in zip(clauses, TALLIES, strict=False):
        tally_record(
            user=facilitator, source=workshop, snapshot=snapshots[clause.id], counts=counts
        )
    paper = source_record(
        user=facilitator,
        page=guidance,
        name="Paper forms from a ward community meeting",
        kind=SourceKind.PAPER_FORM,
        held_on=min((now - timedelta(days=5)).date(), date.today()),
        people=7,
        perspective_counts={"lived_experience": 7},
        consent_confirmed=True,
    )
    for clause, text in zip(clauses[2:], PAPER_COMMENTS, strict=False):
        facilitated_comment_post(user=facilitator, source=paper, clause_id=clause.id, text=text)
