"""The known defects of django-comments-xtd 2.10, each closed and pinned by a test."""

import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.db import connection
from django.template.loader import get_template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment

from consultation.discussion.models import GuidanceComment
from consultation.guidance.models import GuidancePage
from tests.consultation.comment_helpers import discussion_path, make_comment
from tests.factories import GuidancePageFactory, ParticipantFactory


@pytest.fixture
def signed_in(client, db):
    client.force_login(ParticipantFactory().user)
    return client


def test_reply_to_another_pages_comment_is_refused_with_a_form_error(
    signed_in, guidance, guidance_index
):
    other_page = GuidancePageFactory(parent=guidance_index)
    foreign = make_comment(other_page, ParticipantFactory())

    response = signed_in.post(
        discussion_path(guidance), {"text": "Crossing over.", "reply_to": foreign.pk}
    )

    assert response.status_code == 400
    assert "You can only reply to a comment in this discussion." in response.content.decode()
    assert "Crossing over." in response.content.decode()
    assert GuidanceComment.objects.count() == 1


def test_reply_to_another_clauses_comment_is_refused(signed_in, guidance):
    first, second = guidance.clauses[:2]
    parent = make_comment(guidance, ParticipantFactory(), clause=first)

    response = signed_in.post(
        discussion_path(guidance, second), {"text": "Wrong clause.", "reply_to": parent.pk}
    )

    assert response.status_code == 400
    assert "only reply to a comment in this discussion" in response.content.decode()


def test_reply_deeper_than_three_levels_is_a_form_error_not_a_500(signed_in, guidance):
    author = ParticipantFactory()
    top = make_comment(guidance, author)
    deepest = make_comment(guidance, author, parent=make_comment(guidance, author, parent=top))

    response = signed_in.post(
        discussion_path(guidance), {"text": "One level too deep.", "reply_to": deepest.pk}
    )

    assert deepest.level == settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    assert response.status_code == 400
    assert "three levels deep at most" in response.content.decode()
    assert "One level too deep." in response.content.decode()


def test_reply_to_a_missing_parent_is_a_form_error_not_a_500(signed_in, guidance):
    response = signed_in.post(discussion_path(guidance), {"text": "Hello?", "reply_to": 987654})

    assert response.status_code == 400
    assert "no longer exists" in response.content.decode()
    assert "Hello?" in response.content.decode()


def test_after_posting_the_participant_lands_on_their_comment(signed_in, guidance):
    clause = guidance.clauses[0]

    response = signed_in.post(
        discussion_path(guidance, clause), {"text": "Where am I?"}, follow=True
    )

    comment = GuidanceComment.objects.get()
    assert response.redirect_chain[-1][0].endswith(f"#comment-{comment.pk}")
    assert f'id="comment-{comment.pk}"' in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/comments/api/", "/comments/api/consultation-guidancepage/1/", "/comments/post/"]
)
def test_xtd_urls_and_api_are_not_mounted(client, guidance, path):
    assert client.get(path).status_code == 404


def test_our_404_page_wins_over_xtds(client, guidance):
    template = get_template("404.html")

    assert Path(template.origin.name).is_relative_to(settings.BASE_DIR / "templates")
    assert "We cannot find that page" in client.get("/no-such-page/").content.decode()


