import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from consultation.accounts.models import Frequency
from consultation.feedback.models import FeedbackResponse, Outcome, ResponseNotification
from consultation.feedback.services import ResponseRefused, response_record
from tests.consultation.comment_helpers import discussion_path, make_comment
from tests.factories import ParticipantFactory


@pytest.fixture
def respond(editor, django_capture_on_commit_callbacks):
    def record(comment, outcome=Outcome.ACCEPTED, rationale="We changed the wording.", **kw):
        with django_capture_on_commit_callbacks(execute=True):
            return response_record(
                editor=editor, comment=comment, outcome=outcome, rationale=rationale, **kw
            )

    return record


def test_a_response_records_outcome_rationale_version_and_clauses(guidance, respond):
    clause = guidance.clauses[0]
    comment = make_comment(guidance, ParticipantFactory(), clause=clause)

    response = respond(
        comment, Outcome.PARTLY_ACCEPTED, version=guidance.current_version, clause_ids=[clause.id]
    )

    assert response.comment == comment
    assert response.get_outcome_display() == "Partly accepted"
    assert response.addressed_in == guidance.current_version
    assert response.clause_ids == [clause.id]


def test_editing_a_response_keeps_one_response_and_logs_each_edit(guidance, respond):
    comment = make_comment(guidance, ParticipantFactory(notify_responses=Frequency.NEVER))

    respond(comment, Outcome.NOTED, "We will think about it.")
    respond(comment, Outcome.ACCEPTED, "We added it to clause 2.")

    assert FeedbackResponse.objects.count() == 1
    assert FeedbackResponse.objects.get().outcome == Outcome.ACCEPTED
    entries = ModelLogEntry.objects.filter(action="coproduce.feedback_response").order_by("pk")
    assert [e.data["outcome"] for e in entries] == ["noted", "accepted"]
    assert entries[0].data["rationale"] == "We will think about it."


def test_replies_cannot_get_a_response(guidance, respond):
    parent = make_comment(guidance, ParticipantFactory())
    reply = make_comment(guidance, ParticipantFactory(), parent=parent)

    with pytest.raises(ResponseRefused):
        respond(reply)


def test_an_empty_rationale_or_unknown_outcome_is_refused(guidance, respond):
    comment = make_comment(guidance, ParticipantFactory())

    with pytest.raises(ResponseRefused):
        respond(comment, rationale="   ")
    with pytest.raises(ResponseRefused):
        respond(comment, outcome="maybe")


def test_a_version_of_another_document_is_refused(guidance, guidance_index, respond):
    from tests.factories import GuidancePageFactory

    other = GuidancePageFactory(parent=guidance_index, clauses=1)
    comment = make_comment(guidance, ParticipantFactory())

    with pytest.raises(ResponseRefused):
        respond(comment, version=other.current_version)


def test_the_author_hears_straight_away_when_they_asked_to(guidance, respond):
    author = ParticipantFactory(notify_responses=Frequency.IMMEDIATELY)
    comment = make_comment(guidance, author)
    mail.outbox.clear()

    respond(comment, Outcome.NOT_ADOPTED, "It conflicts with the law.")

    assert [m.to for m in mail.outbox] == [[author.user.email]]
    assert "Not adopted" in mail.outbox[0].body
    assert "It conflicts with the law." in mail.outbox[0].body
    assert f"#comment-{comment.pk}" in mail.outbox[0].body


def test_the_daily_digest_collects_responses_and_sends_once(guidance, respond):
    author = ParticipantFactory(notify_responses=Frequency.DAILY)
    first = make_comment(guidance, author, text="One.")
    second = make_comment(guidance, author, text="Two.")
    mail.outbox.clear()

    respond(first, Outcome.ACCEPTED, "Done.")
    respond(second, Outcome.OUT_OF_SCOPE, "Another document covers this.")
    assert mail.outbox == []
    assert ResponseNotification.objects.count() == 2

    call_command("send_digests")
    call_command("send_digests")

    assert len(mail.outbox) == 1
    assert "Another document covers this." in mail.outbox[0].body
    assert "Done." in mail.outbox[0].body


def test_authors_who_said_never_hear_nothing(guidance, respond):
    comment = make_comment(guidance, ParticipantFactory(notify_responses=Frequency.NEVER))
    mail.outbox.clear()

    respond(comment)

    assert mail.outbox == []
    assert not ResponseNotification.objects.exists()


def test_the_public_discussion_shows_the_outcome_and_rationale(client, guidance, respond):
    clause = guidance.clauses[0]
    comment = make_comment(guidance, ParticipantFactory(), clause=clause)
    respond(comment, Outcome.PARTLY_ACCEPTED, "We kept the first half.")

    html = client.get(discussion_path(guidance, clause)).content.decode()

    assert "Editors&#x27; response: Partly accepted" in html or "Editors' response: Partly" in html
    assert "We kept the first half." in html
