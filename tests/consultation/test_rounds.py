from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from consultation.discussion.moderation import AlreadyFlagged
from consultation.discussion.services import CommentRefused, NotYourComment
from consultation.feedback.services import ResponseRefused
from consultation.rounds import (
    ConsultationClosed,
    ConsultationError,
    NotAParticipant,
    can_contribute,
    contributing_participant,
    ensure_open,
    participant_taking_part,
    refusal_to_take_part,
)
from consultation.voting.services import NoAnswer, NoProposition, NotCurrentVersion, VoteRejected
from tests.factories import GuidancePageFactory, ParticipantFactory, UserFactory


def test_verified_participant_can_contribute(db):
    participant = ParticipantFactory()

    assert can_contribute(participant.user)
    assert contributing_participant(participant.user) == participant


def test_unverified_participant_cannot_contribute(db):
    participant = ParticipantFactory(verified=False)

    assert not can_contribute(participant.user)
    with pytest.raises(NotAParticipant, match="Confirm your email"):
        contributing_participant(participant.user)


def test_account_without_a_display_name_cannot_contribute(db):
    with pytest.raises(NotAParticipant, match="choose a display name"):
        contributing_participant(UserFactory())


def test_anonymous_visitor_cannot_contribute():
    assert not can_contribute(AnonymousUser())


def test_closed_consultation_refuses_feedback(guidance_index):
    now = timezone.now()
    page = GuidancePageFactory(
        parent=guidance_index, opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1)
    )

    with pytest.raises(ConsultationClosed):
        ensure_open(page)


def test_current_version_is_the_latest(guidance):
    guidance.summary = "Changed"
    guidance.save_revision().publish()

    assert guidance.current_version.number == 2


def closed_page(guidance_index):
    now = timezone.now()
    return GuidancePageFactory(
        parent=guidance_index, opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1)
    )


def test_a_verified_participant_takes_part_in_an_open_round(guidance):
    participant = ParticipantFactory()

    assert participant_taking_part(participant.user, guidance) == participant
    assert refusal_to_take_part(participant.user, guidance) is None


def test_a_closed_round_refuses_even_a_verified_participant(guidance_index):
    page = closed_page(guidance_index)
    participant = ParticipantFactory()

    with pytest.raises(ConsultationClosed) as refusal:
        participant_taking_part(participant.user, page)

    assert refusal.value.status == 403
    assert page.title in refusal.value.message


def test_a_write_asks_who_before_when(guidance_index):
    """A visitor posting to a closed round is told to sign in: the write path asks who is
    writing first, as it must before reading anything they sent."""
    with pytest.raises(NotAParticipant):
        participant_taking_part(AnonymousUser(), closed_page(guidance_index))


def test_a_page_explains_a_closed_round_before_asking_anyone_to_sign_in(guidance_index):
    refusal = refusal_to_take_part(AnonymousUser(), closed_page(guidance_index))

    assert isinstance(refusal, ConsultationClosed)


def test_a_page_tells_a_visitor_to_sign_in_while_the_round_is_open(guidance):
    refusal = refusal_to_take_part(AnonymousUser(), guidance)

    assert isinstance(refusal, NotAParticipant)
    assert refusal.message == "Sign in and choose a display name to take part."


@pytest.mark.parametrize(
    "error",
    [
        ConsultationClosed,
        NotAParticipant,
        CommentRefused,
        NotYourComment,
        AlreadyFlagged,
        VoteRejected,
        NotCurrentVersion,
        NoProposition,
        NoAnswer,
        ResponseRefused,
    ],
)
def test_every_refusal_is_one_family_with_a_plain_message(error, guidance):
    refusal = error(guidance) if error is ConsultationClosed else error()

    assert isinstance(refusal, ConsultationError)
    assert refusal.message.endswith(".")
    assert refusal.status in (400, 403)


def test_an_explicit_message_replaces_the_default():
    assert CommentRefused("Not in this discussion.").message == "Not in this discussion."
