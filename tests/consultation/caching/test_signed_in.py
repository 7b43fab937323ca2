"""The shared rendering of signed-in pages with caching on: what must never be served from
it (drafts, pages made private, a closed round, stale pages while the cache server is away)
and what every signed-in response must carry."""

import re
import time

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultation.accounts.models import ContentNotes
from consultation.caching import personal, signed_in
from consultation.caching.personal import HEADER
from consultation.discussion.services import comment_post
from tests.consultation.caching.test_personal import _signed_in, _snapshots, two_people  # noqa: F401
from tests.consultation.comment_helpers import discussion_path
from tests.factories import ParticipantFactory, UserFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300
    for store in (signed_in._LOCAL, signed_in._NOT_SHARED, personal._FRAGMENTS, personal._VALUES):
        store.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


# An editor's preview of a draft is answered with the live page from the shared cache.
def test_preview_of_a_draft_shows_the_draft(guidance):
    editor = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(editor)
    client.get(guidance.url)
    assert client.get(guidance.url)[HEADER] == "hit"
    draft = guidance.get_latest_revision_as_object()
    draft.title = "Draft title only editors see"
    draft.save_revision()
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[guidance.pk]))
    assert response.status_code == 200
    assert "Draft title only editors see" in response.content.decode(), response.get(HEADER)


# The shared rendering outlives the moment the round closes (per-process copy has no TTL).
def test_the_round_closing_shows_on_signed_in_pages(guidance):
    guidance.closes_at = timezone.now() + timezone.timedelta(seconds=2)
    guidance.save_revision().publish()
    client = _signed_in(ParticipantFactory())
    before = client.get(guidance.url).content.decode()
    assert "banner--open" in before
    time.sleep(2.5)
    anonymous = Client().get(guidance.url).content.decode()
    assert "banner--open" not in anonymous
    after = client.get(guidance.url)
    assert "banner--open" not in after.content.decode(), after[HEADER]


# Signed-in responses may be stored by a shared proxy: no Cache-Control: private.
def test_signed_in_responses_are_private(guidance):
    client = _signed_in(ParticipantFactory())
    for _ in range(2):
        response = client.get(guidance.url)
        assert "Cookie" in response.get("Vary", "")
        control = response.get("Cache-Control", "")
        assert "private" in control or "no-store" in control, (response[HEADER], control)


# Each person's forms carry their own CSRF token, alternating with cache hits.
def test_every_form_carries_the_readers_own_csrf_token(guidance, two_people):  # noqa: F811
    alex, sam, _ = two_people
    people = [alex, sam]
    clients = []
    for participant in people:
        c = Client(enforce_csrf_checks=True)
        c.force_login(participant.user)
        clients.append(c)
    paths = [
        guidance.url,
        discussion_path(guidance, guidance.clauses[0]),
        guidance.url + "results/",
        guidance.url + "feedback/",
    ]
    for _ in range(3):
        for c in clients:
            for path in paths:
                response = c.get(path)
                html = response.content.decode()
                secret = c.cookies["csrftoken"].value
                tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', html)
                forms = len(re.findall(r'<form[^>]*method="post"', html, re.I))
                assert tokens and len(tokens) == forms, path
                for token in tokens:
                    assert _unmask_cipher_token(token) == secret, (path, response.get(HEADER))


# Content-note preference alternating between two readers.
def test_content_note_preference_alternating(client, guidance_index):
    from tests.consultation.guidance.test_content_notes import details_tag, published_with_a_note

    page = published_with_a_note(client, guidance_index)
    opener = _signed_in(ParticipantFactory(content_notes=ContentNotes.EXPAND))
    folder = _signed_in(ParticipantFactory())
    for _ in range(3):
        assert details_tag(opener.get(page.url).content.decode()).endswith(" open>")
        assert (
            details_tag(folder.get(page.url).content.decode()) == '<details class="content-note">'
        )


# Redis away (IGNORE_EXCEPTIONS: reads miss, writes do nothing): the per-process copy
# with tokens None is served for ever, so a person's new comment never shows.
def test_a_new_comment_shows_while_the_cache_server_is_away(guidance, settings, commit):
    participant = ParticipantFactory()
    client = _signed_in(participant)
    path = discussion_path(guidance, guidance.clauses[0])
    client.get(path)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
        "ratelimit": settings.CACHES["ratelimit"],
    }
    client.get(path)  # rendered while the cache is away
    with commit():
        comment_post(
            participant=participant,
            page=guidance,
            clause_id=guidance.clauses[0].id,
            parent=None,
            text="Words typed while Redis was away.",
            ip_address=None,
        )
    response = client.get(path)
    assert "Words typed while Redis was away." in response.content.decode(), response.get(HEADER)