def test_form_loaded_three_hours_ago_still_posts(guidance, monkeypatch):
    participant = ParticipantFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(participant.user)
    form_page = client.get(discussion_path(guidance)).content.decode()
    token = form_page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert 'name="timestamp"' not in form_page and 'name="security_hash"' not in form_page

    later = timezone.now() + timezone.timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.post(
        discussion_path(guidance), {"text": "Read it all first.", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert GuidanceComment.objects.get().comment == "Read it all first."


def seed_comments(page, participant, *, threads: int, clause_id: str = ""):
    """Bulk-insert `threads` top-level comments each with one reply, table by table
    (bulk_create refuses multi-table inheritance)."""
    version = page.current_version
    now = timezone.now()
    common = {
        "content_type_id": ContentType.objects.get_for_model(GuidancePage).pk,
        "object_pk": str(page.pk),
        "site_id": settings.SITE_ID,
        "user_name": participant.display_name,
        "submit_date": now,
    }
    Site.objects.get_or_create(pk=settings.SITE_ID, defaults={"domain": "x.invalid", "name": "x"})
    roots = Comment.objects.bulk_create(
        [Comment(comment=f"Seeded {n}", **common) for n in range(threads)]
    )
    replies = Comment.objects.bulk_create(
        [Comment(comment=f"Seeded reply {n}", **common) for n in range(threads)]
    )
    xtd_rows = [
        XtdComment(comment_ptr_id=root.pk, thread_id=root.pk, parent_id=root.pk, level=0, order=1)
        for root in roots
    ] + [
        XtdComment(comment_ptr_id=reply.pk, thread_id=root.pk, parent_id=root.pk, level=1, order=2)
        for root, reply in zip(roots, replies, strict=True)
    ]
    XtdComment._base_manager._insert(xtd_rows, fields=XtdComment._meta.local_concrete_fields)
    ours = [
        GuidanceComment(
            xtdcomment_ptr_id=row.comment_ptr_id,
            page_id=page.pk,
            clause_id=clause_id,
            version_id=version.pk,
            participant_id=participant.pk,
        )
        for row in xtd_rows
    ]
    GuidanceComment._base_manager._insert(ours, fields=GuidanceComment._meta.local_concrete_fields)


def count_queries(client, path) -> int:
    client.get(path)  # warm caches (site root paths) so both runs start alike
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["visitor", "participant"])
def test_guidance_page_and_discussion_queries_do_not_grow_with_comments(
    client, guidance_index, django_assert_max_num_queries, who
):
    author = ParticipantFactory()
    if who == "participant":
        client.force_login(ParticipantFactory().user)
    small = GuidancePageFactory(parent=guidance_index)
    large = GuidancePageFactory(parent=guidance_index)
    seed_comments(small, author, threads=10, clause_id=small.clauses[0].id)
    seed_comments(large, author, threads=1000, clause_id=large.clauses[0].id)
    assert GuidanceComment.objects.filter(page=large).count() == 2000

    for path_for in (lambda p: p.url, lambda p: discussion_path(p, p.clauses[0])):
        with_20 = count_queries(client, path_for(small))
        with_2000 = count_queries(client, path_for(large))
        assert with_2000 == with_20, path_for(large)
        with django_assert_max_num_queries(25):  # the page budget of issue 9
            client.get(path_for(large))


def session_of(participant) -> str:
    # Signed in in the test's thread: worker threads must not open database connections.
    client = Client()
    client.force_login(participant.user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def post_simultaneously(url: str, requests: list[tuple[str, dict]]) -> list[int]:
    """POST each (session, data) to `url` at the same moment; the status codes."""
    barrier = threading.Barrier(len(requests))
    token = "a" * 32

    def send(request_data):
        session, data = request_data
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Cookie", f"sessionid={session}; csrftoken={token}")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        opener = urllib.request.build_opener(NoRedirect)
        barrier.wait()
        try:
            return opener.open(request, timeout=30).status
        except urllib.error.HTTPError as response:
            return response.code

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, requests))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def live_page():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises every write, so there is no race")
    from consultation.demo.loader import guidance_index, home_page

    # Live-server tests flush the database, so rebuild the page tree they need.
    return GuidancePageFactory(parent=guidance_index(home_page()))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twelve_simultaneous_replies_to_one_thread_all_succeed_in_order(live_server):
    page = live_page()
    root = make_comment(page, ParticipantFactory(), text="Start of the thread.")
    sessions = [session_of(ParticipantFactory()) for _ in range(12)]

    statuses = post_simultaneously(
        live_server.url + discussion_path(page),
        [
            (session, {"text": "A reply at the same moment", "reply_to": root.pk})
            for session in sessions
        ],
    )

    assert statuses == [302] * 12
    thread = list(GuidanceComment.objects.filter(thread_id=root.pk).order_by("order"))
    assert len(thread) == 13
    assert [c.order for c in thread] == list(range(1, 14))
    assert all(c.parent_id == root.pk for c in thread)
    assert XtdComment.objects.get(pk=root.pk).nested_count == 12


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_replies_at_different_depths_keep_the_thread_depth_first(live_server):
    page = live_page()
    author = ParticipantFactory()
    root = make_comment(page, author)
    children = [make_comment(page, author, parent=root) for _ in range(3)]
    parents = [root, *children] * 3

    statuses = post_simultaneously(
        live_server.url + discussion_path(page),
        [
            (session_of(ParticipantFactory()), {"text": "Same moment", "reply_to": parent.pk})
            for parent in parents
        ],
    )

    assert statuses == [302] * 12
    thread = list(GuidanceComment.objects.filter(thread_id=root.pk).order_by("order"))
    assert [c.order for c in thread] == list(range(1, 17))
    # Depth-first: walking the tree by parent links visits comments in `order`.
    children = {}
    for c in thread[1:]:
        children.setdefault(c.parent_id, []).append(c)

    def walk(comment):
        yield comment
        for child in children.get(comment.pk, []):
            yield from walk(child)

    assert [c.pk for c in walk(thread[0])] == [c.pk for c in thread]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_flags_hold_the_comment_and_a_double_flag_is_stored_once(live_server):
    page = live_page()
    comment = make_comment(page, ParticipantFactory())
    flag_url = live_server.url + page.url + f"comments/{comment.pk}/flag/"
    repeat = session_of(ParticipantFactory())
    requests = [(session_of(ParticipantFactory()), {"reason": "abusive"}) for _ in range(3)]
    requests += [(repeat, {"reason": "spam"})] * 5

    statuses = post_simultaneously(flag_url, requests)

    assert statuses == [302] * 8
    assert comment.concerns.count() == 4
    assert GuidanceComment.objects.get(pk=comment.pk).status == "held"
