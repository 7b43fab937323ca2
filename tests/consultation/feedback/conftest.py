import pytest

from consultation.discussion.models import CommentStatus
from consultation.feedback.models import Outcome
from consultation.feedback.services import response_record
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory


@pytest.fixture
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


@pytest.fixture
def facilitator(db):
    from tests.consultation.facilitation.helpers import a_facilitator

    return a_facilitator()
