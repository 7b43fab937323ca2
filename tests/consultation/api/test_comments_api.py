import json

import pytest

from consultation.discussion.models import CommentStatus
from consultation.discussion.moderation import comment_remove
from consultation.discussion.services import comment_withdraw
from consultation.feedback.models import Outcome
from consultation.feedback.services import response_record
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory, UserFactory

COMMENTS = "/api/v1/guidance/{guidance_id}/comments/"
LIST = "/api/v1/guidance/"
VERSIONS = "/api/v1/guidance/{guidance_id}/versions/"
VERSION = "/api/v1/guidance/{guidance_id}/versions/{number}/"
RESULTS = "/api/v1/guidance/{guidance_id}/versions/{number}/results/"


def url(guidance):
    return COMMENTS.format(guidance_id=guidance.pk)


def test_visible_comments_come_with_their_author_clause_version_and_response(
    get_json, guidance, editor
):
    clause = guidance.clauses[0]
    author = ParticipantFactory(display_name="Rowan", perspectives="peer_worker")
    top = make_comment(guidance, author, clause=clause, text="Say more about supervision.")
    quiet = ParticipantFactory(perspectives="prefer_not_to_say")
    reply = make_comment(guidance, quiet, clause=clause, parent=top)
    response_record(
        editor=editor, comment=top, outcome=Outcome.ACCEPTED, rationale="Clause 1 now does."
    )

    status, body = get_json(url(guidance), COMMENTS)

    assert status == 200
    assert body["count"] == 2 and body["limit"] == 20 and body["offset"] == 0
    first, second = body["items"]
    assert first["id"] == top.pk and first["parent_id"] is None
    assert first["display_name"] == "Rowan" and first["perspectives"] == ["peer_worker"]
    assert first["clause_id"] == clause.id and first["version"] == 1
    assert first["text"] == "Say more about supervision."
    assert first["response"]["outcome"] == "accepted"
    assert first["response"]["rationale"] == "Clause 1 now does."
    assert second["id"] == reply.pk and second["parent_id"] == top.pk
    assert second["perspectives"] == [] and second["response"] is None


def test_comments_are_filtered_by_clause_and_version_and_paginated(get_json, guidance):
    first, second = guidance.clauses[0], guidance.clauses[1]
    participant = ParticipantFactory()
    on_first = [make_comment(guidance, participant, clause=first) for _ in range(3)]
    make_comment(guidance, participant, clause=second)
    make_comment(guidance, participant)  # on the whole document

    status, body = get_json(url(guidance), COMMENTS, clause=first.id, limit=2, offset=1)
    assert status == 200
    assert body["count"] == 3
    assert [c["id"] for c in body["items"]] == [c.pk for c in on_first[1:]]

    status, body = get_json(url(guidance), COMMENTS, version=1)
    assert body["count"] == 5
    status, body = get_json(url(guidance), COMMENTS, version=2)
    assert body["count"] == 0 and body["items"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 101},
        {"limit": 10**12},
        {"limit": 0},
        {"offset": -1},
        {"limit": "many"},
        {"version": "latest"},
        {"clause": "x" * 37},
        {"sort": "newest"},
        {"page": "2"},
    ],
)
def test_bad_paging_and_unknown_filters_are_refused_as_422(get_json, guidance, params):
    status, body = get_json(url(guidance), COMMENTS, **params)
    assert status == 422
    assert body["detail"]


def test_comments_of_a_document_that_is_not_live_are_not_found(get_json, guidance):
    guidance.unpublish()
    status, body = get_json(url(guidance), COMMENTS)
    assert status == 404


def test_no_response_ever_contains_hidden_text_emails_or_user_ids(
    client, get_json, guidance, editor, settings
):
    settings.COPRODUCE_VOTE_MIN_GROUP = 1
    guidance.results_visibility = "always"
    guidance.save()
    clause = guidance.clauses[0]
    shown_author = ParticipantFactory(
        user=UserFactory(email="shown-author@example.invalid"), display_name="Shown"
    )
    shown = make_comment(guidance, shown_author, clause=clause, text="Visible words.")
    response_record(editor=editor, comment=shown, outcome=Outcome.NOTED, rationale="Thanks.")
    removed = make_comment(guidance, ParticipantFactory(), text="REMOVED-SECRET")
    comment_remove(comment=removed, moderator=editor, rule="be_kind", reason="MODERATION-REASON")
    withdrawn_author = ParticipantFactory()
    withdrawn = make_comment(guidance, withdrawn_author, text="WITHDRAWN-SECRET")
    comment_withdraw(participant=withdrawn_author, comment=withdrawn)
    guidance.pre_moderate_comments = True
    guidance.save()
    held = make_comment(guidance, ParticipantFactory(), text="HELD-SECRET")
    assert held.status == CommentStatus.HELD

    texts = []
    for path, template in [
        (LIST, LIST),
        (VERSIONS.format(guidance_id=guidance.pk), VERSIONS),
        (VERSION.format(guidance_id=guidance.pk, number=1), VERSION),
        (RESULTS.format(guidance_id=guidance.pk, number=1), RESULTS),
        (url(guidance), COMMENTS),
    ]:
        status, body = get_json(path, template)
        assert status == 200
        texts.append(json.dumps(body))
    everything = "\n".join(texts)

    assert "Visible words." in everything
    for secret in ["REMOVED-SECRET", "WITHDRAWN-SECRET", "HELD-SECRET", "MODERATION-REASON"]:
        assert secret not in everything
    for participant in (shown_author, withdrawn_author):
        assert participant.user.email not in everything
    assert editor.email not in everything
    assert "@" not in everything
    assert '"user' not in everything and "email" not in everything
    comments = json.loads(texts[-1])["items"]
    assert [c["id"] for c in comments] == [shown.pk]
    assert set(comments[0]) == {
        "id", "parent_id", "display_name", "perspectives", "clause_id", "version", "text",
        "submitted", "response", "themes", "facilitated_source",
    }  # fmt: skip
