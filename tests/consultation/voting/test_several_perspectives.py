"""Issue 18: people holding several perspectives. Every expectation here is counted by hand
from the votes seeded, written out next to the assertion."""

import pytest

from consultation.accounts.models import Participant, Perspective
from consultation.voting.models import Choice, Vote
from consultation.voting.results import NOT_STATED, page_results
from consultation.voting.services import vote_cast
from tests.factories import ParticipantFactory

P = Perspective
SA, A, N, D, SD = Choice


def seed(snapshot, votes):
    """votes: [(joined perspectives, choice, how many)]."""
    Vote.objects.bulk_create(
        Vote(snapshot=snapshot, perspectives=held, choice=choice)
        for held, choice, count in votes
        for _ in range(count)
    )


def result(page):
    snapshot = page.current_version.clauses.get(number=1)
    return page_results(page)[snapshot.clause_id].result


def by_key(res):
    return {g.key: g for g in res.groups}


@pytest.fixture(autouse=True)
def minimum_three(settings):
    settings.COPRODUCE_VOTE_MIN_GROUP = 3


def test_a_vote_counts_once_in_the_total_and_once_in_each_perspective(guidance):
    seed(
        guidance.current_version.clauses.get(number=1),
        [
            ("lived_experience,peer_worker", SA, 2),  # both groups, agree
            ("peer_worker", D, 1),  # peer only, disagree
            ("lived_experience", A, 1),  # lived only, agree
            ("carer,clinician", N, 3),  # carers and clinicians, neither
        ],
    )

    res = result(guidance)
    groups = by_key(res)

    # Total: 2 + 1 + 1 + 3 = 7 votes, each once; agreeing: 2 + 1 = 3 -> 43%.
    assert res.total == 7
    assert [a.count for a in res.answers] == [2, 1, 3, 1, 0]
    assert res.agree_percent == 43
    # Lived experience: the 2 shared + its own 1 = 3 votes, all agreeing.
    assert (groups[P.LIVED_EXPERIENCE].total, groups[P.LIVED_EXPERIENCE].agree) == (3, 3)
    # Peer workers: the 2 shared + 1 disagreeing = 3, of whom 2 agree -> 67%.
    assert (groups[P.PEER_WORKER].total, groups[P.PEER_WORKER].agree) == (3, 2)
    assert groups[P.PEER_WORKER].agree_percent == 67
    # Carers and clinicians: 3 each, none agreeing.
    assert groups[P.CARER].total == groups[P.CLINICIAN].total == 3
    # The groups add up to 12 while the total is 7: each vote is in every group its voter holds.
    assert sum(g.total for g in res.groups) == 12


def test_small_groups_are_suppressed_per_perspective_not_per_combination(guidance):
    seed(
        guidance.current_version.clauses.get(number=1),
        [
            ("peer_worker,trainer", A, 2),
            ("trainer", A, 1),  # trainers: 2 + 1 = 3, enough
            ("peer_worker", A, 0),  # peer workers: 2, too few
        ],
    )

    groups = by_key(result(guidance))

    assert not groups[P.TRAINER].too_few and groups[P.TRAINER].agree_percent == 100
    assert groups[P.PEER_WORKER].too_few and groups[P.PEER_WORKER].agree_percent is None


def test_consensus_and_contested_are_judged_per_perspective(guidance, settings):
    settings.COPRODUCE_VOTE_CONSENSUS_MIN_GROUPS = 2
    snapshot = guidance.current_version.clauses.get(number=1)
    seed(
        snapshot,
        [
            # Three people who are both carers and clinicians all agree: carers 3/3, clinicians
            # 3/3 would be consensus ...
            ("carer,clinician", A, 3),
            # ... until three clinicians alone disagree: clinicians 3/6 agree (50%) against
            # carers' 100%, a 50-point gap, which is contested.
            ("clinician", D, 3),
        ],
    )

    res = result(guidance)
    groups = by_key(res)

    assert (groups[P.CARER].agree_percent, groups[P.CLINICIAN].agree_percent) == (100, 50)
    assert res.total == 6
    assert res.contested and not res.consensus


