"""Editors' side: the list, answers, accepting into the draft, and the publication that
credits the author, made through the Wagtail admin's own edit form."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from consultation.feedback.models import Outcome
from consultation.guidance.models import GuidancePage
from consultation.suggestions.models import Suggestion, SuggestionStatus
from consultation.suggestions.services import suggestion_support
from tests.factories import ParticipantFactory, UserFactory, admin_edit_form

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def editor_client(editor):
    editor.is_staff = True
    editor.save()
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def detail_url(suggestion):
    return reverse("consultation_suggestion_detail", args=[suggestion.pk])


def test_the_list_filters_by_clause_status_and_support(editor_client, guidance, make_suggestion):
    popular = make_suggestion("Popular wording.")
    make_suggestion("Quiet wording.", clause=1)
    for _ in range(2):
        suggestion_support(participant=ParticipantFactory(), suggestion=popular)
    url = reverse("consultation_suggestion_list", args=[guidance.pk])
    assert "Quiet wording." in editor_client.get(url).content.decode()
    only_clause_1 = editor_client.get(url, {"clause": guidance.clauses[0].id}).content.decode()
    assert "Popular wording." in only_clause_1 and "Quiet wording." not in only_clause_1
    supported = editor_client.get(url, {"support": "2"}).content.decode()
    assert "Popular wording." in supported and "Quiet wording." not in supported
    assert "Popular" not in editor_client.get(url, {"status": "accepted"}).content.decode()


def test_the_list_of_two_hundred_suggestions_stays_within_25_queries(
    editor_client, guidance, make_suggestion, django_assert_max_num_queries
):
    people = [ParticipantFactory() for _ in range(5)]
    for n in range(210):
        make_suggestion(f"Wording {n}.", who=people[n % 5], clause=n % 3)
    url = reverse("consultation_suggestion_list", args=[guidance.pk])
    editor_client.get(url)
    with django_assert_max_num_queries(25):
        assert editor_client.get(url).status_code == 200


def test_participants_and_the_public_cannot_reach_the_editors_list(guidance, author):
    client = Client()
    client.force_login(author.user)
    response = client.get(reverse("consultation_suggestion_list", args=[guidance.pk]))
    assert response.status_code in (302, 403)


def test_an_answer_uses_the_five_outcomes(editor_client, make_suggestion):
    suggestion = make_suggestion()
    response = editor_client.post(
        detail_url(suggestion),
        {
            "action": "answer",
            "answer-outcome": Outcome.NOT_ADOPTED,
            "answer-rationale": "Too narrow.",
        },
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.NOT_ADOPTED


def test_an_answer_without_a_rationale_re_renders_with_an_error(editor_client, make_suggestion):
    response = editor_client.post(
        detail_url(make_suggestion()), {"action": "answer", "answer-outcome": Outcome.NOTED}
    )
    assert response.status_code == 400
    assert "Give a rationale" in response.content.decode()


def test_hostile_text_is_text_in_the_admin(editor_client, guidance, make_suggestion):
    suggestion = make_suggestion(HOSTILE, reason=HOSTILE)
    for url in (
        detail_url(suggestion),
        reverse("consultation_suggestion_list", args=[guidance.pk]),
    ):
        html = editor_client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html


def test_a_changed_clause_asks_the_editor_to_confirm(editor_client, make_suggestion):
    first, second = make_suggestion("First wording."), make_suggestion("Second wording.")
    editor_client.post(detail_url(first), {"action": "accept", "accept-rationale": "Good."})
    page = editor_client.get(detail_url(second)).content.decode()
    assert "The clause has changed since" in page
    response = editor_client.post(
        detail_url(second), {"action": "accept", "accept-rationale": "Also."}
    )
    assert response.status_code == 409
    assert "Confirm: accept it although the clause changed" in response.content.decode()
    response = editor_client.post(
        detail_url(second),
        {"action": "accept", "accept-rationale": "Also.", "accept-confirmed": "True"},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.in_next_version


def test_accept_edit_one_word_publish_credits_the_suggester_and_emails_once(
    editor_client, guidance, make_suggestion, supporter, django_capture_on_commit_callbacks
):
    suggestion = make_suggestion("Peer workers lead the planning of their own support.")
    suggestion_support(participant=supporter, suggestion=suggestion)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            detail_url(suggestion), {"action": "accept", "accept-rationale": "It is clearer."}
        )
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[guidance.pk])
    guidance = GuidancePage.objects.get(pk=guidance.pk)
    assert guidance.current_version.number == 1  # a draft, not a publication
    draft = guidance.get_latest_revision_as_object()
    edited = draft.body[0].value["body"].source.replace("the planning", "all planning")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("wagtailadmin_pages:edit", args=[guidance.pk]),
            admin_edit_form(
                draft,
                clause_changes={0: {"body": edited}},
                change_summary="Clause 1 takes up a participant's wording.",
            ),
        )
    guidance = GuidancePage.objects.get(pk=guidance.pk)
    assert guidance.current_version.number == 2
    assert "all planning" in guidance.clauses[0].body
    suggestion.refresh_from_db()
    assert suggestion.addressed_in == guidance.current_version
    history = Client().get(guidance.url + guidance.reverse_subpage("versions")).content.decode()
    assert "wording suggested by Rowan" in history
    compare = Client().get(guidance.url + guidance.reverse_subpage("compare", args=[1, 2]))
    assert "all planning" in compare.content.decode()
    used = [m for m in mail.outbox if "suggested wording" in m.subject]
    assert len(used) == 1 and used[0].to == [suggestion.participant.user.email]
    # Publishing again tells no one twice.
    with django_capture_on_commit_callbacks(execute=True):
        guidance.save_revision().publish()
    assert len([m for m in mail.outbox if "suggested wording" in m.subject]) == 1


def test_an_author_who_chose_not_to_be_named_is_credited_as_a_participant(
    editor_client, guidance, make_suggestion
):
    suggestion = make_suggestion("Anonymous wording.", credit_author=False)
    editor_client.post(detail_url(suggestion), {"action": "accept", "accept-rationale": "Yes."})
    GuidancePage.objects.get(pk=guidance.pk).get_latest_revision().publish()
    history = Client().get(guidance.url + guidance.reverse_subpage("versions")).content.decode()
    assert "wording suggested by a participant" in history
    assert "Rowan" not in history


def test_removed_suggestions_disappear_from_the_discussion(
    editor_client, guidance, make_suggestion
):
    suggestion = make_suggestion("Words to remove.")
    editor_client.post(detail_url(suggestion), {"action": "remove"})
    assert Suggestion.objects.get().moderation == "removed"
    html = (
        Client()
        .get(
            guidance.url
            + guidance.reverse_subpage("clause_discussion", args=[guidance.clauses[0].short_id])
        )
        .content.decode()
    )
    assert "Words to remove." not in html


def test_hostile_text_reaches_the_authors_email_as_plain_text(
    editor_client, guidance, make_suggestion, django_capture_on_commit_callbacks
):
    suggestion = make_suggestion(HOSTILE)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            detail_url(suggestion), {"action": "accept", "accept-rationale": HOSTILE}
        )
    with django_capture_on_commit_callbacks(execute=True):
        GuidancePage.objects.get(pk=guidance.pk).get_latest_revision().publish()
    [message] = [m for m in mail.outbox if "suggested wording" in m.subject]
    assert not getattr(message, "alternatives", None)  # no HTML part to run anything in
    assert HOSTILE in message.body  # the words as typed, in a text/plain message


def test_moderators_hold_and_remove_but_cannot_accept(guidance, make_suggestion):
    from django.contrib.auth.models import Group

    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(moderator)
    suggestion = make_suggestion()
    assert client.get(detail_url(suggestion)).status_code == 200
    refused = client.post(detail_url(suggestion), {"action": "accept", "accept-rationale": "No."})
    assert refused.status_code == 403
    assert client.post(detail_url(suggestion), {"action": "remove"}).status_code == 302
    assert Suggestion.objects.get().moderation == "removed"


def test_an_urgent_flag_alerts_every_moderator_and_hides_nothing(
    guidance, make_suggestion, django_capture_on_commit_callbacks
):
    from consultation.suggestions.moderation import suggestion_flag

    UserFactory(is_superuser=True, email="lead@example.org")
    suggestion = make_suggestion()
    with django_capture_on_commit_callbacks(execute=True):
        suggestion_flag(participant=ParticipantFactory(), suggestion=suggestion, reason="at_risk")
    assert Suggestion.objects.visible().filter(pk=suggestion.pk).exists()
    alerts = [m for m in mail.outbox if m.subject == "Urgent: someone may be at risk"]
    assert "lead@example.org" in [m.to[0] for m in alerts]


def test_wording_overwritten_before_publication_is_neither_credited_nor_emailed(
    client, guidance, editor, make_suggestion, django_capture_on_commit_callbacks
):
    """Editor A has the page editor open; the suggestion is accepted from the desk (a new
    revision); A publishes the form they had open. The accepted wording is not in the
    published version, so the suggestion stays accepted and waiting, its author untold."""
    from consultation.suggestions.services import suggestion_accept_into_draft

    clause_id = guidance.clauses[0].id
    suggestion = make_suggestion("Completely new wording from Rowan.")
    open_form = admin_edit_form(
        guidance, clause_changes={1: {"heading": "Other clause"}}, change_summary="Clause 2."
    )
    with django_capture_on_commit_callbacks(execute=True):
        suggestion_accept_into_draft(editor=editor, suggestion=suggestion, rationale="Yes")
    client.force_login(editor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("wagtailadmin_pages:edit", args=(guidance.pk,)), open_form)
    assert r.status_code == 302
    page = GuidancePage.objects.get(pk=guidance.pk)
    published = page.current_version.clauses.get(clause_id=clause_id)
    assert "Completely new wording" not in published.body  # the wording was lost...
    suggestion.refresh_from_db()
    # ...so it is not credited to this version nor announced to its author.
    assert suggestion.addressed_in_id is None
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert mail.outbox == []
