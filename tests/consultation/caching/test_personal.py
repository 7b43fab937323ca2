"""Signed-in pages from one shared rendering plus each person's layer
(consultation/caching/personal.py): never one person's data for another."""

import re

import pytest
from django.test import Client

from consultation.accounts.services import follow_create
from consultation.caching.personal import HEADER
from consultation.forum.services import registration_make
from consultation.suggestions.services import suggestion_make, suggestion_support
from consultation.suggestions.text import blocks_parse
from consultation.voting.models import Choice, ResultsVisibility
from consultation.voting.services import vote_cast
from tests.consultation.comment_helpers import discussion_path, make_comment
from tests.consultation.forum.helpers import session_under
from tests.factories import ParticipantFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _snapshots(guidance):
    return list(guidance.current_version.clauses.exclude(proposition="").order_by("number"))


def _signed_in(participant) -> Client:
    client = Client()
    client.force_login(participant.user)
    return client


def _answers(html) -> list[str]:
    return re.findall(r"Your answer: <strong>([^<]+)</strong>", html)


@pytest.fixture
def two_people(guidance, commit):
    """Alex agrees with the first clause, follows the guidance and wrote a comment; Sam
    disagrees with it and follows nothing."""
    guidance.results_visibility = ResultsVisibility.AFTER_VOTING
    guidance.save_revision().publish()
    alex = ParticipantFactory(display_name="Alex Example")
    sam = ParticipantFactory(display_name="Sam Sample")
    first = _snapshots(guidance)[0]
    with commit():
        vote_cast(participant=alex, clause_snapshot=first, choice=Choice.AGREE)
        vote_cast(participant=sam, clause_snapshot=first, choice=Choice.DISAGREE)
        follow_create(participant=alex, page=guidance)
        comment = make_comment(guidance, alex, clause=guidance.clauses[0], text="Alex's words.")
    return alex, sam, comment


# Production keeps sessions in the cache too (cached_db), read with the page's entry.
@pytest.mark.parametrize(
    "sessions",
    ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"],
)
def test_two_people_alternating_each_see_only_their_own_state(
    guidance, two_people, settings, sessions
):
    settings.SESSION_ENGINE = sessions
    alex, sam, comment = two_people
    clause = guidance.clauses[0]
    withdraw = guidance.url + f"comments/{comment.pk}/withdraw/"
    clients = {"alex": _signed_in(alex), "sam": _signed_in(sam)}
    seen = set()
    for _ in range(5):
        for who, client in clients.items():
            page = client.get(guidance.url)
            html = page.content.decode()
            seen.add(page[HEADER])
            assert "personal:" not in html and "coproduce_csrf" not in html
            assert page.cookies.get("csrftoken") or client.cookies.get("csrftoken")
            token = client.cookies["csrftoken"].value
            assert token and 'name="csrfmiddlewaretoken" value="' in html
            if who == "alex":
                assert _answers(html) == ["Agree"]
                assert "Stop following" in html
            else:
                assert _answers(html) == ["Disagree"]
                assert "Stop following" not in html and ">Follow<" in html
            talk = client.get(discussion_path(guidance, clause)).content.decode()
            assert (withdraw in talk) == (who == "alex")
            assert "Alex&#x27;s words." in talk or "Alex's words." in talk
    assert seen == {"miss", "hit"}


def test_the_personal_page_is_the_page_rendered_in_full(guidance, two_people, settings):
    alex, _, _ = two_people
    client = _signed_in(alex)
    paths = [
        guidance.url,
        discussion_path(guidance, guidance.clauses[0]),
        guidance.url + "results/",
    ]

    def normal(html):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    for path in paths:
        settings.COPRODUCE_PAGE_CACHE_SECONDS = 0
        full = normal(client.get(path).content.decode())
        settings.COPRODUCE_PAGE_CACHE_SECONDS = 300
        client.get(path)
        again = client.get(path)
        assert again[HEADER] == "hit"
        assert normal(again.content.decode()) == full


def test_an_anonymous_response_never_carries_a_persons_data(guidance, two_people):
    alex, _, comment = two_people
    withdraw = guidance.url + f"comments/{comment.pk}/withdraw/"
    _signed_in(alex).get(guidance.url)
    _signed_in(alex).get(discussion_path(guidance, guidance.clauses[0]))
    anonymous = Client()
    for path in (guidance.url, discussion_path(guidance, guidance.clauses[0])):
        for _ in range(2):
            html = anonymous.get(path).content.decode()
            assert "Your answer" not in html and "Stop following" not in html
            assert withdraw not in html and "Sign out" not in html
            assert "personal:" not in html and "coproduce_csrf" not in html


