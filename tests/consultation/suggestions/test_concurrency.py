"""Support and acceptance under real concurrency, on PostgreSQL (SQLite runs one writer
at a time, so there these tests would prove nothing and skip)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from wagtail.models import Revision

from consultation.demo.loader import home_page
from consultation.suggestions.models import Suggestion, SuggestionSupport
from consultation.suggestions.services import (
    SuggestionRefused,
    suggestion_accept_into_draft,
    suggestion_make,
    suggestion_support,
)
from consultation.suggestions.text import blocks_parse
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


@pytest.fixture
def page(db):
    return GuidancePageFactory(parent=GuidanceIndexPageFactory(parent=home_page()))


def _suggest(page, text="Different words.", clause=0):
    return suggestion_make(
        participant=ParticipantFactory(),
        page=page,
        clause_id=page.clauses[clause].id,
        blocks=blocks_parse(text),
        proposition="",
        reason="Plainer.",
    )


def _run_at_once(count, action):
    start = threading.Barrier(count)

    def run(n):
        try:
            start.wait(timeout=60)
            return action(n)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_twenty_concurrent_supports_by_one_person_leave_one_row(page):
    suggestion = _suggest(page)
    supporter = ParticipantFactory()

    def support(n):
        suggestion_support(
            participant=supporter, suggestion=Suggestion.objects.get(pk=suggestion.pk)
        )
        return "ok"

    assert _run_at_once(20, support) == ["ok"] * 20
    assert SuggestionSupport.objects.filter(suggestion=suggestion).count() == 1


def test_one_suggestion_accepted_at_once_by_several_editors_makes_one_revision(page):
    suggestion = _suggest(page)
    editor = UserFactory(is_superuser=True)
    before = Revision.objects.filter(object_id=str(page.pk)).count()

    def accept(n):
        try:
            suggestion_accept_into_draft(
                editor=editor, suggestion=Suggestion.objects.get(pk=suggestion.pk), rationale="Yes"
            )
        except SuggestionRefused:
            return "refused"
        return "accepted"

    results = _run_at_once(8, accept)
    assert sorted(results) == ["accepted"] + ["refused"] * 7
    assert Revision.objects.filter(object_id=str(page.pk)).count() == before + 1


def test_suggestions_on_two_clauses_accepted_at_once_both_reach_the_draft(page):
    first, second = _suggest(page, "First new.", 0), _suggest(page, "Second new.", 1)
    editor = UserFactory(is_superuser=True)
    both = [first, second]

    def accept(n):
        suggestion_accept_into_draft(editor=editor, suggestion=both[n], rationale="Yes")
        return "accepted"

    assert _run_at_once(2, accept) == ["accepted", "accepted"]
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.body[0].value["body"].source == "<p>First new.</p>"
    assert draft.body[1].value["body"].source == "<p>Second new.</p>"
