from consultation.accounts.models import Participant
from consultation.accounts.services import participant_create
from tests.factories import ParticipantFactory, UserFactory


def test_name_taken_a_moment_ago_leaves_the_account_without_a_profile(db):
    ParticipantFactory(display_name="Just Taken")
    user = UserFactory()

    participant = participant_create(user=user, display_name="just taken", consented=True)

    assert participant is None
    assert not Participant.objects.filter(user=user).exists()


def test_consent_time_is_recorded_only_when_given(db):
    given = participant_create(user=UserFactory(), display_name="Agreed", consented=True)
    not_given = participant_create(user=UserFactory(), display_name="Legacy")

    assert given.consented_at is not None
    assert not_given.consented_at is None