def test_a_changed_vote_shows_on_the_persons_next_page_view(client, guidance, two_people):
    alex, _, _ = two_people
    client.force_login(alex.user)
    client.get(guidance.url)
    assert client.get(guidance.url)[HEADER] == "hit"
    first = _snapshots(guidance)[0]
    clause = guidance.clause_by_short_id(first.clause_id[:8])
    response = client.post(
        guidance.url + f"clauses/{clause.short_id}/vote/",
        {"choice": Choice.STRONGLY_DISAGREE.value, "version": guidance.current_version.number},
    )
    assert response.status_code == 302
    client.get(guidance.url)  # the confirmation, shown once, in full
    assert _answers(client.get(guidance.url).content.decode()) == ["Strongly disagree"]


def test_a_signed_in_guidance_page_asks_a_handful_of_queries(
    client, guidance, two_people, django_assert_max_num_queries
):
    alex, _, _ = two_people
    client.force_login(alex.user)
    client.get(guidance.url)
    with django_assert_max_num_queries(12):
        assert client.get(guidance.url)[HEADER] == "hit"
    path = discussion_path(guidance, guidance.clauses[0])
    client.get(path)
    client.get(path)
    with django_assert_max_num_queries(10):
        assert client.get(path)[HEADER] == "hit"


def test_a_held_comment_shows_to_its_author_as_in_a_full_rendering(guidance, commit, settings):
    guidance.pre_moderate_comments = True
    guidance.save_revision().publish()
    alex = ParticipantFactory()
    with commit():
        make_comment(guidance, alex, clause=guidance.clauses[0], text="Waiting words.")
    client = _signed_in(alex)
    path = discussion_path(guidance, guidance.clauses[0])
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 0
    in_full = "Waiting words." in client.get(path).content.decode()
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300
    for _ in range(2):
        assert ("Waiting words." in client.get(path).content.decode()) == in_full
    assert "Waiting words." not in _signed_in(ParticipantFactory()).get(path).content.decode()


# The replica is a second connection: it sees only committed data, hence transaction=True
# (and the demo, as tests/site/test_db_routers.py does: a flushed database has no pages).
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_changed_vote_shows_at_once_with_the_read_replica(client, settings):
    from django.core.management import call_command

    from consultation.demo.content import MAIN_SLUG
    from consultation.guidance.models import GuidancePage
    from coproduce_site import db_routers

    db_routers._replica_down_until = 0.0
    settings.DATABASE_ROUTERS = ["coproduce_site.db_routers.PrimaryReplicaRouter"]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "coproduce_site.db_routers.ReadYourWritesMiddleware",
    )
    settings.MIDDLEWARE = middleware
    call_command("load_demo")
    page = GuidancePage.objects.get(slug=MAIN_SLUG)
    snapshot = page.current_version.clauses.exclude(proposition="").order_by("number").first()
    vote_path = f"{page.url}clauses/{snapshot.clause_id[:8]}/vote/"
    client.force_login(ParticipantFactory().user)
    for choice in (Choice.AGREE, Choice.NEITHER):
        response = client.post(
            vote_path, {"choice": choice.value, "version": page.current_version.number}
        )
        assert db_routers.WROTE_COOKIE in response.cookies
        client.get(page.url)  # the confirmation, shown once, in full
        for _ in range(2):  # the shared page made (after the demo's first), then reused
            again = client.get(page.url)
            assert f"Your answer: <strong>{choice.label}</strong>" in again.content.decode()
        assert again[HEADER] == "hit"


def test_results_held_back_until_voting_are_shown_per_person(guidance, two_people):
    alex, _, _ = two_people
    casey = ParticipantFactory(display_name="Casey Case")
    hidden = "Results for this clause appear once you have given your answer."
    path = guidance.url + "results/"
    clauses = len(_snapshots(guidance))
    clients = [(_signed_in(alex), clauses - 1), (_signed_in(casey), clauses)]
    for _ in range(3):
        for client, expected in clients:
            html = client.get(path).content.decode()
            # Each clause says it twice: in the summary table and in its section.
            assert html.count(hidden) == 2 * expected