# Private pages: group- and password-restricted pages never come from the shared rendering.
def test_restricted_pages_alternating(guidance):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    group = Group.objects.create(name="Peer workers")
    restriction = PageViewRestriction.objects.create(
        page=guidance, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    member = ParticipantFactory()
    member.user.groups.add(group)
    member_client, other_client = _signed_in(member), _signed_in(ParticipantFactory())
    for _ in range(3):
        assert guidance.title in member_client.get(guidance.url).content.decode()
        response = other_client.get(guidance.url)
        assert response.status_code in (302, 403) or "clauses" not in response.content.decode()


def test_a_signed_in_page_rendered_in_full_is_private_too(guidance, settings):
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 0
    response = _signed_in(ParticipantFactory()).get(guidance.url)

    assert "private" in response.get("Cache-Control", "")
    assert "Cookie" in response.get("Vary", "")


def _normal(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


# Differential sweep: each persona's page from the shared rendering equals its full render.
@pytest.mark.parametrize(
    "persona", ["editor", "superuser", "unverified", "no_participant", "withdrawn", "paused"]
)
def test_persona_page_is_the_page_rendered_in_full(guidance, two_people, settings, persona, commit):  # noqa: F811
    from django.contrib.auth.models import Group

    from consultation.accounts.services import notifications_pause
    from consultation.discussion.services import comment_withdraw
    from tests.consultation.comment_helpers import make_comment

    alex, sam, comment = two_people
    if persona == "editor":
        user = UserFactory()
        user.groups.add(Group.objects.get(name="Editors"))
    elif persona == "superuser":
        user = UserFactory(is_superuser=True, is_staff=True)
    elif persona == "unverified":
        user = ParticipantFactory(verified=False).user
    elif persona == "no_participant":
        user = UserFactory()
    elif persona == "withdrawn":
        p = ParticipantFactory()
        with commit():
            c = make_comment(guidance, p, clause=guidance.clauses[0], text="Taken back.")
            comment_withdraw(participant=p, comment=c)
        user = p.user
    else:
        p = ParticipantFactory()
        notifications_pause(participant=p, days=7)
        user = p.user
    client = Client()
    client.force_login(user)
    paths = [
        guidance.url,
        discussion_path(guidance, guidance.clauses[0]),
        guidance.url + "results/",
        guidance.url + "feedback/",
        discussion_path(guidance, guidance.clauses[0]) + "?page=2",
    ]
    for path in paths:
        settings.COPRODUCE_PAGE_CACHE_SECONDS = 0
        full = _normal(client.get(path).content.decode())
        settings.COPRODUCE_PAGE_CACHE_SECONDS = 300
        _signed_in(sam).get(path)  # someone else warms the shared rendering
        again = client.get(path)
        assert again.get(HEADER) in ("hit", "miss"), path
        got = _normal(again.content.decode())
        if got != full:
            import difflib

            diff = "\n".join(
                list(difflib.unified_diff(full.splitlines(), got.splitlines(), lineterm="", n=1))[
                    :40
                ]
            )
            pytest.fail(f"{persona} {path} [{again.get(HEADER)}]\n{diff}")


# A page made private after its shared rendering was cached is still served from it:
# a hit never runs Wagtail's view-restriction check.
@pytest.mark.parametrize("kind", ["groups", "password", "login"])
def test_a_page_made_private_is_not_served_from_the_shared_rendering(guidance, kind):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    outsider = _signed_in(ParticipantFactory())
    assert outsider.get(guidance.url).status_code == 200
    assert outsider.get(guidance.url)[HEADER] == "hit"
    if kind == "groups":
        restriction = PageViewRestriction.objects.create(
            page=guidance, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.create(name="Closed group"))
    elif kind == "password":
        PageViewRestriction.objects.create(
            page=guidance, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    else:
        PageViewRestriction.objects.create(
            page=guidance, restriction_type=PageViewRestriction.LOGIN
        )
    response = outsider.get(guidance.url)
    if kind == "login":
        assert response.status_code == 200  # signed in: allowed
        return
    html = response.content.decode()
    assert guidance.clauses[0].heading not in html, (response.status_code, response.get(HEADER))


def test_a_deleted_page_is_not_served(guidance):
    reader = _signed_in(ParticipantFactory())
    reader.get(guidance.url)
    assert reader.get(guidance.url)[HEADER] == "hit"
    url = guidance.url
    guidance.delete()
    response = reader.get(url)
    assert response.status_code == 404, (response.status_code, response.get(HEADER))


def test_a_page_made_private_leaves_the_anonymous_cache_too(guidance):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from consultation.caching.page_cache import HEADER as ANONYMOUS_HEADER

    reader = Client()
    reader.get(guidance.url)
    assert reader.get(guidance.url)[ANONYMOUS_HEADER] == "hit"
    restriction = PageViewRestriction.objects.create(
        page=guidance, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Closed"))

    assert guidance.clauses[0].heading not in reader.get(guidance.url).content.decode()


# Every signed-in GET of a page that has not opted in runs its view twice (once as an
# anonymous copy) at least once a minute per path: side effects such as rate limits count twice.
def test_a_signed_in_api_request_counts_once(guidance, settings):
    settings.COPRODUCE_API_RATE = "3/m"
    client = _signed_in(ParticipantFactory())
    codes = [client.get("/api/v1/guidance/").status_code for _ in range(3)]
    assert codes == [200, 200, 200], codes


# Issue 19: with production's cached_db sessions, a hit reads the session with the entry's
# generations (one cache round trip) and asks the database one query for the person and
# their user, and one more for their answers only if they voted on the page.
def test_a_hit_reads_the_session_with_the_entry_and_asks_one_or_two_queries(
    guidance,
    two_people,  # noqa: F811
    settings,
    django_assert_num_queries,
    monkeypatch,
):
    from django.contrib.sessions.backends import cached_db

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    alex, _, _ = two_people
    newcomer = ParticipantFactory()
    loads = []
    original_load = cached_db.SessionStore.load
    monkeypatch.setattr(
        cached_db.SessionStore, "load", lambda self: loads.append(1) or original_load(self)
    )
    for person, queries in ((newcomer, 1), (alex, 2)):
        client = _signed_in(person)
        client.get(guidance.url)
        loads.clear()
        with django_assert_num_queries(queries):
            page = client.get(guidance.url)
        assert page[HEADER] == "hit"
        assert loads == []
        html = page.content.decode()
        assert ("Your answer: <strong>Agree</strong>" in html) is (person == alex)
        assert ("You will hear about new versions" in html) is (person == alex)
