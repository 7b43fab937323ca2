import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from consultation.discussion.models import CommentStatus
from consultation.feedback.models import Outcome
from consultation.feedback.services import response_record
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory


def publish_changed_clause(page, editor):
    body = page.body.raw_data
    body[0]["value"]["heading"] = "A clearer heading"
    page.body = body
    page.save_revision(user=editor).publish()
    page.refresh_from_db()
    return page.current_version


def test_the_page_shows_feedback_outcomes_rationales_and_totals(client, guidance, editor):
    clause = guidance.clauses[0]
    author = ParticipantFactory(display_name="Rowan")
    accepted = make_comment(guidance, author, clause=clause, text="Say who to ask for help.")
    make_comment(guidance, ParticipantFactory(), clause=clause, text="No response yet here.")
    hidden = make_comment(guidance, ParticipantFactory(), clause=clause, text="Hidden words.")
    hidden.status = CommentStatus.REMOVED
    hidden.save()
    second = publish_changed_clause(guidance, editor)
    response_record(
        editor=editor,
        comment=accepted,
        outcome=Outcome.ACCEPTED,
        rationale="We added a contact line.",
        version=second,
    )

    response = client.get(guidance.url + "feedback/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Say who to ask for help." in html
    assert "We added a contact line." in html
    assert "Rowan" in html
    assert "Hidden words." not in html
    assert f"compare/1/{second.number}/" in html
    assert "2 comment threads started. The editors responded to 1 of them (50%)." in html
    summary = response.context["summary"]
    assert dict((v, n) for v, _, n in summary.by_outcome)["accepted"] == 1


def test_the_page_is_not_found_for_restricted_documents(client, guidance):
    PageViewRestriction.objects.create(page=guidance, restriction_type="login")

    assert client.get(guidance.url + "feedback/").status_code == 404


def _feedback(page, editor, n):
    clauses = page.clauses
    for i in range(n):
        clause = clauses[i % len(clauses)]
        comment = make_comment(page, ParticipantFactory(), clause=clause)
        make_comment(page, ParticipantFactory(), clause=clause, parent=comment)
        response_record(
            editor=editor, comment=comment, outcome=Outcome.values[i % 5], rationale=f"R{i}"
        )


@pytest.mark.parametrize("n", [2, 12])
def test_the_page_runs_a_bounded_number_of_queries(
    client, guidance, editor, n, django_assert_max_num_queries
):
    _feedback(guidance, editor, n)
    client.get(guidance.url + "feedback/")  # warm the page and site caches

    # The page chrome (site, footer links with the house rules, navigation) plus five queries
    # for the summary, and one for the suggested wording the editors answered (issue 16).
    # Each request empties the query log as it starts: a capture must start from empty
    # too, or it counts nothing.
    reset_queries()
    with django_assert_max_num_queries(18):
        assert client.get(guidance.url + "feedback/").status_code == 200


def test_signed_in_the_page_comes_from_the_shared_rendering_in_a_few_queries(
    client, guidance, editor, django_assert_max_num_queries, settings
):
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300
    _feedback(guidance, editor, 12)
    client.force_login(ParticipantFactory().user)
    for _ in range(2):
        client.get(guidance.url + "feedback/")
    # The session and user, and the page: the rest is the same for everyone.
    reset_queries()
    with django_assert_max_num_queries(4):
        response = client.get(guidance.url + "feedback/")
    assert response["X-Coproduce-Personal"] == "hit"
    assert "Sign out" in response.content.decode()


def test_the_query_count_does_not_grow_with_the_feedback(client, guidance, editor):
    counts = []
    for n in (2, 10):
        _feedback(guidance, editor, n if not counts else n - 2)
        client.get(guidance.url + "feedback/")
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(guidance.url + "feedback/")
        counts.append(len(queries))

    assert 0 < counts[0] == counts[1]
