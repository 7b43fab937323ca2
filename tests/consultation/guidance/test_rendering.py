"""The guidance page's clauses: cached where they are the same for everyone, personal
where they are not, and a fixed number of queries however big the document."""

import pytest
from django.core.cache import cache

from consultation.voting.models import Choice, ResultsVisibility
from consultation.voting.services import vote_cast
from tests.consultation.comment_helpers import make_comment
from tests.factories import GuidancePageFactory, ParticipantFactory


def html_of(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_sections_are_never_shown_to_a_signed_in_participant(client, guidance):
    assert "Sign in to vote" in html_of(client, guidance)  # cached for anonymous readers
    voter = ParticipantFactory()
    client.force_login(voter.user)

    signed_in = html_of(client, guidance)

    assert "Sign in to vote" not in signed_in
    assert "Send my answer" in signed_in
    client.logout()
    anonymous = html_of(client, guidance)
    assert "Send my answer" not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous


def test_a_comment_changes_the_count_shown(client, guidance):
    assert "(0 comments)" in html_of(client, guidance)

    make_comment(guidance, ParticipantFactory(), clause=guidance.clauses[1])

    assert html_of(client, guidance).count("(1 comment)") == 1


def test_a_new_publication_shows_the_new_words(client, guidance):
    assert "Clause heading 1" in html_of(client, guidance)
    revised = guidance.body.raw_data
    revised[0]["value"]["heading"] = "A clearer heading"
    guidance.body = revised
    guidance.change_summary = "Clearer heading."
    guidance.save_revision().publish()

    html = html_of(client, guidance)

    assert "A clearer heading" in html
    assert "Changed in version 2" in html


def test_tallies_shown_to_everyone_follow_the_votes(
    client, guidance, settings, django_capture_on_commit_callbacks
):
    settings.COPRODUCE_VOTE_MIN_GROUP = 1
    guidance.results_visibility = ResultsVisibility.ALWAYS
    guidance.save_revision().publish()
    assert "Too few votes" in html_of(client, guidance)
    snapshot = guidance.current_version.clauses.get(number=1)

    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(participant=ParticipantFactory(), clause_snapshot=snapshot, choice=Choice.AGREE)

    assert "% agree</strong> (1 vote, version" in html_of(client, guidance)


def _busy_page(guidance_index, clauses):
    page = GuidancePageFactory(parent=guidance_index, clauses=clauses)
    people = [ParticipantFactory() for _ in range(3)]
    for snapshot in page.current_version.clauses.all():
        for person in people:
            vote_cast(participant=person, clause_snapshot=snapshot, choice=Choice.AGREE)
    for clause in page.clauses:
        make_comment(page, people[0], clause=clause)
    return page, people[0]


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_page_costs_the_same_queries_for_3_clauses_or_30(
    client, guidance_index, django_assert_max_num_queries, signed_in
):
    small, person = _busy_page(guidance_index, 3)
    big, _ = _busy_page(guidance_index, 30)
    if signed_in:
        client.force_login(person.user)
    html_of(client, small)  # the session and the site's own lookups

    cache.clear()
    # Signed in, "since you last took part" adds four fixed queries (their last comment and
    # vote, new replies, new responses), whatever the number of clauses. Issue 16 adds one
    # grouped query for every clause's suggestion count (cached, like comment counts). With a
    # cold cache, forum sessions (two), their summaries and the facilitated tallies add four more.
    with django_assert_max_num_queries(34 if signed_in else 30) as few:
        html_of(client, small)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        html_of(client, big)
    with django_assert_max_num_queries(len(few.captured_queries) if signed_in else 12):
        html_of(client, big)  # and again, from what is cached


def test_signed_in_from_the_shared_rendering_the_page_asks_a_handful_of_queries(
    client, guidance_index, django_assert_max_num_queries, settings
):
    """The personal layer (consultation/caching/personal.py): the session and user, the
    page, the participant, their answers and earlier answers, their follow, whether they
    may take part and edit; no query per clause, 3 clauses or 30."""
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300
    small, person = _busy_page(guidance_index, 3)
    big, _ = _busy_page(guidance_index, 30)
    client.force_login(person.user)
    for page in (small, big):
        html_of(client, page)
        html_of(client, page)
        with django_assert_max_num_queries(12):
            response = client.get(page.url)
        assert response["X-Coproduce-Personal"] == "hit"
