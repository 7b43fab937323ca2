"""Themes typed by several editors at the same instant, on PostgreSQL (SQLite runs one
writer at a time, so these skip there)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from consultation.demo.loader import home_page
from consultation.feedback.models import CommentTheme, Theme
from consultation.feedback.themes import comments_tag
from tests.consultation.comment_helpers import make_comment
from tests.factories import (
    GuidanceIndexPageFactory,
    GuidancePageFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite runs one writer at a time, so no real concurrency")


def test_editors_typing_one_new_theme_at_once_make_one_theme():
    # A transactional test may run after another has flushed the groups the migrations
    # made, so the editor here holds every permission rather than the Editors group.
    editor = UserFactory(is_superuser=True, is_staff=True)
    page = GuidancePageFactory(parent=GuidanceIndexPageFactory(parent=home_page()))
    comment = make_comment(page, ParticipantFactory())
    names = ["Peer supervision", "peer supervision", "PEER SUPERVISION", "Peer  supervision"] * 2
    start = threading.Barrier(len(names))

    def tag(name):
        try:
            start.wait(timeout=30)
            theme, _ = comments_tag(editor=editor, page=page, comment_ids=[comment.pk], name=name)
            return theme.pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(names)) as pool:
        ids = set(pool.map(tag, names))

    assert Theme.objects.filter(page=page).count() == 1
    assert ids == {Theme.objects.get(page=page).pk}
    assert CommentTheme.objects.filter(comment=comment).count() == 1
