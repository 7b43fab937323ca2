import json

import pytest
from django.db import connection

from consultation.accounts.models import Participant
from consultation.accounts.signals import collect_participant_data
from tests.factories import PASSWORD, GuidancePageFactory, ParticipantFactory


def download(client):
    response = client.get("/accounts/my-data/download/")
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


def test_download_holds_exactly_that_participants_data(client, guidance_index, sign_in):
    mine, theirs = (
        GuidancePageFactory(parent=guidance_index),
        GuidancePageFactory(parent=guidance_index),
    )
    me = ParticipantFactory(display_name="Me Myself")
    other = ParticipantFactory(display_name="Someone Else")
    me.follows.create(page=mine)
    other.follows.create(page=theirs)
    sign_in(client, me.user)

    data = download(client)

    assert data["profile"]["display_name"] == "Me Myself"
    assert data["profile"]["perspectives"] == ["Peer support worker or peer leader"]
    assert [f["guidance"] for f in data["follows"]] == [mine.title]
    assert [a["email"] for a in data["account"]["email_addresses"]] == [me.user.email]
    assert len(data["account"]["sessions"]) == 1
    text = json.dumps(data)
    assert other.user.email not in text
    assert "Someone Else" not in text
    assert theirs.title not in text


def test_features_add_their_own_sections_through_the_signal(client, db, sign_in):
    def comments_section(sender, participant, **kwargs):
        return "comments", [{"by": participant.display_name}]

    collect_participant_data.connect(comments_section, sender=Participant)
    try:
        participant = ParticipantFactory(display_name="Writer")
        sign_in(client, participant.user)

        data = download(client)
    finally:
        collect_participant_data.disconnect(comments_section, sender=Participant)

    assert data["comments"] == [{"by": "Writer"}]


def test_download_asks_for_the_password_again(client, db):
    participant = ParticipantFactory()
    client.force_login(participant.user)

    response = client.get("/accounts/my-data/download/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")


def test_after_the_password_the_person_is_back_on_my_data_not_on_the_password_page(
    client, db, monkeypatch
):
    from tests.consultation.accounts.test_reauthentication import minutes_later

    participant = ParticipantFactory()
    client.post("/accounts/login/", {"login": participant.user.email, "password": PASSWORD})
    minutes_later(monkeypatch, 6)  # signing in counts for five minutes (issue 21)
    asked = client.get("/accounts/my-data/download/", follow=True).redirect_chain[-1][0]
    assert asked.startswith("/accounts/reauthenticate/")

    response = client.post(asked, {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/my-data/"
    html = response.content.decode()
    assert "<h1>My data</h1>" in html
    assert "You can download your data now." in html
    assert client.get("/accounts/my-data/download/")["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "url", ["/accounts/my-data/", "/accounts/my-data/download/", "/accounts/delete/"]
)
def test_signed_out_visitors_are_sent_to_sign_in(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_my_data_page_has_download_and_delete(client, db):
    participant = ParticipantFactory()
    client.force_login(participant.user)

    html = client.get("/accounts/my-data/").content.decode()

    assert 'href="/accounts/my-data/download/"' in html
    assert 'href="/accounts/delete/"' in html


def test_download_is_not_cached(client, db, sign_in):
    participant = ParticipantFactory()
    sign_in(client, participant.user)

    response = client.get("/accounts/my-data/download/")

    assert "no-store" in response["Cache-Control"]
    assert connection.vendor  # the download ran against the real database
