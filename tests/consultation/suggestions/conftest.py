import pytest

from consultation.suggestions.services import suggestion_make
from consultation.suggestions.text import blocks_parse
from tests.factories import ParticipantFactory


@pytest.fixture
def author(db):
    return ParticipantFactory(display_name="Rowan")


@pytest.fixture
def supporter(db):
    return ParticipantFactory()


@pytest.fixture
def make_suggestion(guidance, author):
    def make(text="Body of clause 1, with peer support.", *, clause=0, who=None, **kwargs):
        clause_id = guidance.clauses[clause].id
        kwargs.setdefault("reason", "It reads more plainly.")
        kwargs.setdefault("proposition", "")
        return suggestion_make(
            participant=who or author,
            page=guidance,
            clause_id=clause_id,
            blocks=blocks_parse(text),
            **kwargs,
        )

    return make
