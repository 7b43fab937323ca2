"""A discussion page lists its comments in one loop (comments.html): the replies must still
sit inside the comment they answer, and the page's cost must not grow per comment."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from consultation.discussion.models import CommentStatus
from consultation.feedback.models import Outcome
from consultation.feedback.services import response_record
from tests.consultation.comment_helpers import discussion_path, make_comment
from tests.factories import ParticipantFactory


def _article(soup, comment):
    return soup.find("article", id=f"comment-{comment.pk}")


def _answered(soup, comment):
    """The comment whose item holds this comment's item, or None at the top."""
    item = _article(soup, comment).parent
    replies = item.parent
    if "comment-replies" not in replies.get("class", []):
        return None
    return replies.parent.find("article", recursive=False)["id"]


def test_replies_sit_inside_the_comment_they_answer_however_deep(client, guidance):
    clause = guidance.clauses[0]
    people = [ParticipantFactory() for _ in range(3)]
    first = make_comment(guidance, people[0], clause=clause, text="First.")
    reply = make_comment(guidance, people[1], clause=clause, parent=first, text="Reply.")
    answer = make_comment(guidance, people[2], clause=clause, parent=reply, text="Answer.")
    second_reply = make_comment(guidance, people[2], clause=clause, parent=first, text="Two.")
    second = make_comment(guidance, people[1], clause=clause, text="Second.")

    html = client.get(discussion_path(guidance, clause)).content.decode()
    soup = BeautifulSoup(html, "html.parser")

    threads = soup.find("ol", class_="comment-threads")
    tops = [
        li.find("article", recursive=False)["id"] for li in threads.find_all("li", recursive=False)
    ]
    assert tops == [f"comment-{second.pk}", f"comment-{first.pk}"]
    assert _answered(soup, first) is None and _answered(soup, second) is None
    assert _answered(soup, reply) == f"comment-{first.pk}"
    assert _answered(soup, second_reply) == f"comment-{first.pk}"
    assert _answered(soup, answer) == f"comment-{reply.pk}"
    # Every list and item the loop opens, it closes: nothing after the comments is inside.
    assert len(threads.find_all("li", class_="comment-item")) == 5
    assert threads.find_all(["h2", "section", "form"]) == []


def test_each_kind_of_comment_shows_as_before(client, guidance, editor):
    """Published with a response, removed under a rule, held, withdrawn: one of each."""
    clause = guidance.clauses[0]
    shown = make_comment(guidance, ParticipantFactory(display_name="Ash"), clause=clause)
    response_record(editor=editor, comment=shown, outcome=Outcome.NOTED, rationale="Thanks.")
    removed = make_comment(guidance, ParticipantFactory(), clause=clause, text="Rude words.")
    removed.status, removed.broken_rule = CommentStatus.REMOVED, "be_kind"
    removed.save()
    held = make_comment(guidance, ParticipantFactory(), clause=clause, text="Unseen words.")
    held.status = CommentStatus.HELD
    held.save()

    html = client.get(discussion_path(guidance, clause)).content.decode()
    soup = BeautifulSoup(html, "html.parser")

    assert "Ash" in _article(soup, shown).text
    assert "Editors' response: Noted" in _article(soup, shown).text
    assert "broke the house rule “Be kind”" in _article(soup, removed).text
    assert "Rude words." not in html and "Unseen words." not in html
    assert "Waiting for a moderator" in _article(soup, held).text
    assert "comment--hidden" in _article(soup, held)["class"]


def _threads(guidance, clause, editor, people, count):
    for n in range(count):
        root = make_comment(
            guidance, people[n % 3], clause=clause, text=f"Root {n} https://a.example"
        )
        reply = make_comment(guidance, people[(n + 1) % 3], clause=clause, parent=root)
        make_comment(guidance, people[(n + 2) % 3], clause=clause, parent=reply)
        if n == 0:
            response_record(editor=editor, comment=root, outcome=Outcome.NOTED, rationale="Ok.")


def _queries(client, url) -> tuple[int, str]:
    client.get(url)  # the site's and page's lookups, kept across requests
    # Each request empties the query log as it starts: a capture must start from empty.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return len(queries), html


@pytest.mark.parametrize("reader", ["anonymous", "participant"])
def test_a_discussion_page_asks_the_same_queries_for_3_comments_or_45(
    client, guidance, editor, reader
):
    clause = guidance.clauses[0]
    people = [ParticipantFactory() for _ in range(3)]
    if reader == "participant":
        client.force_login(people[0].user)
    url = discussion_path(guidance, clause)
    _threads(guidance, clause, editor, people, 1)
    few, _ = _queries(client, url)

    _threads(guidance, clause, editor, people, 14)
    many, html = _queries(client, url)

    assert html.count('class="comment-item"') == 45
    assert 0 < many <= few
