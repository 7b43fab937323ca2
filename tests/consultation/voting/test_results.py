"""Results: tallies in SQL, cached per version, marks, visibility, trend, CSV, query budget."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from consultation.accounts.models import Perspective
from consultation.voting.models import Choice, ResultsVisibility, Vote
from consultation.voting.results import clause_result, page_results, version_tallies
from consultation.voting.services import vote_cast
from tests.factories import GuidancePageFactory, ParticipantFactory, UserFactory

P = Perspective


def downloaded(response) -> str:
    """The text of a CSV download, which is streamed row by row."""
    return b"".join(response.streaming_content).decode()


def snapshot_of(page, number=1):
    return page.current_version.clauses.get(number=number)


def seed(snapshot, spec):
    """spec: {perspective: [strongly agree, agree, neither, disagree, strongly disagree]}.

    Unlinked votes (as after account deletion) need no participants, so thousands are cheap.
    """
    Vote.objects.bulk_create(
        Vote(snapshot=snapshot, perspectives=perspective, choice=choice)
        for perspective, counts in spec.items()
        for choice, count in zip(Choice, counts, strict=True)
        for _ in range(count)
    )


def result_for(page, number=1):
    return page_results(page)[snapshot_of(page, number).clause_id]


def test_counts_percentages_total_and_agree(guidance):
    seed(snapshot_of(guidance), {P.PEER_WORKER: [2, 4, 1, 2, 1]})

    result = result_for(guidance).result

    assert result.total == 10
    assert [(a.count, a.percent) for a in result.answers] == [
        (2, 20),
        (4, 40),
        (1, 10),
        (2, 20),
        (1, 10),
    ]
    assert result.agree_percent == 60


def test_fewer_votes_than_the_minimum_show_no_numbers(guidance):
    seed(snapshot_of(guidance), {P.CARER: [1, 1, 1, 1, 0]})

    result = result_for(guidance).result

    assert result.too_few and result.agree_percent is None
    assert result.mark == "too_few"


def test_small_perspective_is_too_few_votes_never_a_percentage(guidance):
    seed(snapshot_of(guidance), {P.PEER_WORKER: [5, 0, 0, 0, 0], P.CARER: [1, 1, 0, 0, 0]})

    groups = {g.key: g for g in result_for(guidance).result.groups}

    assert groups[P.CARER].too_few and groups[P.CARER].agree_percent is None
    assert groups[P.PEER_WORKER].agree_percent == 100


def test_consensus_when_every_sizeable_perspective_mostly_agrees(guidance):
    seed(
        snapshot_of(guidance),
        {
            P.LIVED_EXPERIENCE: [4, 4, 1, 1, 0],  # 80%
            P.CLINICIAN: [2, 3, 1, 1, 0],  # 71%
            P.CARER: [0, 0, 0, 2, 2],  # too few: does not count
        },
    )

    result = result_for(guidance).result

    assert (result.consensus, result.contested, result.mark) == (True, False, "consensus")


def test_one_perspective_alone_is_not_consensus(guidance):
    seed(snapshot_of(guidance), {P.PEER_WORKER: [9, 0, 0, 0, 0]})

    assert result_for(guidance).result.mark == ""


def test_contested_when_two_perspectives_differ_by_thirty_points(guidance):
    seed(
        snapshot_of(guidance),
        {P.PEER_WORKER: [5, 3, 1, 1, 0], P.EMPLOYER: [1, 1, 2, 3, 3]},  # 80% vs 20%
    )

    result = result_for(guidance).result

    assert result.contested and not result.consensus and result.mark == "contested"


def test_perspective_not_stated_is_shown_but_left_out_of_the_marks(guidance):
    seed(
        snapshot_of(guidance),
        {
            P.PEER_WORKER: [5, 0, 0, 0, 0],
            P.CLINICIAN: [5, 0, 0, 0, 0],
            "": [0, 0, 0, 3, 0],
            P.PREFER_NOT_TO_SAY: [0, 0, 0, 0, 3],
        },
    )

    result = result_for(guidance).result
    not_stated = result.groups[-1]

    assert (not_stated.label, not_stated.total) == ("Perspective not stated", 6)
    assert result.mark == "consensus"


def test_thresholds_are_settings(guidance, settings):
    settings.COPRODUCE_VOTE_MIN_GROUP = 2
    seed(snapshot_of(guidance), {P.CARER: [1, 1, 0, 0, 0]})

    assert result_for(guidance).result.agree_percent == 100


def test_marks_without_any_votes_are_too_few():
    assert clause_result(1, 1, {}).mark == "too_few"


def test_trend_follows_a_clause_across_versions(guidance):
    seed(snapshot_of(guidance), {P.PEER_WORKER: [3, 3, 2, 2, 0]})  # 60%
    guidance.body[0].value["proposition"] = "Proposition 1, reworded"
    guidance.save_revision().publish()
    del guidance.current_version
    seed(snapshot_of(guidance), {P.PEER_WORKER: [5, 3, 1, 1, 0]})  # 80%

    trend = result_for(guidance).trend

    assert [(p.version_number, p.agree_percent, p.reworded) for p in trend] == [
        (1, 60, False),
        (2, 80, True),
    ]


def test_tallies_are_cached_and_a_vote_invalidates_them(
    guidance, django_assert_num_queries, django_capture_on_commit_callbacks
):
    snapshot = snapshot_of(guidance)
    seed(snapshot, {P.PEER_WORKER: [5, 0, 0, 0, 0]})
    version_id = snapshot.version_id
    version_tallies([version_id])

    with django_assert_num_queries(0):
        assert sum(version_tallies([version_id])[version_id][snapshot.pk][P.PEER_WORKER]) == 5

    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(participant=ParticipantFactory(), clause_snapshot=snapshot, choice=Choice.AGREE)

    assert sum(version_tallies([version_id])[version_id][snapshot.pk][P.PEER_WORKER]) == 6


def open_page(index, visibility, **dates):
    return GuidancePageFactory(parent=index, results_visibility=visibility, **dates)


def closed_dates():
    now = timezone.now()
    return {"opens_at": now - timedelta(days=9), "closes_at": now - timedelta(days=1)}


def test_results_show_after_voting_by_default(client, guidance):
    seed(snapshot_of(guidance), {P.PEER_WORKER: [5, 0, 0, 0, 0]})
    participant = ParticipantFactory()
    client.force_login(participant.user)

    assert guidance.results_visibility == ResultsVisibility.AFTER_VOTING
    html = client.get(guidance.url).content.decode()
    assert "How people voted" not in html
    assert "appear once you have given your answer" in html

    vote_cast(participant=participant, clause_snapshot=snapshot_of(guidance), choice=1)
    html = client.get(guidance.url).content.decode()
    assert html.count("How people voted") == 1
    assert "100% agree" in html


def test_results_can_always_show(client, guidance_index):
    page = open_page(guidance_index, ResultsVisibility.ALWAYS)
    seed(snapshot_of(page), {P.PEER_WORKER: [5, 0, 0, 0, 0]})

    html = client.get(page.url).content.decode()

    assert html.count("How people voted") == 3
    assert "<svg" in html and "<table" in html


def test_results_after_close_stay_hidden_while_open_then_show(client, guidance_index):
    page = open_page(guidance_index, ResultsVisibility.AFTER_CLOSE)
    participant = ParticipantFactory()
    vote_cast(participant=participant, clause_snapshot=snapshot_of(page), choice=1)
    client.force_login(participant.user)

    assert "Results appear when the consultation closes" in client.get(page.url).content.decode()

    page.closes_at = timezone.now() - timedelta(minutes=1)
    page.save()
    assert "How people voted" in client.get(page.url).content.decode()


def test_editors_always_see_results(client, guidance_index):
    page = open_page(guidance_index, ResultsVisibility.AFTER_CLOSE)
    client.force_login(UserFactory(is_superuser=True))

    assert client.get(page.url).content.decode().count("How people voted") == 3


def test_results_page_lists_every_clause_with_results_marks_and_trend(client, guidance_index):
    page = open_page(guidance_index, ResultsVisibility.ALWAYS)
    seed(snapshot_of(page, 1), {P.PEER_WORKER: [5, 3, 1, 1, 0], P.EMPLOYER: [1, 1, 2, 3, 3]})
    seed(snapshot_of(page, 2), {P.PEER_WORKER: [4, 4, 0, 0, 0], P.CLINICIAN: [4, 4, 0, 0, 0]})

    response = client.get(f"{page.url}results/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("How people voted") == 3
    assert "Contested</span> Perspectives differ" in html
    assert "Consensus</span> Every perspective" in html
    assert "Too few votes</span> Fewer than 5" in html
    assert "results/csv/" in html


def test_results_csv_suppresses_small_groups(client, guidance_index):
    page = open_page(guidance_index, ResultsVisibility.ALWAYS)
    seed(snapshot_of(page, 1), {P.PEER_WORKER: [5, 3, 1, 1, 0], P.CARER: [1, 1, 0, 0, 0]})

    response = client.get(f"{page.url}results/csv/")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(downloaded(response))))
    by_group = {(row["clause"], row["group"]): row for row in rows}
    assert by_group[("1", "All")]["votes"] == "12"
    assert by_group[("1", "All")]["% agree"] == "83"
    carer = by_group[("1", "Family member or carer")]
    assert (carer["votes"], carer["% agree"]) == ("too few votes", "")
    assert by_group[("2", "All")]["votes"] == "too few votes"


def test_results_csv_leaves_out_clauses_hidden_from_the_reader(client, guidance):
    seed(snapshot_of(guidance), {P.PEER_WORKER: [5, 0, 0, 0, 0]})

    rows = downloaded(client.get(f"{guidance.url}results/csv/")).splitlines()

    assert len(rows) == 1  # the header only: the visitor has not voted


@pytest.mark.parametrize("path", ["", "results/"])
def test_query_count_does_not_grow_with_votes(
    client, guidance_index, django_assert_max_num_queries, path
):
    page = open_page(guidance_index, ResultsVisibility.AFTER_VOTING)
    participant = ParticipantFactory()
    vote_cast(participant=participant, clause_snapshot=snapshot_of(page, 1), choice=1)
    client.force_login(participant.user)
    seed(snapshot_of(page, 1), {P.PEER_WORKER: [2, 2, 2, 2, 1]})
    client.get(page.url + path)  # first request of a session does one-off session work

    cache.clear()
    with django_assert_max_num_queries(50) as few:
        client.get(page.url + path)

    perspectives = [p for p in Perspective.values]
    for number in (1, 2, 3):
        seed(
            snapshot_of(page, number),
            {perspective: [400, 300, 100, 100, 100] for perspective in perspectives[:2]},
        )
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(page.url + path)

    assert Vote.objects.count() > 5000
    assert "How people voted" in response.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_guidance_page_links_to_its_results(client, guidance):
    html = client.get(guidance.url).content.decode()

    assert f'href="{guidance.url}results/"' in html


def test_results_of_an_earlier_version_can_be_read(client, guidance_index):
    page = open_page(guidance_index, ResultsVisibility.ALWAYS)
    seed(snapshot_of(page), {P.PEER_WORKER: [3, 3, 2, 2, 0]})  # 60% in version 1
    page.body[0].value["proposition"] = "A reworded statement"  # so no vote carries over
    page.save_revision().publish()

    earlier = client.get(f"{page.url}results/?version=1").content.decode()
    current = client.get(f"{page.url}results/").content.decode()
    rows = downloaded(client.get(f"{page.url}results/csv/?version=1")).splitlines()

    assert "60% agree</strong> (10 votes, version 1)" in earlier
    assert "60% agree" not in current.split("Across versions")[0]
    assert rows[1].startswith("1,1,Clause heading 1")


@pytest.mark.parametrize("query", ["?version=9", "?version=x"])
def test_unknown_version_of_the_results_is_a_clear_not_found(client, guidance, query):
    response = client.get(f"{guidance.url}results/{query}")

    assert response.status_code == 404
    assert "no version with that number" in response.content.decode()


def test_results_of_a_superseded_version_are_public_whatever_the_setting(client, guidance_index):
    page = open_page(guidance_index, ResultsVisibility.AFTER_VOTING)
    seed(snapshot_of(page), {P.PEER_WORKER: [3, 3, 2, 2, 0]})
    page.body[0].value["proposition"] = "A reworded statement"
    page.save_revision().publish()

    earlier = client.get(f"{page.url}results/?version=1").content.decode()
    current = client.get(f"{page.url}results/").content.decode()

    assert "60% agree</strong> (10 votes, version 1)" in earlier
    assert "appear once you have given your answer" not in earlier
    assert "appear once you have given your answer" in current


def test_results_page_opens_with_a_summary_of_every_clause_by_version(client, guidance_index):
    page = open_page(guidance_index, ResultsVisibility.ALWAYS)
    seed(snapshot_of(page), {P.PEER_WORKER: [3, 3, 2, 2, 0]})  # 60% in version 1
    page.body[1].value["heading"] = "Second clause, reworded"
    page.save_revision().publish()

    html = client.get(f"{page.url}results/").content.decode()
    table = html.split("results-summary-caption")[2].split("</table>")[0]

    assert '<th scope="col">Version 1</th><th scope="col">Version 2</th>' in table
    row = table.split("1. Clause heading 1")[1].split("</tr>")[0]
    # Clause 1 did not change: its ten votes were carried into version 2.
    assert [cell.split("</td>")[0] for cell in row.split("<td>")[1:]] == [
        "60%",
        "60%",
        "",
        "10 (10 carried over)",
    ]
