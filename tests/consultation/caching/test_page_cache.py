import pytest
from django.core.cache import cache

from consultation.caching.page_cache import HEADER
from consultation.discussion.moderation import comment_remove
from consultation.discussion.services import comment_withdraw
from consultation.feedback.services import response_record
from consultation.voting.models import Choice, ResultsVisibility
from consultation.voting.services import vote_cast
from tests.consultation.comment_helpers import discussion_path, make_comment
from tests.factories import ParticipantFactory, UserFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The test settings turn the page cache off; these tests turn it on (the cache itself
    starts empty for every test: `empty_cache` in tests/conftest.py)."""
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300


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


def test_a_hit_is_one_cache_read(client, guidance, monkeypatch):
    """The entry and the generations it depends on come back together: one round trip
    to Redis for most national-consultation traffic."""
    cached(client, guidance.url)
    reads, inside = [], []
    get, get_many = cache.get, cache.get_many

    def counted_get_many(keys, **kwargs):
        reads.append("get_many")
        inside.append(True)  # the local-memory backend reads key by key underneath
        try:
            return get_many(keys, **kwargs)
        finally:
            inside.pop()

    def counted_get(*args, **kwargs):
        if not inside:
            reads.append("get")
        return get(*args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counted_get_many)
    monkeypatch.setattr(cache, "get", counted_get)

    assert cached(client, guidance.url) == "hit"
    assert reads == ["get_many"]


def test_a_hit_still_checks_generations_this_process_has_not_seen(client, guidance, commit):
    from consultation.caching import page_cache

    cached(client, guidance.url)
    page_cache._DEPENDENCIES.clear()
    assert cached(client, guidance.url) == "hit"

    page_cache._DEPENDENCIES.clear()
    participant = ParticipantFactory()
    with commit():
        make_comment(guidance, participant=participant)

    assert cached(client, guidance.url) == "miss"


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


def _vote(guidance):
    snapshot = guidance.current_version.clauses.exclude(proposition="").first()
    vote_cast(participant=ParticipantFactory(), clause_snapshot=snapshot, choice=Choice.AGREE)


def test_a_vote_invalidates_the_results_and_a_page_showing_tallies(client, guidance, commit):
    guidance.results_visibility = ResultsVisibility.ALWAYS
    guidance.save_revision().publish()
    for path in (guidance.url, guidance.url + "results/"):
        cached(client, path)
    with commit():
        _vote(guidance)

    assert cached(client, guidance.url) == "miss"
    assert cached(client, guidance.url + "results/") == "miss"


def test_a_vote_leaves_pages_that_show_no_tallies_cached(client, guidance, commit):
    # Results appear after voting: an anonymous reader's guidance page shows no tallies.
    clause = guidance.clauses[0]
    paths = [guidance.url, guidance.url + "versions/", discussion_path(guidance, clause)]
    for path in paths:
        cached(client, path)
    with commit():
        _vote(guidance)

    assert [cached(client, path) for path in paths] == ["hit", "hit", "hit"]


def test_a_comment_invalidates_its_discussion_and_the_counts_only(client, guidance, commit):
    first, second = guidance.clauses[:2]
    paths = {
        "page": guidance.url,
        "its discussion": discussion_path(guidance, first),
        "other discussion": discussion_path(guidance, second),
        "document discussion": discussion_path(guidance),
        "history": guidance.url + "versions/",
        "results": guidance.url + "results/",
        "feedback": guidance.url + "feedback/",
    }
    for path in paths.values():
        cached(client, path)
    with commit():
        make_comment(guidance, ParticipantFactory(), clause=first, text="Fresh words here.")

    after = {name: cached(client, path) for name, path in paths.items()}
    assert after == {
        "page": "miss",
        "its discussion": "miss",
        "other discussion": "hit",
        "document discussion": "hit",
        "history": "hit",
        "results": "hit",
        "feedback": "miss",
    }
    assert "Fresh words here." in client.get(paths["its discussion"]).content.decode()
    assert "(1 comment)" in client.get(guidance.url).content.decode()


def test_withdrawing_a_comment_invalidates_its_discussion(client, guidance, commit):
    author = ParticipantFactory()
    clause = guidance.clauses[0]
    comment = make_comment(guidance, author, clause=clause, text="Words to take back.")
    cached(client, discussion_path(guidance, clause))
    with commit():
        comment_withdraw(participant=author, comment=comment)

    assert cached(client, discussion_path(guidance, clause)) == "miss"
    assert (
        "Words to take back." not in client.get(discussion_path(guidance, clause)).content.decode()
    )


def test_a_deleted_accounts_name_leaves_cached_discussions(client, guidance, commit):
    from consultation.accounts.signals import participant_deleting

    author = ParticipantFactory(display_name="Named Person")
    make_comment(guidance, author, text="Signed words.")
    assert "Named Person" in client.get(discussion_path(guidance)).content.decode()
    with commit():
        participant_deleting.send(sender=type(author), participant=author, keep_comments=True)

    assert "Named Person" not in client.get(discussion_path(guidance)).content.decode()


@pytest.mark.parametrize("change", ["display_name", "perspectives"])
def test_a_rename_leaves_cached_discussions_and_feedback(client, guidance, commit, change):
    from django.test import Client

    from consultation.feedback.models import Outcome

    author = ParticipantFactory(display_name="Old Name", perspectives="carer")
    comment = make_comment(guidance, author, clause=guidance.clauses[0], text="Signed words.")
    response_record(editor=UserFactory(), comment=comment, outcome=Outcome.NOTED, rationale="Ok.")
    pages = [discussion_path(guidance, guidance.clauses[0]), f"{guidance.url}feedback/"]
    for path in pages:
        cached(client, path)
        assert cached(client, path) == "hit"
    new = {"display_name": "Old Name", "perspectives": "carer", change: "New Name"}
    if change == "perspectives":
        new["perspectives"] = "peer_worker"
    author_client = Client()
    author_client.force_login(author.user)

    with commit():
        response = author_client.post(
            "/accounts/profile/",
            {"form": "profile", **{f"profile-{k}": v for k, v in new.items()}},
        )

    assert response.status_code == 302
    for path in pages:
        html = client.get(path).content.decode()
        if change == "display_name":
            assert "New Name" in html and "Old Name" not in html, path
        else:
            assert "Peer support worker" in html, path


def test_moderation_invalidates_the_page(client, guidance, commit):
    comment = make_comment(guidance, ParticipantFactory(), text="Words to be removed.")
    cached(client, guidance.url)
    with commit():
        comment_remove(
            comment=comment,
            moderator=UserFactory(),
            rule="protect_privacy",
            reason="Names a person.",
        )

    assert cached(client, guidance.url) == "miss"
    assert "Words to be removed." not in client.get(discussion_path(guidance)).content.decode()


def test_an_editors_response_invalidates_the_page(client, guidance, commit):
    comment = make_comment(guidance, ParticipantFactory(), text="Please say more on pay.")
    cached(client, f"{guidance.url}feedback/")
    assert cached(client, f"{guidance.url}feedback/") == "hit"
    for path in (discussion_path(guidance), guidance.url + "versions/", guidance.url):
        cached(client, path)
    with commit():
        response_record(
            editor=UserFactory(),
            comment=comment,
            outcome="accepted",
            rationale="Clause 8 now does.",
        )

    assert cached(client, f"{guidance.url}feedback/") == "miss"
    assert cached(client, discussion_path(guidance)) == "miss"
    assert cached(client, guidance.url + "versions/") == "miss"
    assert cached(client, guidance.url) == "hit"  # shows no responses


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
    with commit():
        _vote(guidance)

    assert cached(client, home.url) == "hit"


def test_cache_off_means_nothing_is_cached(client, guidance, settings):
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 0
    cached(client, guidance.url)
    assert HEADER not in client.get(guidance.url)
