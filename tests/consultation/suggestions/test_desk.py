"""Suggested wording on the editors' revision desk: each clause's figures in the page
editor's feedback panel and the workspace's link to the document's suggestions."""

import pytest
from django.urls import reverse

from consultation.feedback.desk import clause_desk
from consultation.suggestions.services import suggestion_withdraw

pytestmark = pytest.mark.django_db


def test_each_clause_counts_its_visible_suggestions_and_those_still_open(
    guidance, make_suggestion, author
):
    make_suggestion("First wording.")
    make_suggestion("Second wording.")
    suggestion_withdraw(participant=author, suggestion=make_suggestion("Taken back."))

    desk = clause_desk(guidance)

    first, second = guidance.clauses[0].id, guidance.clauses[1].id
    figures = {f.label: f for f in desk[first].figures}
    assert figures["Suggested wordings"].count == 2
    assert figures["Suggested wordings still open"].count == 2
    assert f"clause={first}" in figures["Suggested wordings"].url
    assert desk[second].figures == []


def test_the_page_editor_panel_links_a_clause_to_its_suggestions(
    client, guidance, make_suggestion, editor
):
    make_suggestion("Wording for the panel.")
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[guidance.pk])).content.decode()

    box = html[html.index('id="clause-feedback-1"') :]
    box = box[: box.index("</details>")]
    assert "Suggested wordings" in box
    assert reverse("consultation_suggestion_list", args=[guidance.pk]) in box


def test_the_workspace_links_to_the_documents_suggestions(client, guidance, editor):
    client.force_login(editor)

    html = client.get(reverse("consultation_feedback_workspace", args=[guidance.pk])).content
    assert reverse("consultation_suggestion_list", args=[guidance.pk]).encode() in html
