"""vote_cast and the vote's lifecycle: one per participant, clause and version."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultation.accounts.models import Perspective
from consultation.accounts.signals import collect_participant_data, participant_deleting
from consultation.rounds import ConsultationClosed
from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import Choice, Vote
from consultation.voting.services import (
    NoProposition,
    NotCurrentVersion,
    NotOnScale,
    vote_cast,
)
from tests.factories import GuidancePageFactory, ParticipantFactory, clause_stream


def first_snapshot(page):
    return page.current_version.clauses.order_by("number").first()


def test_a_vote_records_the_version_and_the_participants_perspective(guidance):
    participant = ParticipantFactory(perspectives=Perspective.CARER)
    snapshot = first_snapshot(guidance)

    vote = vote_cast(participant=participant, clause_snapshot=snapshot, choice=Choice.AGREE)

    assert vote.snapshot.version == guidance.current_version
    assert (vote.choice, vote.perspectives) == (Choice.AGREE, Perspective.CARER)


def test_second_vote_replaces_the_first(guidance):
    participant = ParticipantFactory()
    snapshot = first_snapshot(guidance)

    vote_cast(participant=participant, clause_snapshot=snapshot, choice=Choice.AGREE)
    vote_cast(participant=participant, clause_snapshot=snapshot, choice="5")

    assert list(Vote.objects.values_list("choice", flat=True)) == [Choice.STRONGLY_DISAGREE]


def test_vote_keeps_the_perspective_it_was_cast_with_after_a_profile_edit(guidance):
    participant = ParticipantFactory(perspectives=Perspective.CLINICIAN)
    vote_cast(participant=participant, clause_snapshot=first_snapshot(guidance), choice=1)

    participant.perspectives = Perspective.EMPLOYER
    participant.save()

    assert Vote.objects.get().perspectives == Perspective.CLINICIAN


def test_vote_in_a_closed_round_is_refused(guidance_index):
    now = timezone.now()
    page = GuidancePageFactory(
        parent=guidance_index, opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1)
    )

    with pytest.raises(ConsultationClosed):
        vote_cast(participant=ParticipantFactory(), clause_snapshot=first_snapshot(page), choice=1)
    assert not Vote.objects.exists()


def test_vote_on_an_earlier_version_is_refused(guidance):
    old = first_snapshot(guidance)
    guidance.summary = "Revised"
    guidance.save_revision().publish()

    with pytest.raises(NotCurrentVersion):
        vote_cast(participant=ParticipantFactory(), clause_snapshot=old, choice=1)
    assert not Vote.objects.exists()


def test_vote_on_a_clause_without_a_proposition_is_refused(guidance_index):
    page = GuidancePageFactory(parent=guidance_index, body=clause_stream(1, with_proposition=False))

    with pytest.raises(NoProposition):
        vote_cast(participant=ParticipantFactory(), clause_snapshot=first_snapshot(page), choice=1)


@pytest.mark.parametrize("choice", [0, 6, "agree", None, "2.5"])
def test_answer_outside_the_scale_is_refused(guidance, choice):
    with pytest.raises(NotOnScale):
        vote_cast(
            participant=ParticipantFactory(),
            clause_snapshot=first_snapshot(guidance),
            choice=choice,
        )
    assert not Vote.objects.exists()


def test_deleting_an_account_keeps_its_vote_in_the_tallies_unlinked(guidance):
    participant = ParticipantFactory(perspectives=Perspective.PEER_WORKER)
    vote_cast(participant=participant, clause_snapshot=first_snapshot(guidance), choice=2)

    participant_deleting.send(
        sender=type(participant), participant=participant, keep_comments=False
    )
    participant.user.delete()

    vote = Vote.objects.get()
    assert vote.participant is None
    assert (vote.choice, vote.perspectives) == (Choice.AGREE, Perspective.PEER_WORKER)


def test_deleting_a_participant_without_the_signal_still_keeps_the_vote(guidance):
    participant = ParticipantFactory()
    vote_cast(participant=participant, clause_snapshot=first_snapshot(guidance), choice=2)

    participant.delete()

    assert Vote.objects.get().participant is None


def test_unlinked_votes_never_conflict_with_each_other(guidance):
    snapshot = first_snapshot(guidance)

    Vote.objects.bulk_create([Vote(snapshot=snapshot, choice=1), Vote(snapshot=snapshot, choice=1)])

    assert Vote.objects.count() == 2


def test_my_data_lists_the_participants_votes(guidance):
    participant = ParticipantFactory()
    vote_cast(participant=participant, clause_snapshot=first_snapshot(guidance), choice=4)

    sections = dict(
        data
        for _receiver, data in collect_participant_data.send(
            sender=type(participant), participant=participant
        )
    )

    assert sections["votes"][0]["answer"] == "Disagree"
    assert sections["votes"][0]["proposition"] == "Proposition 1"


def test_snapshot_deletion_with_its_page_removes_votes(guidance):
    vote_cast(participant=ParticipantFactory(), clause_snapshot=first_snapshot(guidance), choice=1)

    guidance.delete()

    assert not Vote.objects.exists()
    assert not ClauseSnapshot.objects.exists()
