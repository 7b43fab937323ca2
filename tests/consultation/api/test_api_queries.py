"""Each endpoint runs the same number of queries whatever the amount of data."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation.feedback.models import Outcome
from consultation.feedback.services import response_record
from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import Vote
from tests.consultation.comment_helpers import make_comment
from tests.factories import GuidancePageFactory, ParticipantFactory, UserFactory

BUDGET = 12


def endpoints(guidance):
    base = f"/api/v1/guidance/{guidance.pk}"
    return [
        "/api/v1/guidance/",
        f"{base}/versions/",
        f"{base}/versions/1/",
        f"{base}/versions/1/results/",
        f"{base}/comments/?limit=100",
    ]


def query_counts(client, guidance) -> list[int]:
    counts = []
    for url in endpoints(guidance):
        cache.clear()  # count the uncached path, tallies included
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


def add_data(guidance, guidance_index, *, size):
    from django.contrib.auth.models import Group

    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    for _ in range(size):
        GuidancePageFactory(parent=guidance_index, clauses=2)
    snapshots = list(ClauseSnapshot.objects.filter(version=guidance.current_version))
    for n in range(size * 3):
        participant = ParticipantFactory()
        clause = guidance.clauses[n % len(guidance.clauses)]
        comment = make_comment(guidance, participant, clause=clause)
        make_comment(guidance, ParticipantFactory(), clause=clause, parent=comment)
        response_record(editor=editor, comment=comment, outcome=Outcome.NOTED, rationale="Ok.")
        for snapshot in snapshots:
            Vote.objects.create(
                participant=participant, snapshot=snapshot, choice=1 + n % 5, perspectives="carer"
            )


def test_every_endpoint_runs_a_bounded_number_of_queries_whatever_the_data_size(
    client, guidance, guidance_index, settings
):
    guidance.results_visibility = "always"
    guidance.save()
    settings.COPRODUCE_VOTE_MIN_GROUP = 1
    add_data(guidance, guidance_index, size=1)
    small = query_counts(client, guidance)

    add_data(guidance, guidance_index, size=5)
    large = query_counts(client, guidance)

    assert large == small
    assert max(large) <= BUDGET
