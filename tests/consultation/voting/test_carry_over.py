"""Votes on a clause readers see unchanged count in the next version too."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consultation.guidance.models import GuidancePage
from consultation.voting.models import Choice, ResultsVisibility, Vote
from consultation.voting.results import page_results
from consultation.voting.services import vote_cast
from tests.factories import GuidancePageFactory, ParticipantFactory, UserFactory, admin_edit_form


def publish(page, **clause_changes):
    """Publish a new version with clause `n` (from 0) changed as given."""
    for index, changes in clause_changes.items():
        page.body[int(index)].value.update(changes)
    page.change_summary = f"Change {page.versions.count() + 1}"
    page.save_revision().publish()
    return GuidancePage.objects.get(pk=page.pk)


def snapshot(page, number):
    return page.current_version.clauses.get(number=number)


@pytest.fixture
def page(guidance_index):
    return GuidancePageFactory(parent=guidance_index, results_visibility=ResultsVisibility.ALWAYS)


def test_unchanged_clause_keeps_the_vote_and_a_changed_one_does_not(page):
    voter = ParticipantFactory()
    vote_cast(participant=voter, clause_snapshot=snapshot(page, 1), choice=Choice.AGREE)
    vote_cast(participant=voter, clause_snapshot=snapshot(page, 2), choice=Choice.DISAGREE)

    page = publish(page, **{"1": {"proposition": "A different statement"}})

    carried = Vote.objects.get(participant=voter, snapshot=snapshot(page, 1))
    assert (carried.choice, carried.carried_from) == (Choice.AGREE, 1)
    assert not Vote.objects.filter(participant=voter, snapshot=snapshot(page, 2)).exists()
    # The version 1 votes are untouched history.
    assert Vote.objects.filter(participant=voter, snapshot__version__number=1).count() == 2


def test_a_vote_carries_on_through_several_versions_naming_where_it_was_given(page):
    voter = ParticipantFactory()
    vote_cast(participant=voter, clause_snapshot=snapshot(page, 1), choice=Choice.AGREE)

    page = publish(page, **{"1": {"heading": "Second wording"}})
    page = publish(page, **{"2": {"heading": "Third wording"}})

    vote = Vote.objects.get(participant=voter, snapshot=snapshot(page, 1))
    assert vote.snapshot.version.number == 3
    assert vote.carried_from == 1


def test_changing_a_carried_answer_replaces_only_the_new_versions_vote(page):
    voter = ParticipantFactory()
    vote_cast(participant=voter, clause_snapshot=snapshot(page, 1), choice=Choice.AGREE)
    page = publish(page, **{"1": {"heading": "Second wording"}})

    vote_cast(participant=voter, clause_snapshot=snapshot(page, 1), choice=Choice.DISAGREE)

    current = Vote.objects.get(participant=voter, snapshot=snapshot(page, 1))
    assert (current.choice, current.carried_from) == (Choice.DISAGREE, None)
    first = Vote.objects.get(participant=voter, snapshot__version__number=1, snapshot__number=1)
    assert first.choice == Choice.AGREE


def test_results_count_carried_votes_and_say_how_many(client, page, settings):
    settings.COPRODUCE_VOTE_MIN_GROUP = 2
    for _ in range(3):
        vote_cast(participant=ParticipantFactory(), clause_snapshot=snapshot(page, 1), choice=1)
    page = publish(page, **{"1": {"heading": "Second wording"}})
    vote_cast(participant=ParticipantFactory(), clause_snapshot=snapshot(page, 1), choice=4)

    result = page_results(page)[snapshot(page, 1).clause_id].result

    assert (result.total, result.carried, result.agree_percent) == (4, 3, 75)
    html = client.get(f"{page.url}results/").content.decode()
    assert "of which 3 carried over from earlier versions" in html


def test_admin_resave_of_every_clause_keeps_every_vote(client, page):
    voter = ParticipantFactory()
    for number in (1, 2, 3):
        vote_cast(participant=voter, clause_snapshot=snapshot(page, number), choice=2)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        admin_edit_form(
            page, clause_changes={2: {"body": "<p>New words.</p>"}}, change_summary="Clause 3."
        ),
    )

    page = GuidancePage.objects.get(pk=page.pk)
    assert page.current_version.number == 2
    assert sorted(
        Vote.objects.filter(participant=voter, snapshot__version=page.current_version).values_list(
            "snapshot__number", "carried_from"
        )
    ) == [(1, 1), (2, 1)]


def test_the_guidance_page_shows_carried_and_changed_answers(client, page):
    voter = ParticipantFactory()
    vote_cast(participant=voter, clause_snapshot=snapshot(page, 1), choice=Choice.AGREE)
    vote_cast(participant=voter, clause_snapshot=snapshot(page, 2), choice=Choice.DISAGREE)
    page = publish(page, **{"1": {"proposition": "A different statement"}})
    client.force_login(voter.user)

    html = client.get(page.url).content.decode()

    assert "Your answer from version 1, still counted: <strong>Agree</strong>" in html
    assert "In version 1 you answered <strong>Disagree</strong>" in html
    anchor = snapshot(page, 2).anchor
    assert f'href="{page.url}compare/1/2/#{anchor}"' in html


def test_repair_command_carries_votes_over_versions_published_before(page):
    voter = ParticipantFactory()
    vote_cast(participant=voter, clause_snapshot=snapshot(page, 1), choice=Choice.AGREE)
    Vote.objects.create(snapshot=snapshot(page, 1), choice=Choice.NEITHER)  # unlinked
    page = publish(page, **{"1": {"heading": "Second wording"}})
    # As if version 2 had been published before votes were carried over.
    Vote.objects.filter(snapshot__version__number=2).delete()

    call_command("carry_over_votes")
    call_command("carry_over_votes")  # a second run changes nothing

    assert Vote.objects.filter(snapshot=snapshot(page, 1)).count() == 2
    assert set(
        Vote.objects.filter(snapshot=snapshot(page, 1)).values_list("carried_from", flat=True)
    ) == {1}
