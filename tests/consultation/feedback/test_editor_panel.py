"""Feedback beside each clause in the Wagtail page editor; Wagtail's own comments panel is
gone from guidance pages."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from consultation.feedback.desk import Figure, clause_desk, clause_figures_register
from consultation.feedback.themes import comments_tag
from consultation.voting.models import ResultsVisibility
from consultation.voting.services import vote_cast
from tests.consultation.comment_helpers import make_comment
from tests.factories import GuidancePageFactory, ParticipantFactory, UserFactory


@pytest.fixture
def page(guidance_index, settings):
    settings.COPRODUCE_VOTE_MIN_GROUP = 2
    return GuidancePageFactory(parent=guidance_index, results_visibility=ResultsVisibility.ALWAYS)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_the_page_editor_shows_each_clauses_comments_votes_and_themes(client, page, editor):
    third = page.clauses[2]
    snapshot = page.current_version.clauses.get(clause_id=third.id)
    for choice in (1, 1, 4):
        vote_cast(participant=ParticipantFactory(), clause_snapshot=snapshot, choice=choice)
    comment = make_comment(page, ParticipantFactory(), clause=third, text="About clause three")
    comments_tag(editor=editor, page=page, comment_ids=[comment.pk], name="Supervision")
    client.force_login(editor)

    response = client.get(edit_url(page))

    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="clause-feedback-3"')
    box = html[start : html.index("</details>", start)]
    assert "1 comment, 1 awaiting a response" in box
    assert "3 votes, 67% agree" in box
    assert "Supervision (1)" in box
    assert f"?clause={third.id}" in box


def test_guidance_pages_have_no_wagtail_comments_panel(client, page, editor):
    client.force_login(editor)

    html = client.get(edit_url(page)).content.decode()

    assert 'data-side-panel="comments"' not in html
    assert "Toggle comments" not in html


def test_other_features_add_their_figures_to_each_clause(client, page, editor, monkeypatch):
    from consultation.feedback import desk

    monkeypatch.setattr(desk, "_figure_sources", [])
    first = page.clauses[0]

    @clause_figures_register
    def suggestions(p):
        return {first.id: [Figure("Suggested wordings", 4, "/somewhere/")]}

    client.force_login(editor)
    html = client.get(edit_url(page)).content.decode()

    box = html[html.index('id="clause-feedback-1"') :]
    assert "Suggested wordings" in box[: box.index("</details>")]


def test_the_editor_page_reads_the_feedback_in_a_fixed_number_of_queries(
    client, page, editor, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    client.get(edit_url(page))
    with CaptureQueriesContext(connection) as few:
        client.get(edit_url(page))
    for n in range(60):
        make_comment(page, ParticipantFactory(), clause=page.clauses[n % 3], text=f"c{n}")

    with django_assert_max_num_queries(len(few)):
        client.get(edit_url(page))
    # Wagtail's own edit view makes about 30 queries before any panel; ours adds a few.
    with django_assert_max_num_queries(6):
        clause_desk(page, page.clauses)


def test_moderators_who_edit_pages_do_not_see_the_feedback_panel(client, page):
    moderator = UserFactory(is_superuser=False, is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    make_comment(page, ParticipantFactory(), clause=page.clauses[0])
    client.force_login(moderator)

    response = client.get(edit_url(page))

    assert (
        response.status_code in (302, 403) or "clause-feedback-1" not in response.content.decode()
    )
