"""The workspace survives a publication, keeps the editor's place, shows real statuses;
the response form shows the comment in context."""

import re

import pytest
from django.urls import reverse

from consultation.discussion.models import GuidanceComment
from consultation.discussion.services import comment_withdraw
from consultation.feedback.models import FeedbackResponse
from consultation.feedback.services import ResponseRefused, response_record
from consultation.guidance.models import GuidancePage
from consultation.voting.models import ResultsVisibility
from consultation.voting.services import vote_cast
from tests.consultation.comment_helpers import make_comment
from tests.factories import GuidancePageFactory, ParticipantFactory


@pytest.fixture
def page(guidance_index, settings):
    settings.COPRODUCE_VOTE_MIN_GROUP = 2
    return GuidancePageFactory(parent=guidance_index, results_visibility=ResultsVisibility.ALWAYS)


def publish(page, index=0, **changes):
    page.body[index].value.update(changes or {"proposition": "A reworded statement"})
    page.change_summary = "Reworded."
    page.save_revision().publish()
    return GuidancePage.objects.get(pk=page.pk)


def test_after_a_publication_the_workspace_shows_the_previous_versions_results(
    client, page, editor
):
    first = page.clauses[0]
    for choice in (1, 1, 4):
        snapshot = page.current_version.clauses.get(clause_id=first.id)
        vote_cast(participant=ParticipantFactory(), clause_snapshot=snapshot, choice=choice)
    page = publish(page)
    client.force_login(editor)

    response = client.get(reverse("consultation_feedback_workspace", args=[page.pk]))

    row = next(r for r in response.context["clauses"] if r.clause_id == first.id)
    assert row.result.result.too_few
    assert row.previous.result.total == 3
    html = response.content.decode()
    assert "Version 1: 3 votes" in html


def test_withdrawn_removed_and_held_comments_show_their_status_and_get_no_response(
    client, page, editor
):
    from consultation.discussion.moderation import comment_remove

    author = ParticipantFactory()
    withdrawn = make_comment(page, author, text="withdrawn words")
    comment_withdraw(participant=author, comment=withdrawn)
    removed = make_comment(page, ParticipantFactory(), text="removed words")
    comment_remove(comment=removed, moderator=editor, rule="protect_privacy")
    held = make_comment(page, ParticipantFactory(), text="held words")
    GuidanceComment.objects.filter(pk=held.pk).update(status="held", is_public=False)
    client.force_login(editor)
    url = reverse("consultation_feedback_workspace", args=[page.pk])

    html = client.get(url).content.decode()
    for comment in (withdrawn, removed, held):
        respond_url = reverse("consultation_feedback_respond", args=[comment.pk])
        assert respond_url not in html
        form = client.get(respond_url).content.decode()
        assert "This comment cannot get a response" in form
        assert client.post(respond_url, {"outcome": "noted", "rationale": "x"}).status_code == 400
        with pytest.raises(ResponseRefused):
            response_record(
                editor=editor, comment=GuidanceComment.objects.get(pk=comment.pk),
                outcome="noted", rationale="x",
            )  # fmt: skip
    assert "Withdrawn by its author" in html and "Held for review" in html
    assert not FeedbackResponse.objects.exists()
    withdrawn_only = client.get(url, {"status": "withdrawn"}).context["threads"]
    assert [r["comment"].pk for r in withdrawn_only] == [withdrawn.pk]
    awaiting = client.get(url, {"status": "awaiting"}).context["threads"]
    assert awaiting == []


def test_saving_a_response_returns_to_the_same_filtered_list_and_thread(client, page, editor):
    clause = page.clauses[1]
    comment = make_comment(page, ParticipantFactory(), clause=clause, text="Where was I?")
    client.force_login(editor)
    workspace = reverse("consultation_feedback_workspace", args=[page.pk])
    listing = client.get(workspace, {"clause": clause.id, "status": "awaiting", "p": "1"})
    link = re.search(rf'href="([^"]*/respond/{comment.pk}/[^"]*)"', listing.content.decode())
    form_url = link.group(1).replace("&amp;", "&")

    form = client.get(form_url)
    back = form.context["back"]
    saved = client.post(form_url, {"outcome": "noted", "rationale": "Thanks.", "back": back})

    assert saved.status_code == 302
    location = saved["Location"]
    assert location.startswith(workspace + "?")
    assert f"clause={clause.id}" in location and "status=awaiting" in location
    assert location.endswith(f"#thread-{comment.pk}")


def test_a_back_address_carries_only_the_workspace_filters(client, page, editor):
    comment = make_comment(page, ParticipantFactory())
    client.force_login(editor)

    saved = client.post(
        reverse("consultation_feedback_respond", args=[comment.pk]),
        {"outcome": "noted", "rationale": "Thanks.", "back": "next=https://evil.example&q=x"},
    )

    assert saved["Location"].startswith("/admin/feedback/")
    assert "evil" not in saved["Location"] and "q=x" in saved["Location"]


def test_the_response_form_shows_the_clause_then_and_now_the_thread_and_votes(client, page, editor):
    clause = page.clauses[0]
    snapshot = page.current_version.clauses.get(clause_id=clause.id)
    for choice in (1, 2):
        vote_cast(participant=ParticipantFactory(), clause_snapshot=snapshot, choice=choice)
    root = make_comment(page, ParticipantFactory(display_name="Ash"), clause=clause)
    make_comment(
        page,
        ParticipantFactory(display_name="Bo"),
        clause=clause,
        parent=root,
        text="A reply here.",
    )
    page.body[0].value["heading"] = "A heading in the draft"
    page.save_revision()  # a draft, not published
    client.force_login(editor)

    response = client.get(reverse("consultation_feedback_respond", args=[root.pk]))

    html = response.content.decode()
    assert f"{snapshot.number}. {snapshot.heading}" in html
    assert "A heading in the draft" in html
    assert "A reply here." in html and "Bo" in html
    assert "2 votes, 100% agree" in html
    assert "Open this clause’s feedback in the workspace" in html


def test_the_editors_pages_read_in_a_fixed_number_of_queries_within_budget(
    client, page, editor, django_assert_max_num_queries
):
    """The same number of queries with 6 threads as with 66 (more than a page of them),
    tagged, answered and replied to, and never more than 25."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from consultation.feedback.themes import comments_tag

    client.force_login(editor)
    workspace = reverse("consultation_feedback_workspace", args=[page.pk])
    urls = [
        workspace,
        f"{workspace}?clause={page.clauses[0].id}&status=awaiting&perspective=carer",
        f"{workspace}?outcome=noted&status=responded",
        reverse("consultation_feedback_themes", args=[page.pk]),
    ]

    def add(n):
        made = []
        for i in range(n):
            author = ParticipantFactory(perspectives="carer" if i % 2 else "clinician")
            comment = make_comment(page, author, clause=page.clauses[i % 3], text=f"c{i}")
            if i % 3 == 0:
                make_comment(page, ParticipantFactory(), clause=page.clauses[i % 3], parent=comment)
            if i % 4 == 0:
                response_record(editor=editor, comment=comment, outcome="noted", rationale="Ok.")
            made.append(comment.pk)
        for name in ("Pay", "Time"):
            comments_tag(editor=editor, page=page, comment_ids=made[::2], name=name)

    def counts():
        found = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    add(6)
    small = counts()
    add(60)
    large = counts()

    assert small == large
    assert max(large) <= 25, large
