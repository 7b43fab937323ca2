# ruff: noqa: F811  (fixtures are imported, then requested by name)
import csv
import io

import pytest
from django.urls import reverse

from consultation.discussion.models import CommentStatus
from consultation.feedback.models import Outcome
from consultation.feedback.services import response_record
from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import Vote
from tests.consultation.comment_helpers import _fresh_rate_limits, make_comment  # noqa: F401
from tests.consultation.feedback_fixtures import editor, participant_user  # noqa: F401
from tests.factories import ParticipantFactory


def rows(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def urls(guidance, file_format="csv"):
    """The comments export, then the votes export, in one format."""
    return [
        reverse(f"consultation_feedback_{export}_{file_format}", args=[guidance.pk])
        for export in ("comments", "votes")
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_anonymous_visitors_are_sent_to_log_in(client, guidance, file_format):
    for url in urls(guidance, file_format):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_participants_cannot_export(client, guidance, participant_user, file_format):
    client.force_login(participant_user)
    for url in urls(guidance, file_format):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert not hasattr(response, "streaming_content")


def shown_and_removed_comments(guidance, editor):
    """A comment by Willow on the second clause with a response, and a removed one; both
    formats' comment exports are checked against these. Returns Willow's clause."""
    clause = guidance.clauses[1]
    shown = make_comment(guidance, ParticipantFactory(display_name="Willow"), clause=clause)
    response_record(editor=editor, comment=shown, outcome=Outcome.NOTED, rationale="Thanks.")
    hidden = make_comment(guidance, ParticipantFactory(), text="Removed words.")
    hidden.status = CommentStatus.REMOVED
    hidden.save()
    return clause


def test_the_comments_export_has_responses_and_leaves_hidden_comments_out(client, guidance, editor):
    clause = shown_and_removed_comments(guidance, editor)
    client.force_login(editor)

    default = rows(client.get(urls(guidance)[0]))
    everything = rows(client.get(urls(guidance)[0], {"include_hidden": "1"}))

    assert default[0][0] == "id" and default[0][-1] == "rationale"
    assert len(default) == 2
    assert default[1][3] == str(clause.number)
    assert default[1][7] == "Willow"
    assert default[1][-2:] == ["noted", "Thanks."]
    assert any("Removed words." in row for row in everything)


def test_the_votes_export_uses_a_fresh_pseudonym_per_export(client, guidance, editor):
    snapshot = ClauseSnapshot.objects.filter(version=guidance.current_version).first()
    voter = ParticipantFactory()
    Vote.objects.create(participant=voter, snapshot=snapshot, choice=1, perspective="carer")
    client.force_login(editor)

    first = rows(client.get(urls(guidance)[1]))
    second = rows(client.get(urls(guidance)[1]))

    assert first[0] == ["clause", "version", "answer", "perspective", "submitted", "participant"]
    assert first[1][:4] == [str(snapshot.number), "1", "1", "carer"]
    assert first[1][5] != second[1][5]
    text = ",".join(first[1])
    assert str(voter.user.pk) != first[1][5] and voter.user.email not in text
