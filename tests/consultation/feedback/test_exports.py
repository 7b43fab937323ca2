import pytest

from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import Vote
from tests.consultation.feedback.export_helpers import csv_rows, export_urls
from tests.factories import ParticipantFactory


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_anonymous_visitors_are_sent_to_log_in(client, guidance, file_format):
    for url in export_urls(guidance, file_format):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_participants_cannot_export(client, guidance, participant_user, file_format):
    client.force_login(participant_user)
    for url in export_urls(guidance, file_format):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert not hasattr(response, "streaming_content")


def test_the_comments_export_has_responses_and_leaves_hidden_comments_out(
    client, guidance, editor, shown_and_removed_comments
):
    clause = shown_and_removed_comments
    client.force_login(editor)

    default = csv_rows(client.get(export_urls(guidance)[0]))
    everything = csv_rows(client.get(export_urls(guidance)[0], {"include_hidden": "1"}))

    assert default[0][0] == "id" and default[0][-1] == "themes"
    assert len(default) == 2
    assert default[1][3] == str(clause.number)
    assert default[1][7] == "Willow"
    assert default[1][-3:] == ["noted", "Thanks.", ""]
    assert any("Removed words." in row for row in everything)


def test_the_votes_export_uses_a_fresh_pseudonym_per_export(client, guidance, editor):
    snapshot = ClauseSnapshot.objects.filter(version=guidance.current_version).first()
    voter = ParticipantFactory()
    Vote.objects.create(participant=voter, snapshot=snapshot, choice=1, perspectives="carer")
    client.force_login(editor)

    first = csv_rows(client.get(export_urls(guidance)[1]))
    second = csv_rows(client.get(export_urls(guidance)[1]))

    assert first[0] == ["clause", "version", "answer", "perspectives", "submitted", "participant"]
    assert first[1][:4] == [str(snapshot.number), "1", "1", "carer"]
    assert first[1][5] != second[1][5]
    text = ",".join(first[1])
    assert str(voter.user.pk) != first[1][5] and voter.user.email not in text
