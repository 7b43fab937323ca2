"""The vote form on the guidance page and the vote route: no JavaScript, clear refusals."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from consultation.guidance.clauses import short_clause_id
from consultation.voting.models import Choice, Vote
from tests.factories import GuidancePageFactory, ParticipantFactory, UserFactory, clause_stream


def snapshot_of(page, number=1):
    return page.current_version.clauses.get(number=number)


def vote_url(page, snapshot):
    return f"{page.url}clauses/{short_clause_id(snapshot.clause_id)}/vote/"


@pytest.fixture
def voter(client, db):
    participant = ParticipantFactory()
    client.force_login(participant.user)
    return participant


def test_signed_out_visitor_sees_a_sign_in_link_instead_of_the_form(client, guidance):
    html = client.get(guidance.url).content.decode()

    assert 'name="choice"' not in html
    assert "Sign in to vote" in html
    assert "/accounts/login/?next=" in html


def test_unverified_participant_sees_an_explanation_instead_of_the_form(client, guidance):
    client.force_login(ParticipantFactory(verified=False).user)

    html = client.get(guidance.url).content.decode()

    assert 'name="choice"' not in html
    assert "confirmed email address" in html


def test_verified_participant_sees_a_radio_group_per_proposition_with_nothing_chosen(
    client, guidance, voter
):
    html = client.get(guidance.url).content.decode()

    assert html.count('<fieldset class="vote__fieldset"') == 3
    assert "Proposition 1</legend>" in html
    assert html.count('type="radio"') == 15
    assert " checked" not in html
    assert "Strongly agree" in html and "Neither agree nor disagree" in html


def test_vote_redirects_back_to_the_clause_and_confirms_in_a_status_message(
    client, guidance, voter
):
    snapshot = snapshot_of(guidance)

    response = client.post(vote_url(guidance, snapshot), {"choice": "2", "version": "1"})

    anchor = f"#clause-{short_clause_id(snapshot.clause_id)}"
    assert response.status_code == 302
    assert response.url == guidance.url + anchor
    html = client.get(response.url).content.decode()
    assert re.search(r'role="status">Thank you. Your answer is saved: <strong>Agree', html)
    assert Vote.objects.get().choice == Choice.AGREE


def test_current_answer_is_shown_with_a_way_to_change_it(client, guidance, voter):
    snapshot = snapshot_of(guidance)
    client.post(vote_url(guidance, snapshot), {"choice": "2"})
    client.get(guidance.url)  # the confirmation is shown once

    html = client.get(guidance.url).content.decode()

    assert "Thank you" not in html
    assert "Your answer: <strong>Agree</strong>" in html
    assert "Change my answer" in html
    assert html.count(" checked") == 1

    client.post(vote_url(guidance, snapshot), {"choice": "5"})
    assert Vote.objects.get().choice == Choice.STRONGLY_DISAGREE


def test_closed_round_shows_no_form_and_refuses_a_post_with_403(client, guidance_index):
    now = timezone.now()
    page = GuidancePageFactory(
        parent=guidance_index, opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1)
    )
    client.force_login(ParticipantFactory().user)

    assert 'name="choice"' not in client.get(page.url).content.decode()
    response = client.post(vote_url(page, snapshot_of(page)), {"choice": "1"})

    assert response.status_code == 403
    assert "Voting has closed" in response.content.decode()
    assert not Vote.objects.exists()


def test_unverified_account_is_refused_with_a_clear_message(client, guidance):
    client.force_login(ParticipantFactory(verified=False).user)

    response = client.post(vote_url(guidance, snapshot_of(guidance)), {"choice": "1"})

    assert response.status_code == 403
    assert "Confirm your email address" in response.content.decode()
    assert not Vote.objects.exists()


def test_account_without_a_profile_is_refused(client, guidance):
    client.force_login(UserFactory())

    response = client.post(vote_url(guidance, snapshot_of(guidance)), {"choice": "1"})

    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_signed_out_post_is_refused_with_a_sign_in_link(client, guidance):
    response = client.post(vote_url(guidance, snapshot_of(guidance)), {"choice": "1"})

    assert response.status_code == 403
    assert "/accounts/login/?next=" in response.content.decode()


@pytest.mark.parametrize("choice", ["0", "6", "agree", "", None])
def test_answer_outside_the_scale_shows_the_form_with_an_error(client, guidance, voter, choice):
    data = {} if choice is None else {"choice": choice}

    response = client.post(vote_url(guidance, snapshot_of(guidance)), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'role="alert"' in html
    assert not Vote.objects.exists()


def test_unknown_clause_id_gives_a_clear_not_found_page(client, guidance, voter):
    for short_id in ["deadbeef", "DEADBEEF", "1234", "zzzzzzzz"]:
        response = client.post(f"{guidance.url}clauses/{short_id}/vote/", {"choice": "1"})

        assert response.status_code == 404
        assert "could not find that clause" in response.content.decode()
    assert not Vote.objects.exists()


def test_clause_of_another_page_is_not_found_here(client, guidance, guidance_index, voter):
    other = GuidancePageFactory(parent=guidance_index)

    response = client.post(vote_url(guidance, snapshot_of(other)), {"choice": "1"})

    assert response.status_code == 404
    assert not Vote.objects.exists()


def test_clause_removed_in_a_newer_version_is_not_found(client, guidance, voter):
    removed = snapshot_of(guidance, 3)
    guidance.body = clause_stream(2)
    guidance.save_revision().publish()

    response = client.post(vote_url(guidance, removed), {"choice": "1"})

    assert response.status_code == 404
    assert not Vote.objects.exists()


def test_form_from_before_a_new_version_is_refused_with_an_explanation(client, guidance, voter):
    guidance.summary = "Revised"
    guidance.save_revision().publish()

    response = client.post(
        vote_url(guidance, snapshot_of(guidance)), {"choice": "1", "version": "1"}
    )

    assert response.status_code == 400
    assert "newer version" in response.content.decode()
    assert not Vote.objects.exists()


def test_clause_without_a_proposition_is_refused(client, guidance_index, voter):
    page = GuidancePageFactory(parent=guidance_index, body=clause_stream(1, with_proposition=False))

    response = client.post(vote_url(page, snapshot_of(page)), {"choice": "1"})

    assert response.status_code == 400
    assert "no proposition" in response.content.decode()
    assert not Vote.objects.exists()


def test_missing_csrf_token_is_refused(guidance):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ParticipantFactory().user)

    response = client.post(vote_url(guidance, snapshot_of(guidance)), {"choice": "1"})

    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_a_burst_of_votes_gets_429_and_keeps_the_answer(client, guidance, voter, settings):
    settings.COPRODUCE_VOTE_RATE = "3/m"
    url = vote_url(guidance, snapshot_of(guidance))
    for _ in range(3):
        assert client.post(url, {"choice": "1"}).status_code == 302

    response = client.post(url, {"choice": "4"})

    assert response.status_code == 429
    html = response.content.decode()
    assert "Wait a minute" in html
    assert re.search(r'value="4" id="[^"]+"\s+checked', html)
    assert Vote.objects.get().choice == Choice.STRONGLY_AGREE


def test_opening_the_vote_address_leads_back_to_the_clause(client, guidance):
    snapshot = snapshot_of(guidance)

    response = client.get(vote_url(guidance, snapshot))

    assert response.status_code == 302
    assert response.url.endswith(f"#clause-{short_clause_id(snapshot.clause_id)}")
