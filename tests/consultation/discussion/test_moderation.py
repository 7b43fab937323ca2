import pytest
from django.contrib.auth.models import Group
from django.core import mail

from consultation.accounts.models import Participant
from consultation.accounts.signals import collect_participant_data, participant_deleting
from consultation.discussion.models import CommentFlag, CommentStatus, GuidanceComment
from tests.consultation.comment_helpers import discussion_path, make_comment, reload
from tests.factories import ParticipantFactory, UserFactory


@pytest.fixture
def author(db):
    return ParticipantFactory(display_name="Alex")


@pytest.fixture
def moderator(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def flag_as(client, guidance, comment, participant, reason="abusive", note=""):
    client.force_login(participant.user)
    return client.post(
        guidance.url + f"comments/{comment.pk}/flag/", {"reason": reason, "note": note}
    )


def test_author_withdraws_their_comment_and_replies_stay(client, guidance, author):
    comment = make_comment(guidance, author, text="I said too much.")
    make_comment(guidance, ParticipantFactory(), parent=comment, text="A kind reply.")
    client.force_login(author.user)

    response = client.post(guidance.url + f"comments/{comment.pk}/withdraw/")

    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    html = client.get(discussion_path(guidance)).content.decode()
    assert "Withdrawn by its author" in html
    assert "I said too much." not in html
    assert "A kind reply." in html
    assert reload(comment).comment == ""


def test_only_the_author_may_withdraw(client, guidance, author):
    comment = make_comment(guidance, author)
    client.force_login(ParticipantFactory().user)

    response = client.post(guidance.url + f"comments/{comment.pk}/withdraw/")

    assert response.status_code == 403
    assert not reload(comment).is_withdrawn


def test_withdrawn_comment_no_longer_counts(client, guidance, author):
    comment = make_comment(guidance, author)
    client.force_login(author.user)
    client.post(guidance.url + f"comments/{comment.pk}/withdraw/")

    assert "(0 comments)" in client.get(guidance.url).content.decode()


def test_participant_flags_a_comment_once(client, guidance, author):
    comment = make_comment(guidance, author)
    flagger = ParticipantFactory()

    first = flag_as(client, guidance, comment, flagger, note="Names a colleague.")
    second = flag_as(client, guidance, comment, flagger, reason="spam")

    assert first.status_code == second.status_code == 302
    flag = CommentFlag.objects.get()
    assert (flag.reason, flag.note) == ("abusive", "Names a colleague.")


def test_flag_without_a_reason_is_refused_with_a_message(client, guidance, author):
    comment = make_comment(guidance, author)

    response = flag_as(client, guidance, comment, ParticipantFactory(), reason="")

    assert response.status_code == 400
    assert "Choose what is wrong with the comment." in response.content.decode()


def test_flagging_ones_own_comment_is_refused(client, guidance, author):
    comment = make_comment(guidance, author)

    response = flag_as(client, guidance, comment, author)

    assert response.status_code == 400
    assert not CommentFlag.objects.exists()


def test_third_flag_holds_the_comment_and_keeps_its_replies_visible(
    client, guidance, author, settings
):
    assert settings.COPRODUCE_FLAGS_TO_HIDE == 3
    comment = make_comment(guidance, author, text="Something hurtful.")
    make_comment(guidance, ParticipantFactory(), parent=comment, text="Please do not.")

    for _ in range(2):
        flag_as(client, guidance, comment, ParticipantFactory())
    assert reload(comment).status == CommentStatus.PUBLISHED
    flag_as(client, guidance, comment, ParticipantFactory())

    assert reload(comment).status == CommentStatus.HELD
    client.logout()
    html = client.get(discussion_path(guidance)).content.decode()
    assert "Something hurtful." not in html
    assert "hidden until a moderator has reviewed it" in html
    assert "Please do not." in html
    assert "(1 comment)" in client.get(guidance.url).content.decode()


def test_moderators_group_may_moderate_comments(moderator):
    assert moderator.has_perm("consultation.moderate_comments")


def test_moderator_sees_flagged_and_held_comments_in_the_admin(client, guidance, author, moderator):
    flagged = make_comment(guidance, author, text="Flagged words.")
    make_comment(guidance, author, text="Nobody minds this.")
    flag_as(client, guidance, flagged, ParticipantFactory())
    client.force_login(moderator)

    html = client.get("/admin/comment-review/").content.decode()

    assert "Flagged words." in html
    assert "Nobody minds this." not in html
    assert "Nobody minds this." in client.get("/admin/comment-review/?show=all").content.decode()


def test_the_document_filter_names_only_live_public_documents(
    client, guidance, guidance_index, moderator
):
    from wagtail.models import PageViewRestriction

    from tests.factories import GuidancePageFactory

    GuidancePageFactory(parent=guidance_index, title="Secret draft", live=False, published=False)
    private = GuidancePageFactory(parent=guidance_index, title="Private plans")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    client.force_login(moderator)

    html = client.get("/admin/comment-review/").content.decode()
    private_filter = client.get(f"/admin/comment-review/?document={private.pk}&show=all")

    assert guidance.title in html
    assert "Secret draft" not in html and "Private plans" not in html
    assert "Private plans" not in private_filter.content.decode()


def test_people_without_the_permission_cannot_review(client, guidance):
    editor = UserFactory(is_superuser=False)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    assert client.get("/admin/comment-review/").status_code in {302, 403}


def test_moderator_approves_a_held_comment(client, guidance, author, moderator):
    comment = make_comment(guidance, author, text="Fine after all.")
    for _ in range(3):
        flag_as(client, guidance, comment, ParticipantFactory())
    client.force_login(moderator)

    client.post(f"/admin/comment-review/{comment.pk}/", {"action": "approve"})

    assert reload(comment).status == CommentStatus.PUBLISHED
    assert not CommentFlag.objects.filter(resolved_at__isnull=True).exists()


def test_moderator_removes_a_comment_naming_the_broken_rule_and_the_author_is_told(
    client, guidance, author, moderator, django_capture_on_commit_callbacks, settings
):
    comment = make_comment(guidance, author, text="Rude words.")
    make_comment(guidance, ParticipantFactory(), parent=comment, text="Reply stays.")
    client.force_login(moderator)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/comment-review/{comment.pk}/",
            {"action": "remove", "rule": "be_kind", "reason": "It insults another participant."},
        )

    assert response.status_code == 302
    removed = reload(comment)
    assert (removed.status, removed.broken_rule) == (CommentStatus.REMOVED, "be_kind")
    assert [m.to for m in mail.outbox] == [[author.user.email]]
    removal = mail.outbox[0]
    assert "The house rule it broke:\nBe kind" in removal.body
    # An address on the site itself, whatever its host (0017 takes it from the base URL).
    assert f"Read the house rules: {guidance.get_site().root_url}/house-rules/" in removal.body
    assert "It insults another participant." in removal.body
    assert removal.reply_to == [settings.COPRODUCE_MODERATION_EMAIL]
    assert f"(it goes to {settings.COPRODUCE_MODERATION_EMAIL})" in removal.body
    assert removal.from_email == settings.DEFAULT_FROM_EMAIL
    client.logout()
    html = client.get(discussion_path(guidance)).content.decode()
    assert "Removed by a moderator" in html
    assert "broke the house rule “Be kind”" in html
    assert "Rude words." not in html
    assert "Reply stays." in html


