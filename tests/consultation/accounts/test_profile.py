from consultation.accounts.models import Frequency, Participant, Perspective
from tests.factories import ParticipantFactory


def test_participant_changes_display_name_and_perspective(client, db):
    participant = ParticipantFactory(display_name="Old Name")
    client.force_login(participant.user)

    response = client.post(
        "/accounts/profile/",
        {
            "form": "profile",
            "profile-display_name": "New Name",
            "profile-perspectives": Perspective.CARER,
        },
    )

    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.display_name, participant.perspectives) == ("New Name", Perspective.CARER)


def test_changing_only_the_case_of_your_own_display_name_is_allowed(client, db):
    participant = ParticipantFactory(display_name="river")
    client.force_login(participant.user)

    client.post(
        "/accounts/profile/",
        {"form": "profile", "profile-display_name": "River"},
    )

    participant.refresh_from_db()
    assert participant.display_name == "River"


def test_someone_elses_display_name_is_refused_on_the_profile_page(client, db):
    ParticipantFactory(display_name="Taken")
    participant = ParticipantFactory(display_name="Mine")
    client.force_login(participant.user)

    response = client.post(
        "/accounts/profile/",
        {"form": "profile", "profile-display_name": "TAKEN"},
    )

    assert response.status_code == 200
    assert "already using that display name" in response.content.decode()
    assert Participant.objects.get(pk=participant.pk).display_name == "Mine"


def test_participant_sets_notification_preferences(client, db):
    participant = ParticipantFactory()
    client.force_login(participant.user)

    client.post(
        "/accounts/profile/",
        {
            "form": "notifications",
            "notifications-notify_replies": Frequency.NEVER,
            "notifications-notify_new_versions": Frequency.DAILY,
            "notifications-notify_responses": Frequency.IMMEDIATELY,
        },
    )

    participant.refresh_from_db()
    assert participant.notify_replies == Frequency.NEVER
    assert participant.notify_new_versions == Frequency.DAILY


def test_profile_page_never_shows_other_participants_emails(client, db):
    other = ParticipantFactory()
    participant = ParticipantFactory()
    client.force_login(participant.user)

    html = client.get("/accounts/profile/").content.decode()

    assert other.user.email not in html
    assert participant.display_name in html