@pytest.fixture
def suggestions(guidance, two_people, commit):
    """Rowan suggests wording for the first clause; Alex supports it, Sam does not."""
    alex, sam, _ = two_people
    rowan = ParticipantFactory(display_name="Rowan Writer")
    with commit():
        suggestion = suggestion_make(
            participant=rowan,
            page=guidance,
            clause_id=guidance.clauses[0].id,
            blocks=blocks_parse("Body of clause 1, in plainer words."),
            proposition="",
            reason="It reads more plainly.",
        )
        suggestion_support(participant=alex, suggestion=suggestion)
    return rowan, suggestion


def test_suggestion_actions_alternating_each_see_only_their_own_state(
    guidance, two_people, suggestions
):
    alex, sam, _ = two_people
    rowan, suggestion = suggestions
    path = discussion_path(guidance, guidance.clauses[0])
    withdraw = guidance.url + f"suggestions/{suggestion.pk}/withdraw/"
    clients = {"alex": _signed_in(alex), "sam": _signed_in(sam), "rowan": _signed_in(rowan)}
    seen = set()
    for _ in range(3):
        for who, client in clients.items():
            response = client.get(path)
            seen.add(response[HEADER])
            html = response.content.decode()
            assert "personal:" not in html and "coproduce_csrf" not in html
            assert "Rowan Writer" in html and "1 supporter" in html
            assert ("Take back your support" in html) == (who == "alex")
            assert ("Support this suggestion" in html) == (who == "sam")
            assert ("Withdraw your suggestion" in html) == (who == "rowan")
            assert (withdraw in html) == (who == "rowan")
            assert ("Flag<span" in html and "the suggestion by" in html) == (who != "rowan")
    assert seen == {"miss", "hit"}
    anonymous = Client().get(path).content.decode()
    assert "Take back your support" not in anonymous and "Support this suggestion" not in anonymous
    assert withdraw not in anonymous and "personal:" not in anonymous


def test_a_taken_back_support_shows_on_the_persons_next_page_view(
    guidance, two_people, suggestions
):
    alex, _, _ = two_people
    _, suggestion = suggestions
    client = _signed_in(alex)
    path = discussion_path(guidance, guidance.clauses[0])
    client.get(path)
    assert "Take back your support" in client.get(path).content.decode()
    response = client.post(
        guidance.url + f"suggestions/{suggestion.pk}/support/", {"action": "take_back"}
    )
    assert response.status_code == 302
    client.get(path)  # a message, if any, is shown once in full
    html = client.get(path).content.decode()
    assert "Support this suggestion" in html and "Take back your support" not in html


def test_a_discussion_with_suggestions_is_the_page_rendered_in_full(
    guidance, two_people, suggestions, settings
):
    alex, sam, _ = two_people
    rowan, _ = suggestions

    def normal(html):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    path = discussion_path(guidance, guidance.clauses[0])
    for person in (alex, sam, rowan):
        client = _signed_in(person)
        settings.COPRODUCE_PAGE_CACHE_SECONDS = 0
        full = normal(client.get(path).content.decode())
        settings.COPRODUCE_PAGE_CACHE_SECONDS = 300
        client.get(path)
        again = client.get(path)
        assert again[HEADER] == "hit"
        assert normal(again.content.decode()) == full


def test_forum_registration_is_not_on_the_shared_pages(guidance, two_people, commit):
    """The guidance page lists sessions the same for everyone: a registration (and its
    "you are registered") shows only on the session's own page, rendered per person."""
    alex, sam, _ = two_people
    session = session_under(guidance)
    with commit():
        registration_make(participant=alex, session=session)
    pages = {}
    for who, person in (("alex", alex), ("sam", sam)):
        client = _signed_in(person)
        client.get(guidance.url)
        pages[who] = client.get(guidance.url).content.decode()
        assert session.title in pages[who] and "registered" not in pages[who]
        own = client.get(session.url).content.decode()
        assert ("You are registered for this session" in own) == (who == "alex")


def test_a_discussion_with_suggestions_asks_a_handful_of_queries(
    client, guidance, two_people, suggestions, django_assert_max_num_queries
):
    alex, _, _ = two_people
    client.force_login(alex.user)
    path = discussion_path(guidance, guidance.clauses[0])
    client.get(path)
    client.get(path)
    # 5 when measured: the session and user, the person, their comments, and one query of
    # the reader's own and supported suggestions for the whole page (never one per
    # suggestion: suggestions/fragments.py); a little room for the taking-part check.
    with django_assert_max_num_queries(8):
        assert client.get(path)[HEADER] == "hit"