def test_removal_without_a_rule_is_refused_and_keeps_the_note(client, guidance, author, moderator):
    comment = make_comment(guidance, author)
    client.force_login(moderator)

    response = client.post(
        f"/admin/comment-review/{comment.pk}/", {"action": "remove", "reason": "My note."}
    )

    assert response.status_code == 400
    assert "Choose the house rule the comment broke." in response.content.decode()
    assert "My note." in response.content.decode()
    assert reload(comment).status == CommentStatus.PUBLISHED


def test_pre_moderation_holds_new_comments_until_approved(client, guidance, author, moderator):
    guidance.pre_moderate_comments = True
    guidance.save()
    client.force_login(author.user)

    client.post(discussion_path(guidance), {"text": "Waiting my turn."})

    comment = GuidanceComment.objects.get()
    assert comment.status == CommentStatus.HELD
    assert "Waiting my turn." in client.get(discussion_path(guidance)).content.decode()
    client.logout()
    assert "Waiting my turn." not in client.get(discussion_path(guidance)).content.decode()
    client.force_login(moderator)
    assert "Waiting my turn." in client.get("/admin/comment-review/").content.decode()


def test_deleting_an_account_can_keep_comments_as_a_former_participant(guidance, author):
    comment = make_comment(guidance, author, text="Worth keeping.")

    participant_deleting.send(sender=Participant, participant=author, keep_comments=True)

    comment = reload(comment)
    assert (comment.participant, comment.user, comment.comment) == (None, None, "Worth keeping.")
    assert comment.author_name == "Former participant"


def test_deleting_an_account_can_remove_comments_but_keep_replies(guidance, author):
    comment = make_comment(guidance, author, text="Take this away.")
    reply = make_comment(guidance, ParticipantFactory(), parent=comment)

    participant_deleting.send(sender=Participant, participant=author, keep_comments=False)

    comment = reload(comment)
    assert comment.comment == "" and comment.is_withdrawn and comment.participant is None
    assert reload(reply).parent_id == comment.pk


def test_my_data_includes_my_comments_and_flags(guidance, author):
    make_comment(guidance, author, text="Mine.")
    other = make_comment(guidance, ParticipantFactory())
    CommentFlag.objects.create(comment=other, participant=author, reason="spam")

    sections = dict(
        response
        for _receiver, response in collect_participant_data.send(
            sender=Participant, participant=author
        )
    )

    assert [c["text"] for c in sections["comments"]["comments"]] == ["Mine."]
    assert sections["comments"]["flags"][0]["reason"] == "spam"


def test_editors_find_the_pre_moderation_switch_on_the_document(client, guidance):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    html = client.get(f"/admin/pages/{guidance.pk}/edit/").content.decode()

    assert "Hold new comments for review" in html


@pytest.mark.parametrize("keep", [True, False])
def test_deleting_an_account_through_the_accounts_service_handles_comments(
    client, guidance, author, keep
):
    from consultation.accounts.services import participant_delete

    comment = make_comment(guidance, author, text="My words.")
    reply = make_comment(guidance, ParticipantFactory(), parent=comment, text="A reply.")

    participant_delete(user=author.user, keep_comments=keep)

    html = client.get(discussion_path(guidance)).content.decode()
    assert ("My words." in html) is keep
    assert ("Former participant" in html) is keep
    assert "A reply." in html
    assert reload(reply).parent_id == comment.pk


def test_my_data_download_has_a_comments_section(guidance, author):
    from consultation.accounts.services import participant_data

    make_comment(guidance, author, text="Mine.")

    assert participant_data(participant=author)["comments"]["comments"][0]["text"] == "Mine."
