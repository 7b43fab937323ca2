"""After a comment or a vote, a participant who does not follow the guidance is offered to."""

from consultation.accounts.models import Follow
from consultation.guidance.clauses import short_clause_id
from tests.factories import ParticipantFactory

OFFER = "Would you like to hear when a new version of this guidance is published?"


def vote(client, page, number=1, choice=2):
    snapshot = page.current_version.clauses.get(number=number)
    url = f"{page.url}clauses/{short_clause_id(snapshot.clause_id)}/vote/"
    return client.post(url, {"choice": choice, "version": "1"}, follow=True)


def test_a_vote_brings_a_one_click_offer_to_follow_once(client, guidance):
    participant = ParticipantFactory()
    client.force_login(participant.user)

    html = vote(client, guidance).content.decode()

    assert OFFER in html
    assert 'name="action" value="follow"' in html.split(OFFER)[1]
    assert OFFER not in client.get(guidance.url).content.decode()  # once only
    assert not Follow.objects.filter(participant=participant).exists()  # nothing preticked


def test_no_offer_to_someone_who_already_follows(client, guidance):
    participant = ParticipantFactory()
    Follow.objects.create(participant=participant, page=guidance)
    client.force_login(participant.user)

    assert OFFER not in vote(client, guidance).content.decode()


def test_a_comment_brings_the_offer_and_one_click_follows(client, guidance):
    participant = ParticipantFactory()
    client.force_login(participant.user)
    clause = guidance.clauses[0]

    response = client.post(
        f"{guidance.url}clauses/{clause.short_id}/discussion/", {"text": "A thought."}, follow=True
    )
    html = response.content.decode()
    assert OFFER in html

    client.post(f"/accounts/follow/{guidance.pk}/", {"action": "follow"})
    assert Follow.objects.filter(participant=participant, page=guidance).exists()
