import pytest

from consultation.accounts.models import Follow
from tests.factories import GuidancePageFactory, ParticipantFactory


def follow_url(page):
    return f"/accounts/follow/{page.pk}/"


def test_participant_follows_and_unfollows_a_guidance_document(client, guidance):
    participant = ParticipantFactory()
    client.force_login(participant.user)

    response = client.post(follow_url(guidance), {"action": "follow", "next": guidance.url})
    assert response.url == guidance.url
    assert Follow.objects.filter(participant=participant, page=guidance).exists()

    client.post(follow_url(guidance), {"action": "follow"})
    assert Follow.objects.count() == 1

    client.post(follow_url(guidance), {"action": "unfollow"})
    assert not Follow.objects.exists()


def test_guidance_page_offers_follow_then_stop_following(client, guidance):
    participant = ParticipantFactory()
    client.force_login(participant.user)
    assert ">Follow<" in client.get(guidance.url).content.decode()

    client.post(follow_url(guidance), {"action": "follow"})

    assert "Stop following" in client.get(guidance.url).content.decode()


def test_a_follower_of_concluded_guidance_can_stop_following_it_there(client, guidance):
    participant = ParticipantFactory()
    client.force_login(participant.user)
    client.post(follow_url(guidance), {"action": "follow"})
    guidance.is_concluded = True
    guidance.save_revision().publish()

    html = client.get(guidance.url).content.decode()

    assert "no new versions will follow" in html
    assert "Stop following" in html
    assert ">Follow<" not in html
    client.force_login(ParticipantFactory().user)
    html = client.get(guidance.url).content.decode()
    assert "Stop following" not in html and ">Follow<" not in html


def test_signed_out_visitor_is_invited_to_sign_in_to_follow(client, guidance):
    html = client.get(guidance.url).content.decode()

    assert "to follow this guidance" in html
    assert client.post(follow_url(guidance)).url.startswith("/accounts/login/")


def test_unfollowing_touches_only_your_own_follow(client, guidance):
    other = ParticipantFactory()
    Follow.objects.create(participant=other, page=guidance)
    participant = ParticipantFactory()
    client.force_login(participant.user)

    client.post(follow_url(guidance), {"action": "unfollow"})

    assert Follow.objects.filter(participant=other).exists()


@pytest.mark.parametrize("published", [False])
def test_following_a_missing_or_draft_page_is_not_found(client, guidance_index, published):
    draft = GuidancePageFactory(parent=guidance_index, published=published)
    draft.unpublish()
    client.force_login(ParticipantFactory().user)

    assert client.post(follow_url(draft)).status_code == 404
    assert client.post("/accounts/follow/999999/").status_code == 404


def test_follow_only_accepts_post(client, guidance):
    client.force_login(ParticipantFactory().user)

    assert client.get(follow_url(guidance)).status_code == 405


def test_follow_refuses_to_redirect_off_site(client, guidance):
    client.force_login(ParticipantFactory().user)

    response = client.post(follow_url(guidance), {"next": "https://evil.example/"})

    assert response.url == guidance.url


def test_profile_lists_followed_guidance(client, guidance):
    participant = ParticipantFactory()
    Follow.objects.create(participant=participant, page=guidance)
    client.force_login(participant.user)

    html = client.get("/accounts/profile/").content.decode()

    assert guidance.title in html
    assert "Stop following" in html


def test_account_without_a_profile_is_asked_for_a_display_name_before_following(client, guidance):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    response = client.post(follow_url(guidance))

    assert response.url.startswith("/accounts/display-name/?next=")
    assert not Follow.objects.exists()
