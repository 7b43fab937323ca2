"""Responses linked to the version being drafted, and authors told once."""

import pytest
from django.core import mail
from django.urls import reverse

from consultation.accounts.models import Frequency
from consultation.feedback.models import FeedbackResponse, Outcome, ResponseEmail
from consultation.feedback.services import response_record
from consultation.guidance.models import GuidancePage
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory, admin_edit_form


@pytest.fixture
def author():
    return ParticipantFactory(notify_responses=Frequency.IMMEDIATELY)


def publish_in_admin(client, page, *, heading="A new heading"):
    """As an editor does it: the Wagtail admin's own edit form, "Publish"."""
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        admin_edit_form(
            page, clause_changes={0: {"heading": heading}}, change_summary="Clause 1 reworded."
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return GuidancePage.objects.get(pk=page.pk)


def test_a_response_for_the_next_version_is_linked_on_publication_and_told_once(
    client, guidance, editor, author, django_capture_on_commit_callbacks
):
    comment = make_comment(guidance, author, clause=guidance.clauses[0])
    client.force_login(editor)
    mail.outbox.clear()
    url = reverse("consultation_feedback_respond", args=[comment.pk])

    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            url, {"outcome": "accepted", "rationale": "We reworded it.", "version": "next"}
        )
    assert saved.status_code == 302
    assert mail.outbox == []
    assert FeedbackResponse.objects.get().awaiting_next_version

    with django_capture_on_commit_callbacks(execute=True):
        page = publish_in_admin(client, guidance)

    response = FeedbackResponse.objects.get()
    assert page.current_version.number == 2
    assert response.addressed_in == page.current_version
    assert not response.awaiting_next_version
    assert [m.to for m in mail.outbox] == [[author.user.email]]
    assert "addressed in version 2" in mail.outbox[0].body
    assert f"{page.url}compare/1/2/" in mail.outbox[0].body
    history = list(ResponseEmail.objects.filter(response=response))
    assert [(e.delivery, e.version_number) for e in history] == [("now", 2)]
    assert "Emailed straight away" in client.get(url).content.decode()


def test_a_plain_resave_tells_nobody_and_a_new_outcome_tells_again(
    guidance, editor, author, django_capture_on_commit_callbacks
):
    comment = make_comment(guidance, author)
    mail.outbox.clear()

    def record(outcome, rationale):
        with django_capture_on_commit_callbacks(execute=True):
            response_record(editor=editor, comment=comment, outcome=outcome, rationale=rationale)

    record(Outcome.NOTED, "Thank you.")
    record(Outcome.NOTED, "Thank you.")
    record(Outcome.NOTED, "Thank you, with a typo fixed.")
    assert len(mail.outbox) == 1
    record(Outcome.ACCEPTED, "We changed it after all.")
    assert len(mail.outbox) == 2
    assert ResponseEmail.objects.count() == 2


def test_a_publication_that_makes_no_version_links_nothing(
    client, guidance, editor, author, django_capture_on_commit_callbacks
):
    comment = make_comment(guidance, author)
    response_record(
        editor=editor, comment=comment, outcome="accepted", rationale="Soon.", next_version=True
    )
    client.force_login(editor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtailadmin_pages:edit", args=(guidance.pk,)), admin_edit_form(guidance)
        )

    assert FeedbackResponse.objects.get().awaiting_next_version
    assert mail.outbox == []


def test_the_form_offers_the_next_version_and_refuses_both(client, guidance, editor, author):
    comment = make_comment(guidance, author)
    client.force_login(editor)

    html = client.get(reverse("consultation_feedback_respond", args=[comment.pk])).content
    assert b"The next version (linked when it is published)" in html
    with pytest.raises(Exception, match="not both"):
        response_record(
            editor=editor,
            comment=comment,
            outcome="accepted",
            rationale="x",
            version=guidance.current_version,
            next_version=True,
        )


def test_a_daily_author_gets_the_comparison_in_the_digest_and_the_filter_finds_waiting(
    client, guidance, editor, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    author = ParticipantFactory(notify_responses=Frequency.DAILY)
    comment = make_comment(guidance, author)
    other = make_comment(guidance, ParticipantFactory())
    response_record(
        editor=editor, comment=comment, outcome="accepted", rationale="Soon.", next_version=True
    )
    client.force_login(editor)
    workspace = reverse("consultation_feedback_workspace", args=[guidance.pk])
    waiting = client.get(workspace, {"status": "next_version"}).context["threads"]
    assert [r["comment"].pk for r in waiting] == [comment.pk] != [other.pk]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        page = publish_in_admin(client, guidance)
    call_command("send_digests")

    (digest,) = [m for m in mail.outbox if m.to == [author.user.email]]
    assert f"{page.url}compare/1/2/" in digest.body
    assert ResponseEmail.objects.get().delivery == ResponseEmail.Delivery.DIGEST
