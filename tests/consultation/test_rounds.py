from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from consultation.rounds import (
    ConsultationClosed,
    NotAParticipant,
    can_contribute,
    contributing_participant,
    ensure_open,
)
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