def test_no_perspective_is_counted_as_not_stated_and_left_out_of_the_marks(guidance):
    seed(guidance.current_version.clauses.get(number=1), [("", A, 3), ("prefer_not_to_say", A, 1)])

    res = result(guidance)

    assert [(g.key, g.total, g.in_marks) for g in res.groups] == [(NOT_STATED, 4, False)]
    assert res.total == 4


def test_a_vote_cast_through_the_service_carries_every_perspective(guidance):
    voter = ParticipantFactory(perspectives="peer_worker,lived_experience")
    snapshot = guidance.current_version.clauses.get(number=1)

    vote_cast(participant=voter, clause_snapshot=snapshot, choice=Choice.AGREE)

    assert Vote.objects.get().perspectives == "peer_worker,lived_experience"


def test_the_profile_saves_several_perspectives_and_a_private_other(client, db):
    participant = ParticipantFactory(display_name="Two Hats")
    client.force_login(participant.user)

    response = client.post(
        "/accounts/profile/",
        {
            "form": "profile",
            "profile-display_name": "Two Hats",
            "profile-perspectives": [P.CARER, P.LIVED_EXPERIENCE, P.OTHER],
            "profile-other_perspective": "Advocate",
        },
    )

    assert response.status_code == 302
    participant = Participant.objects.get(pk=participant.pk)
    # Stored in the list's order, whatever order the browser sent.
    assert participant.perspectives == "lived_experience,carer,other"
    assert participant.other_perspective == "Advocate"
    html = client.get("/accounts/profile/").content.decode()
    assert "Lived experience of mental health challenges; Family member or carer; Other" in html
    assert 'value="carer" checked' in html or 'value="carer"\n' not in html


def test_a_description_of_other_is_dropped_without_other(client, db):
    participant = ParticipantFactory(display_name="One Hat")
    client.force_login(participant.user)

    client.post(
        "/accounts/profile/",
        {
            "form": "profile",
            "profile-display_name": "One Hat",
            "profile-perspectives": [P.CARER],
            "profile-other_perspective": "Should not be kept",
        },
    )

    assert Participant.objects.get(pk=participant.pk).other_perspective == ""


def test_results_page_explains_how_several_perspectives_count(client, guidance):
    html = client.get(guidance.url + "results/").content.decode()

    assert "Each vote counts once in the total, and once in every perspective" in html


def test_the_migration_turns_prefer_not_to_say_into_no_perspective(guidance):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("consultation.migrations.0020_i18_several_perspectives")
    kept = ParticipantFactory(perspectives="carer")
    quiet = ParticipantFactory(perspectives="prefer_not_to_say")
    snapshot = guidance.current_version.clauses.get(number=1)
    Vote.objects.create(snapshot=snapshot, perspectives="prefer_not_to_say", choice=Choice.AGREE)

    migration.prefer_not_to_say_is_none(apps, None)

    kept.refresh_from_db()
    quiet.refresh_from_db()
    assert (kept.perspectives, quiet.perspectives) == ("carer", "")
    assert Vote.objects.get().perspectives == ""


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Peer\x0badvocate\x00\x1f\ufffe ", "Peer\nadvocate"),
        ("  Peer\x0bmentor\x1b ", "Peer\nmentor"),
    ],
)
def test_a_description_of_other_is_kept_to_characters_a_page_can_carry(client, db, typed, kept):
    participant = ParticipantFactory(display_name="Odd Hat")
    client.force_login(participant.user)

    response = client.post(
        "/accounts/profile/",
        {
            "form": "profile",
            "profile-display_name": "Odd Hat",
            "profile-perspectives": [P.OTHER],
            "profile-other_perspective": typed,
        },
    )

    assert response.status_code == 302
    assert Participant.objects.get(pk=participant.pk).other_perspective == kept
