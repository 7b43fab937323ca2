import pytest
from django.urls import reverse

from consultation.discussion.models import CommentFlag, GuidanceComment
from consultation.feedback.models import FeedbackResponse, Outcome
from consultation.feedback.services import response_record
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory, UserFactory


def editor_routes(guidance, comment):
    return [
        reverse("consultation_feedback_index"),
        reverse("consultation_feedback_workspace", args=[guidance.pk]),
        reverse("consultation_feedback_respond", args=[comment.pk]),
        reverse("consultation_feedback_themes", args=[guidance.pk]),
    ]


def test_anonymous_visitors_are_sent_to_log_in_on_every_editor_route(client, guidance):
    comment = make_comment(guidance, ParticipantFactory())
    for url in editor_routes(guidance, comment):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"]


def test_participants_cannot_reach_any_editor_route(client, guidance, participant_user):
    comment = make_comment(guidance, ParticipantFactory())
    client.force_login(participant_user)
    for url in editor_routes(guidance, comment):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or "/admin/" in response["Location"]


def test_admin_users_outside_editors_get_403(client, guidance):
    from django.contrib.auth.models import Group

    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    comment = make_comment(guidance, ParticipantFactory())
    client.force_login(moderator)
    for url in editor_routes(guidance, comment):
        assert client.get(url).status_code == 403, url
    assert client.post(editor_routes(guidance, comment)[2], {}).status_code == 403


def test_the_workspace_lists_clauses_results_threads_and_awaiting_counts(client, guidance, editor):
    first, second = guidance.clauses[:2]
    make_comment(guidance, ParticipantFactory(), clause=first, text="Please say more.")
    make_comment(guidance, ParticipantFactory(), clause=first, text="Another thought.")
    answered = make_comment(guidance, ParticipantFactory(), clause=second, text="Answered.")
    response_record(editor=editor, comment=answered, outcome=Outcome.NOTED, rationale="Thanks.")
    client.force_login(editor)

    response = client.get(reverse("consultation_feedback_workspace", args=[guidance.pk]))

    assert response.status_code == 200
    rows = {r.clause_id: r for r in response.context["clauses"]}
    assert rows[first.id].awaiting == 2
    assert rows[second.id].awaiting == 0
    html = response.content.decode()
    assert "Please say more." in html
    assert "Noted" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "awaiting"}, {"awaiting", "flagged"}),
        ({"status": "responded"}, {"responded"}),
        ({"status": "flagged"}, {"flagged"}),
        ({"q": "RESPOND"}, {"responded"}),
        ({"perspective": "carer"}, {"flagged"}),
    ],
)
def test_the_workspace_filters_threads(client, guidance, editor, query, expected):
    clause = guidance.clauses[0]
    make_comment(
        guidance, ParticipantFactory(perspectives="clinician"), clause=clause, text="awaiting"
    )
    responded = make_comment(
        guidance, ParticipantFactory(perspectives="clinician"), clause=clause, text="responded"
    )
    response_record(editor=editor, comment=responded, outcome=Outcome.NOTED, rationale="Ok.")
    flagged = make_comment(guidance, ParticipantFactory(perspectives="carer"), text="flagged")
    CommentFlag.objects.create(comment=flagged, participant=ParticipantFactory(), reason="spam")
    client.force_login(editor)

    response = client.get(reverse("consultation_feedback_workspace", args=[guidance.pk]), query)

    assert {row["comment"].comment for row in response.context["threads"]} == expected


def test_filtering_by_clause_and_version(client, guidance, editor):
    first, second = guidance.clauses[:2]
    make_comment(guidance, ParticipantFactory(), clause=first, text="on first")
    make_comment(guidance, ParticipantFactory(), clause=second, text="on second")
    client.force_login(editor)
    url = reverse("consultation_feedback_workspace", args=[guidance.pk])

    by_clause = client.get(url, {"clause": second.id}).context["threads"]
    by_version = client.get(url, {"version": guidance.current_version.pk}).context["threads"]
    bad = client.get(url, {"version": "nonsense", "clause": "nope"})

    assert [r["comment"].comment for r in by_clause] == ["on second"]
    assert len(by_version) == 2
    assert bad.status_code == 200


def test_an_editor_records_and_edits_a_response_from_the_form(client, guidance, editor):
    clause = guidance.clauses[0]
    comment = make_comment(guidance, ParticipantFactory(), clause=clause)
    client.force_login(editor)
    url = reverse("consultation_feedback_respond", args=[comment.pk])

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "outcome": "accepted",
            "rationale": "We rewrote it.",
            "version": guidance.current_version.pk,
            "clause_ids": [clause.id],
        },
    )
    assert response.status_code == 302
    client.post(url, {"outcome": "partly_accepted", "rationale": "Half of it."})

    saved = FeedbackResponse.objects.get(comment=comment)
    assert saved.outcome == "partly_accepted"
    assert saved.addressed_in is None
    assert saved.responded_by == editor


def test_an_incomplete_response_keeps_what_was_typed(client, guidance, editor):
    comment = make_comment(guidance, ParticipantFactory())
    client.force_login(editor)

    response = client.post(
        reverse("consultation_feedback_respond", args=[comment.pk]),
        {"rationale": "Typed but no outcome."},
    )

    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "Typed but no outcome." in response.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_replies_have_no_response_form(client, guidance, editor):
    parent = make_comment(guidance, ParticipantFactory())
    reply = make_comment(guidance, ParticipantFactory(), parent=parent)
    client.force_login(editor)

    assert client.get(reverse("consultation_feedback_respond", args=[reply.pk])).status_code == 404


def test_the_workspace_shows_each_comments_real_status(client, guidance, editor):
    from consultation.discussion.moderation import comment_remove
    from consultation.discussion.services import comment_withdraw

    withdrawn_author = ParticipantFactory()
    withdrawn = make_comment(guidance, withdrawn_author, text="withdrawn")
    comment_withdraw(participant=withdrawn_author, comment=withdrawn)
    removed = make_comment(guidance, ParticipantFactory(), text="removed")
    comment_remove(comment=removed, moderator=editor, rule="protect_privacy")
    held = make_comment(guidance, ParticipantFactory(), text="held")
    GuidanceComment.objects.filter(pk=held.pk).update(status="held", is_public=False)
    client.force_login(editor)

    html = client.get(
        reverse("consultation_feedback_workspace", args=[guidance.pk]), {"include_hidden": "1"}
    ).content.decode()

    assert "<td>Withdrawn by its author</td>" in html
    assert "<td>Removed by a moderator: Keep people&#x27;s details private</td>" in html
    assert "<td>Held for review</td>" in html


def test_editors_see_how_other_is_described_in_aggregate_never_by_whom(client, guidance, editor):
    for name, description in [("Ana", "Advocate"), ("Ben", " advocate"), ("Cy", "Researcher")]:
        author = ParticipantFactory(
            display_name=name, perspectives="other", other_perspective=description
        )
        make_comment(guidance, author, text=f"From {name}")
    elsewhere = ParticipantFactory(perspectives="other", other_perspective="Elsewhere only")
    client.force_login(editor)

    response = client.get(reverse("consultation_feedback_workspace", args=[guidance.pk]))

    assert response.context["other_descriptions"] == [("advocate", 2), ("researcher", 1)]
    assert "Elsewhere only" not in response.content.decode()
    public = client.get(guidance.url + "discussion/").content.decode()
    assert elsewhere.other_perspective not in public and "Advocate" not in public
