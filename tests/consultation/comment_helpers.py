"""Plain helpers for tests that need comments: post one through the service, find a
discussion's address, read a comment again. (Each test starts with an empty cache, so no
rate limit carries over: see `empty_cache` in tests/conftest.py.)"""

from consultation.discussion.models import GuidanceComment
from consultation.discussion.services import comment_post


def discussion_path(page, clause=None) -> str:
    if clause is None:
        return page.url + "discussion/"
    return page.url + f"clauses/{clause.short_id}/discussion/"


def make_comment(page, participant, *, clause=None, parent=None, text="A comment."):
    return comment_post(
        participant=participant,
        page=page,
        clause_id=clause.id if clause else "",
        parent=parent,
        text=text,
    )


def reload(comment) -> GuidanceComment:
    return GuidanceComment.objects.get(pk=comment.pk)
