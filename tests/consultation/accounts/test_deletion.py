from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from consultation.accounts.models import Follow, Participant
from consultation.accounts.signals import participant_deleting
from tests.factories import PASSWORD, ParticipantFactory


class Recorder:
    """Stands in for comments until they exist: records what deletion asked of it."""

    def __init__(self):
        self.calls = []

    def __call__(self, sender, participant, keep_comments, **kwargs):
        self.calls.append(
            {
                "display_name": participant.display_name,
                "keep_comments": keep_comments,
                "in_transaction": connection.in_atomic_block,
            }
        )


def delete_account(client, comments):
    return client.post("/accounts/delete/", {"comments": comments, "confirm": "on"})


def with_recorder(callback):
    recorder = Recorder()
    participant_deleting.connect(recorder, sender=Participant)
    try:
        callback()
    finally:
        participant_deleting.disconnect(recorder, sender=Participant)
    return recorder.calls


def test_deleting_and_removing_comments_tells_features_inside_the_transaction(client, db, sign_in):
    participant = ParticipantFactory(display_name="Leaving")
    sign_in(client, participant.user)

    calls = with_recorder(lambda: delete_account(client, "remove"))

    assert calls == [{"display_name": "Leaving", "keep_comments": False, "in_transaction": True}]
    assert not get_user_model().objects.filter(pk=participant.user_id).exists()
    assert not Participant.objects.filter(pk=participant.pk).exists()


def test_deleting_and_keeping_comments_asks_for_former_participant(client, db, sign_in):
    participant = ParticipantFactory()
    sign_in(client, participant.user)

    calls = with_recorder(lambda: delete_account(client, "keep"))

    assert [call["keep_comments"] for call in calls] == [True]


def test_deletion_ends_every_session_of_the_account(client, db, sign_in, guidance):
    participant = ParticipantFactory()
    other_device = sign_in(Client(), participant.user)
    sign_in(client, participant.user)
    assert other_device.get("/accounts/profile/").status_code == 200

    response = delete_account(client, "remove")

    assert response.url == "/accounts/deleted/"
    assert client.get("/accounts/profile/").status_code == 302
    assert other_device.get("/accounts/profile/").url.startswith("/accounts/login/")


def test_deletion_frees_the_email_address_and_display_name(client, db, sign_in):
    participant = ParticipantFactory(display_name="Reusable")
    email = participant.user.email
    sign_in(client, participant.user)
    delete_account(client, "remove")

    assert not EmailAddress.objects.filter(email=email).exists()
    response = client.post(
        "/accounts/signup/",
        {
            "email": email,
            "display_name": "reusable",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert Participant.objects.get(user__email=email).display_name == "reusable"


def test_deletion_needs_a_choice_and_a_confirmation(client, db, sign_in):
    participant = ParticipantFactory()
    sign_in(client, participant.user)

    response = client.post("/accounts/delete/", {"comments": "keep"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tick the box to confirm" in html
    assert 'value="keep" checked' in html or 'value="keep"\n' not in html
    assert Participant.objects.filter(pk=participant.pk).exists()


def test_follows_go_with_the_account(client, guidance, sign_in):
    participant = ParticipantFactory()
    participant.follows.create(page=guidance)
    sign_in(client, participant.user)

    delete_account(client, "remove")

    assert not Follow.objects.exists()
