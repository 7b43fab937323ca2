import pytest
from django.core import mail

from consultation.feedback.models import Outcome
from consultation.rounds import ConsultationClosed
from consultation.suggestions.models import Suggestion, SuggestionStatus, SuggestionSupport
from consultation.suggestions.moderation import suggestion_flag, suggestion_remove
from consultation.suggestions.services import (
    ClauseChangedSince,
    NotYourSuggestion,
    SuggestionRefused,
    suggestion_accept_into_draft,
    suggestion_respond,
    suggestion_support,
    suggestion_support_take_back,
    suggestion_withdraw,
)
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_a_suggestion_records_the_snapshot_it_was_written_against(make_suggestion, guidance):
    suggestion = make_suggestion("New words.\n\n- and a list")
    assert suggestion.snapshot.version == guidance.current_version
    assert suggestion.snapshot.clause_id == guidance.clauses[0].id
    assert suggestion.status == SuggestionStatus.OPEN
    assert suggestion.text == "New words.\n\n- and a list"


def test_a_reason_is_required(make_suggestion):
    with pytest.raises(SuggestionRefused, match="why"):
        make_suggestion(reason="  ")


def test_wording_identical_to_the_clause_is_refused(make_suggestion):
    with pytest.raises(SuggestionRefused, match="same"):
        make_suggestion("Body of clause 1.", proposition="Proposition 1")


def test_a_closed_round_takes_no_suggestions(make_suggestion, guidance):
    guidance.is_concluded = True
    guidance.save()
    with pytest.raises(ConsultationClosed):
        make_suggestion()


def test_support_counts_once_and_can_be_taken_back(make_suggestion, supporter):
    suggestion = make_suggestion()
    suggestion_support(participant=supporter, suggestion=suggestion)
    suggestion_support(participant=supporter, suggestion=suggestion)
    assert SuggestionSupport.objects.filter(suggestion=suggestion).count() == 1
    assert suggestion_support_take_back(participant=supporter, suggestion=suggestion) == 1
    assert not SuggestionSupport.objects.exists()


def test_the_author_cannot_support_their_own_suggestion(make_suggestion, author):
    suggestion = make_suggestion()
    with pytest.raises(SuggestionRefused, match="own"):
        suggestion_support(participant=author, suggestion=suggestion)


def test_only_the_author_withdraws_and_only_until_an_editor_acted(
    make_suggestion, author, supporter, editor
):
    suggestion = make_suggestion()
    with pytest.raises(NotYourSuggestion):
        suggestion_withdraw(participant=supporter, suggestion=suggestion)
    suggestion_respond(
        editor=editor, suggestion=suggestion, outcome=Outcome.NOTED, rationale="Thanks."
    )
    with pytest.raises(SuggestionRefused, match="already answered"):
        suggestion_withdraw(participant=author, suggestion=suggestion)
    other = make_suggestion("Other words.")
    suggestion_withdraw(participant=author, suggestion=other)
    assert not Suggestion.objects.visible().filter(pk=other.pk).exists()


def test_the_five_outcomes_map_to_the_statuses_participants_see(make_suggestion, editor):
    suggestion = make_suggestion()
    answered = suggestion_respond(
        editor=editor, suggestion=suggestion, outcome=Outcome.OUT_OF_SCOPE, rationale="Not here."
    )
    assert answered.status == SuggestionStatus.NOT_ADOPTED
    answered = suggestion_respond(
        editor=editor, suggestion=suggestion, outcome=Outcome.PARTLY_ACCEPTED, rationale="Some."
    )
    assert answered.status == SuggestionStatus.PARTLY_ACCEPTED


def test_accepting_writes_a_draft_revision_and_never_publishes(make_suggestion, guidance, editor):
    suggestion = make_suggestion("Peer workers <b>lead</b> this.\n\n- one", proposition="New p")
    live_before = guidance.live_revision_id
    revision = suggestion_accept_into_draft(editor=editor, suggestion=suggestion, rationale="Yes")
    guidance.refresh_from_db()
    assert guidance.live_revision_id == live_before
    assert guidance.latest_revision_id == revision.pk
    draft = revision.as_object()
    clause = draft.body[0].value
    assert (
        clause["body"].source
        == "<p>Peer workers &lt;b&gt;lead&lt;/b&gt; this.</p><ul><li>one</li></ul>"
    )
    assert clause["proposition"] == "New p"
    assert draft.body[1].value["heading"] == "Clause heading 2"
    suggestion.refresh_from_db()
    assert suggestion.in_next_version and suggestion.status == SuggestionStatus.ACCEPTED
    with pytest.raises(SuggestionRefused, match="already"):
        suggestion_accept_into_draft(editor=editor, suggestion=suggestion, rationale="Again")


def test_a_clause_changed_since_asks_the_editor_to_confirm(make_suggestion, guidance, editor):
    first = make_suggestion("First wording.")
    second = make_suggestion("Second wording.")
    suggestion_accept_into_draft(editor=editor, suggestion=first, rationale="Yes")
    with pytest.raises(ClauseChangedSince):
        suggestion_accept_into_draft(editor=editor, suggestion=second, rationale="Also")
    suggestion_accept_into_draft(editor=editor, suggestion=second, rationale="Also", confirmed=True)


def test_publication_credits_accepted_suggestions_and_tells_the_author_once(
    make_suggestion, guidance, editor, django_capture_on_commit_callbacks
):
    suggestion = make_suggestion("Wording from a participant.")
    with django_capture_on_commit_callbacks(execute=True):
        revision = suggestion_accept_into_draft(
            editor=editor, suggestion=suggestion, rationale="Clearer"
        )
    with django_capture_on_commit_callbacks(execute=True):
        revision.as_object().save_revision(user=editor).publish(user=editor)
    suggestion.refresh_from_db()
    assert suggestion.addressed_in.number == 2
    assert len(mail.outbox) == 1
    assert "version 2" in mail.outbox[0].subject
    assert "suggested by you" in mail.outbox[0].body


def test_enough_flags_hold_a_suggestion_and_removal_hides_it(make_suggestion, editor):
    suggestion = make_suggestion()
    for _ in range(3):
        suggestion_flag(participant=ParticipantFactory(), suggestion=suggestion, reason="spam")
    suggestion.refresh_from_db()
    assert suggestion.moderation == "held"
    suggestion_remove(suggestion=suggestion, moderator=editor)
    assert not Suggestion.objects.visible().exists()


def test_credit_needs_the_published_clause_to_still_read_mostly_as_suggested(make_suggestion):
    """`wording_reached`: a polished word still credits; the old clause or a rewrite not."""
    from types import SimpleNamespace

    from consultation.suggestions.services import wording_reached

    suggestion = make_suggestion(
        "Peer workers meet their supervisor every two weeks, in work time."
    )
    old = suggestion.snapshot

    def published(body):
        return SimpleNamespace(
            heading=old.heading, body=f"<p>{body}</p>", proposition=old.proposition,
            plain_summary=old.plain_summary,
        )  # fmt: skip

    polished = "Peer workers meet their supervisor every two weeks, during work time."
    assert wording_reached(suggestion, published(polished))
    assert not wording_reached(suggestion, old)
    assert not wording_reached(suggestion, published("Supervision is arranged locally."))
    assert not wording_reached(suggestion, None)
