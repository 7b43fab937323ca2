"""Names of withdrawn, held and removed comments: their discussions show a placeholder,
and so does every other public place (reply and flag pages, titles, emails, exports)."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from consultation.discussion.models import CommentStatus
from consultation.discussion.moderation import comment_remove
from consultation.discussion.services import comment_withdraw
from consultation.discussion.tasks import send_reply_digest
from consultation.feedback.models import Outcome
from consultation.feedback.services import response_record
from tests.consultation.comment_helpers import make_comment, reload
from tests.factories import ParticipantFactory, UserFactory

NAME = "Quietly Hidden"


def hide(comment, state):
    if state == "withdrawn":
        comment_withdraw(participant=comment.participant, comment=comment)
    elif state == "removed":
        moderator = UserFactory()
        moderator.groups.add(Group.objects.get(name="Moderators"))
        comment_remove(
            comment=comment, moderator=moderator, rule="be_kind", reason="Breaks a house rule."
        )
    else:
        comment.status = CommentStatus.HELD
        comment.save()
    return reload(comment)


@pytest.fixture(params=["withdrawn", "held", "removed"])
def hidden_comment(request, guidance, editor):
    comment = make_comment(guidance, ParticipantFactory(display_name=NAME), text="Words.")
    response_record(editor=editor, comment=comment, outcome=Outcome.NOTED, rationale="Thanks.")
    return hide(comment, request.param)


def test_the_reply_page_neither_titles_nor_heads_itself_with_the_name(client, hidden_comment):
    client.force_login(ParticipantFactory().user)

    response = client.get(f"{hidden_comment.page.url}comments/{hidden_comment.pk}/reply/")

    html = response.content.decode()
    assert "<title>Reply to a comment" in html
    assert NAME not in html


def test_the_flag_page_does_not_say_who_wrote_it(client, hidden_comment):
    client.force_login(ParticipantFactory().user)

    response = client.get(f"{hidden_comment.page.url}comments/{hidden_comment.pk}/flag/")

    html = response.content.decode()
    assert "This comment is no longer shown." in html
    assert NAME not in html


def test_public_pages_and_the_api_leave_the_name_out(client, hidden_comment):
    page = hidden_comment.page
    for url in (
        f"{page.url}discussion/",
        f"{page.url}feedback/",
        f"/api/v1/guidance/{page.pk}/comments/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert NAME not in response.content.decode(), url


def test_a_digest_never_names_a_reply_hidden_since(guidance, hidden_comment):
    parent = make_comment(guidance, ParticipantFactory())
    hidden_comment.parent_id = parent.pk
    hidden_comment.save(update_fields=["parent_id"])
    mail.outbox.clear()  # the removal notice to the author names them, rightly

    send_reply_digest.call(parent.participant.pk, [hidden_comment.pk])

    assert all(NAME not in message.subject + message.body for message in mail.outbox)


def test_a_visible_comment_is_named_on_its_reply_page(client, guidance):
    comment = make_comment(guidance, ParticipantFactory(display_name=NAME))
    client.force_login(ParticipantFactory().user)

    response = client.get(f"{guidance.url}comments/{comment.pk}/reply/")

    assert f"<title>Reply to {NAME}" in response.content.decode()
