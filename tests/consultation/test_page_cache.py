import pytest
from django.core.cache import cache

from consultation.models import Choice
from consultation.page_cache import HEADER
from consultation.services.comment_moderation import comment_remove
from consultation.services.feedback import response_record
from consultation.services.votes import vote_cast
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory, UserFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Runs what waits for the transaction to commit, as production would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def cached(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get(HEADER, "none")


def test_an_anonymous_readers_second_visit_is_served_from_the_cache(
    client, guidance, django_assert_max_num_queries
):
    assert cached(client, guidance.url) == "miss"
    with django_assert_max_num_queries(0):
        assert cached(client, guidance.url) == "hit"


@pytest.mark.parametrize("suffix", ["", "versions/", "results/"])
def test_history_and_results_pages_are_cached_too(client, guidance, suffix):
    cached(client, guidance.url + suffix)
    assert cached(client, guidance.url + suffix) == "hit"


def test_home_page_is_cached(client, guidance, home):
    cached(client, home.url)
    assert cached(client, home.url) == "hit"


def test_signed_in_readers_are_never_served_or_stored_in_the_cache(client, guidance):
    cached(client, guidance.url)
    client.force_login(ParticipantFactory().user)

    response = client.get(guidance.url)

    assert HEADER not in response
    assert "Sign out" in response.content.decode()
    client.logout()
    anonymous = client.get(guidance.url)
    assert "Sign out" not in anonymous.content.decode()


def test_a_response_that_sets_a_cookie_is_not_cached(client, guidance, home):
    path = "/accounts/login/"
    client.get(path)
    assert HEADER not in client.get(path)


def test_a_vote_invalidates_the_page(client, guidance, commit):
    cached(client, guidance.url)
    snapshot = guidance.current_version.clauses.exclude(proposition="").first()
    with commit():
        vote_cast(participant=ParticipantFactory(), clause_snapshot=snapshot, choice=Choice.AGREE)

    assert cached(client, guidance.url) == "miss"


def test_a_comment_invalidates_the_page(client, guidance, commit):
    cached(client, guidance.url)
    with commit():
        make_comment(guidance, ParticipantFactory(), clause=guidance.clauses[0])

    assert cached(client, guidance.url) == "miss"


def test_moderation_invalidates_the_page(client, guidance, commit):
    comment = make_comment(guidance, ParticipantFactory(), text="Words to be removed.")
    cached(client, guidance.url)
    with commit():
        comment_remove(comment=comment, moderator=UserFactory(), reason="Names a person.")

    assert cached(client, guidance.url) == "miss"


def test_an_editors_response_invalidates_the_page(client, guidance, commit):
    comment = make_comment(guidance, ParticipantFactory(), text="Please say more on pay.")
    cached(client, f"{guidance.url}feedback/")
    assert cached(client, f"{guidance.url}feedback/") == "hit"
    with commit():
        response_record(
            editor=UserFactory(),
            comment=comment,
            outcome="accepted",
            rationale="Clause 8 now does.",
        )

    assert cached(client, f"{guidance.url}feedback/") == "miss"


def test_publishing_any_page_invalidates_every_cached_page(client, guidance, home):
    cached(client, guidance.url)
    cached(client, home.url)

    guidance.title = "A new title"
    guidance.save_revision().publish()

    assert cached(client, guidance.url) == "miss"
    assert cached(client, home.url) == "miss"
    assert "A new title" in client.get(home.url).content.decode()


def test_a_vote_on_one_page_leaves_other_pages_cached(client, guidance, home, commit):
    cached(client, home.url)
    snapshot = guidance.current_version.clauses.exclude(proposition="").first()
    with commit():
        vote_cast(participant=ParticipantFactory(), clause_snapshot=snapshot, choice=Choice.AGREE)

    assert cached(client, home.url) == "hit"


def test_cache_off_means_nothing_is_cached(client, guidance, settings):
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 0
    cached(client, guidance.url)
    assert HEADER not in client.get(guidance.url)
