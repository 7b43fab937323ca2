"""Shared helpers for the comment tests."""

import pytest
from django.core.cache import cache

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


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def reload(comment) -> GuidanceComment:
    return GuidanceComment.objects.get(pk=comment.pk)
