"""Where suggestions go beyond the discussion: "you said, we did", My data, "Your
contributions", account deletion, exports and the API (public ones only everywhere)."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from consultation.accounts.services import participant_data, participant_delete
from consultation.feedback.models import Outcome
from consultation.suggestions.models import Suggestion, SuggestionSupport
from consultation.suggestions.services import (
    suggestion_respond,
    suggestion_support,
    suggestion_withdraw,
)
from tests.consultation.api.conftest import validate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def answered(make_suggestion, editor):
    suggestion = make_suggestion("Answered wording.")
    return suggestion_respond(
        editor=editor, suggestion=suggestion, outcome=Outcome.PARTLY_ACCEPTED, rationale="Half."
    )


def test_you_said_we_did_lists_answered_suggestions_with_their_outcome(guidance, answered):
    html = Client().get(guidance.url + guidance.reverse_subpage("feedback")).content.decode()
    assert "Answered wording." in html
    assert "Partly accepted" in html and "Half." in html


def test_my_data_and_contributions_include_suggestions(client, guidance, answered, author):
    data = participant_data(participant=author)
    assert data["suggestions"]["suggestions"][0]["wording"] == "Answered wording."
    kinds = [row["kind"] for row in data["contributions"]]
    assert "suggested wording" in kinds
    client.force_login(author.user)
    html = client.get(reverse("accounts:contributions")).content.decode()
    assert "Your suggested wording" in html and "Answered wording." in html


@pytest.mark.parametrize("keep", [True, False])
def test_deleting_an_account_anonymises_or_removes_suggestions(
    guidance, make_suggestion, author, supporter, keep
):
    suggestion = make_suggestion("Words of someone leaving.")
    theirs = make_suggestion("Supported by the leaver.", who=supporter)
    suggestion_support(participant=author, suggestion=theirs)
    participant_delete(user=author.user, keep_comments=keep)
    suggestion.refresh_from_db()
    assert suggestion.participant is None and not suggestion.credit_author
    assert suggestion.is_withdrawn is (not keep)
    assert (suggestion.text == "Words of someone leaving.") is keep
    # Their support still counts, linked to no one.
    assert SuggestionSupport.objects.get(suggestion=theirs).participant is None


def test_exports_hold_public_suggestions_only_and_disarm_formulas(
    guidance, make_suggestion, author
):
    make_suggestion("=HYPERLINK(1)")
    hidden = make_suggestion("Withdrawn wording.")
    suggestion_withdraw(participant=author, suggestion=hidden)
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("consultation_suggestion_csv", args=[guidance.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 2
    assert rows[1][6] == "'=HYPERLINK(1)"
    xlsx = client.get(reverse("consultation_suggestion_xlsx", args=[guidance.pk]))
    assert xlsx.status_code == 200


def test_the_api_lists_public_suggestions_as_text_and_is_in_the_schema(
    client, guidance, make_suggestion, author, django_assert_max_num_queries
):
    make_suggestion(HOSTILE + "\n\n- item", reason=HOSTILE)
    hidden = make_suggestion("Withdrawn wording.")
    suggestion_withdraw(participant=author, suggestion=hidden)
    url = f"/api/v1/guidance/{guidance.pk}/suggestions/"
    client.get(url)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    body = response.json()
    validate("/api/v1/guidance/{guidance_id}/suggestions/", 200, body)
    assert body["count"] == 1
    item = body["items"][0]
    assert item["wording"][0] == {"kind": "p", "list_type": "", "text": HOSTILE}
    assert item["wording"][1]["list_type"] == "ul"
    assert item["reason"] == HOSTILE and item["display_name"] == "Rowan"
    assert not Suggestion.objects.get(pk=hidden.pk).is_visible
    assert client.get(f"/api/v1/guidance/{guidance.pk}/suggestions/?limit=0").status_code == 422


def test_my_data_includes_flags_raised_on_suggested_wording(make_suggestion, supporter):
    from consultation.suggestions.moderation import suggestion_flag

    suggestion = make_suggestion("New words.", reason="Why not.")
    suggestion_flag(participant=supporter, suggestion=suggestion, reason="other", note="My note")
    (flag,) = participant_data(participant=supporter)["suggestions"]["flags"]
    assert flag["suggestion_id"] == suggestion.pk
    assert flag["reason"] == "other" and flag["note"] == "My note"


def test_contributions_and_my_data_of_someone_who_replied_to_a_group_and_suggested(
    client, guidance
):
    import json

    from consultation.accounts.services import participant_delete
    from consultation.facilitation.services import facilitated_comment_post
    from consultation.forum.services import registration_make
    from consultation.suggestions.services import suggestion_make
    from consultation.suggestions.text import blocks_parse
    from tests.consultation.comment_helpers import make_comment
    from tests.consultation.facilitation.helpers import a_facilitator, a_source
    from tests.consultation.forum.helpers import session_under
    from tests.factories import ParticipantFactory

    facilitator = a_facilitator()
    source = a_source(guidance, facilitator)
    clause = guidance.clauses[0]
    group = facilitated_comment_post(
        user=facilitator, source=source, clause_id=clause.id, text="Group says."
    )
    person = ParticipantFactory(display_name="Ann")
    make_comment(guidance, person, clause=clause, parent=group, text="I agree with the group.")
    suggestion_make(
        participant=person, page=guidance, clause_id=clause.id,
        blocks=blocks_parse("New words."), reason="Why.", proposition="",
    )  # fmt: skip
    registration_make(participant=person, session=session_under(guidance))
    client.force_login(person.user)
    assert client.get(reverse("accounts:contributions")).status_code == 200
    data = participant_data(participant=person)
    json.dumps(data, default=str)
    assert data["suggestions"]["suggestions"] and data["forum_registrations"]
    participant_delete(user=person.user, keep_comments=False)
