"""'You said, we did' can be found from every page a participant reads."""

import pytest

from consultation.feedback.models import Outcome
from consultation.feedback.services import response_record
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory


@pytest.mark.parametrize("sub_path", ["", "results/", "discussion/", "clauses/{short}/discussion/"])
def test_guidance_results_and_discussions_link_to_you_said_we_did(client, guidance, sub_path):
    path = guidance.url + sub_path.format(short=guidance.clauses[0].short_id)

    html = client.get(path).content.decode()

    assert f'href="{guidance.url}feedback/"' in html


def test_home_page_card_links_with_the_count_of_responses(client, guidance, editor):
    for _ in range(2):
        response_record(
            editor=editor,
            comment=make_comment(guidance, ParticipantFactory()),
            outcome=Outcome.NOTED,
            rationale="Thank you.",
        )

    html = client.get("/").content.decode()

    card = html.split(f'href="{guidance.url}feedback/"')[1].split("</p>")[0]
    assert "2 responses from the editors" in card
