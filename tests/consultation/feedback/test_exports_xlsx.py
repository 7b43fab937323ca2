import io

import pytest
from openpyxl import load_workbook

from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import Vote
from tests.consultation.comment_helpers import make_comment
from tests.consultation.feedback.export_helpers import csv_rows, export_urls
from tests.factories import ParticipantFactory


def sheet_rows(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [
        ["" if value is None else str(value) for value in row]
        for row in workbook.active.iter_rows(values_only=True)
    ]


def urls(guidance):
    return export_urls(guidance, "xlsx")


# Who may export is tested for both formats in test_exports.py.


@pytest.mark.usefixtures("shown_and_removed_comments")
def test_the_excel_comments_export_has_the_same_rows_as_the_csv(client, guidance, editor):
    client.force_login(editor)

    default = sheet_rows(client.get(urls(guidance)[0]))
    everything = sheet_rows(client.get(urls(guidance)[0], {"include_hidden": "1"}))
    as_csv = csv_rows(client.get(export_urls(guidance)[0]))

    assert default[0] == as_csv[0]
    assert len(default) == 2
    assert default[1][7] == "Willow"
    assert default[1][-3:] == ["noted", "Thanks.", ""]
    assert any("Removed words." in row for row in everything)


def test_comment_text_that_looks_like_a_formula_stays_text(client, guidance, editor):
    make_comment(guidance, ParticipantFactory(), text='=HYPERLINK("http://x.invalid")\x07')
    client.force_login(editor)

    workbook = load_workbook(io.BytesIO(b"".join(client.get(urls(guidance)[0]).streaming_content)))
    cell = workbook.active.cell(row=2, column=9)

    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x.invalid")'


def test_the_excel_votes_export_matches_the_csv_columns(client, guidance, editor):
    snapshot = ClauseSnapshot.objects.filter(version=guidance.current_version).first()
    voter = ParticipantFactory()
    Vote.objects.create(participant=voter, snapshot=snapshot, choice=1, perspectives="carer")
    client.force_login(editor)

    sheet = sheet_rows(client.get(urls(guidance)[1]))

    assert sheet[0] == ["clause", "version", "answer", "perspectives", "submitted", "participant"]
    assert sheet[1][:4] == [str(snapshot.number), "1", "1", "carer"]
    text = ",".join(sheet[1])
    assert str(voter.user.pk) != sheet[1][5] and voter.user.email not in text
