"""Themes, answering a theme at once, and the workspace's bulk actions (on Wagtail's
bulk-action framework)."""

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from consultation.accounts.models import Frequency
from consultation.feedback.models import (
    CommentTheme,
    FeedbackResponse,
    ResponseEmail,
    ReviewMark,
    Theme,
)
from consultation.feedback.themes import comments_tag, theme_publish
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory, UserFactory


def bulk_url(action):
    return reverse("wagtail_bulk_action", args=["consultation", "guidancecomment", action])


def selection(page, comments, **more):
    return {"page": page.pk, "id": [c.pk for c in comments], **more}


def query(data) -> str:
    from urllib.parse import urlencode

    return urlencode(data, doseq=True)


def test_ten_comments_tagged_with_a_theme_are_answered_at_once_each_author_told_once(
    client, guidance, editor, django_capture_on_commit_callbacks
):
    authors = [ParticipantFactory(notify_responses=Frequency.IMMEDIATELY) for _ in range(10)]
    comments = [
        make_comment(guidance, a, text=f"Training matters {n}") for n, a in enumerate(authors)
    ]
    other = make_comment(guidance, ParticipantFactory(), text="Something else")
    client.force_login(editor)
    mail.outbox.clear()

    shown = client.get(bulk_url("feedback-tag"), selection(guidance, comments))
    assert shown.status_code == 200 and "10 comments selected" in shown.content.decode()
    tagged = client.post(
        bulk_url("feedback-tag") + "?" + query(selection(guidance, comments)),
        {"theme_name": "Training"},
    )
    assert tagged.status_code == 302
    theme = Theme.objects.get(page=guidance)
    assert theme.name == "Training" and theme.comments.count() == 10

    answer = query({"page": guidance.pk, "id": "all", "theme": theme.pk})
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(
            bulk_url("feedback-respond") + "?" + answer,
            {"outcome": "accepted", "rationale": "We added a clause on training."},
        )

    assert answered.status_code == 302
    assert FeedbackResponse.objects.filter(comment__in=comments).count() == 10
    assert not FeedbackResponse.objects.filter(comment=other).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.user.email for a in authors)
    assert ResponseEmail.objects.count() == 10
    workspace = reverse("consultation_feedback_workspace", args=[guidance.pk])
    assert len(client.get(workspace, {"theme": theme.pk}).context["threads"]) == 10


def test_a_new_theme_name_in_any_case_finds_the_existing_theme(guidance, editor):
    first = make_comment(guidance, ParticipantFactory())
    second = make_comment(guidance, ParticipantFactory())

    comments_tag(editor=editor, page=guidance, comment_ids=[first.pk], name="Pay  and hours")
    theme, added = comments_tag(
        editor=editor, page=guidance, comment_ids=[first.pk, second.pk], name="pay and HOURS"
    )

    assert Theme.objects.count() == 1 and theme.name == "Pay and hours"
    assert added == 1 and CommentTheme.objects.count() == 2


def test_answering_500_comments_is_one_request_in_bounded_queries_with_mail_queued(
    client,
    guidance,
    editor,
    monkeypatch,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    from consultation.discussion.models import GuidanceComment
    from consultation.feedback import notifications, services

    for n in range(500):
        author = ParticipantFactory(notify_responses=Frequency.IMMEDIATELY)
        make_comment(guidance, author, text=f"Comment {n}")
    comments = list(GuidanceComment.objects.on_page(guidance).top_level())
    assert len(comments) == 500
    theme, _ = comments_tag(
        editor=editor, page=guidance, comment_ids=[c.pk for c in comments], name="All of them"
    )
    client.force_login(editor)
    queued = []

    class Queue:
        """The task, recording what is queued, then queueing it as usual."""

        @staticmethod
        def enqueue(ids):
            queued.append(list(ids))
            return notifications.responses_notify.enqueue(ids)

    monkeypatch.setattr(services, "responses_notify", Queue)
    url = (
        bulk_url("feedback-respond")
        + "?"
        + query({"page": guidance.pk, "id": "all", "theme": theme.pk})
    )
    # PostgreSQL inserts the 500 responses and their 500 history lines in one statement
    # each; SQLite splits each insert into batches of its variable limit (6 statements).
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        django_assert_max_num_queries(35),
    ):
        response = client.post(url, {"outcome": "noted", "rationale": "Thank you all."})

    assert response.status_code == 302
    assert FeedbackResponse.objects.count() == 500
    assert len(callbacks) >= 1  # the notifications wait for the commit, then the task queue
    mail.outbox.clear()
    for callback in callbacks:
        callback()
    assert len(queued) == 1 and len(queued[0]) == 500
    assert len(mail.outbox) == 500


def test_marking_threads_as_needing_review_and_filtering_them(client, guidance, editor):
    marked = make_comment(guidance, ParticipantFactory(), text="Look again")
    make_comment(guidance, ParticipantFactory(), text="Fine")
    client.force_login(editor)

    response = client.post(bulk_url("feedback-review") + "?" + query(selection(guidance, [marked])))

    assert response.status_code == 302
    assert list(ReviewMark.objects.values_list("comment_id", flat=True)) == [marked.pk]
    workspace = reverse("consultation_feedback_workspace", args=[guidance.pk])
    threads = client.get(workspace, {"status": "needs_review"}).context["threads"]
    assert [r["comment"].pk for r in threads] == [marked.pk]
    client.post(bulk_url("feedback-reviewed") + "?" + query(selection(guidance, [marked])))
    assert not ReviewMark.objects.exists()


def test_the_theme_summary_counts_comments_perspectives_and_outcomes(
    client, guidance, editor, django_assert_max_num_queries
):
    from consultation.feedback.services import response_record

    carer = make_comment(guidance, ParticipantFactory(perspectives="carer,clinician"))
    peer = make_comment(guidance, ParticipantFactory(perspectives="peer_worker"))
    response_record(editor=editor, comment=carer, outcome="accepted", rationale="Done.")
    comments_tag(editor=editor, page=guidance, comment_ids=[carer.pk, peer.pk], name="Pay")
    client.force_login(editor)
    url = reverse("consultation_feedback_themes", args=[guidance.pk])
    client.get(url)

    with django_assert_max_num_queries(25):
        response = client.get(url)

    (row,) = response.context["summary"]
    assert row.comments == 2 and row.awaiting == 1
    assert row.outcomes == {"Accepted": 1}
    assert row.perspectives["Family member or carer"] == 1
    assert row.perspectives["Peer support worker or peer leader"] == 1


def test_themes_reach_the_api_only_once_public_and_the_exports_always(client, guidance, editor):
    comment = make_comment(guidance, ParticipantFactory())
    theme, _ = comments_tag(editor=editor, page=guidance, comment_ids=[comment.pk], name="Pay")
    api = f"/api/v1/guidance/{guidance.pk}/comments/"

    assert client.get(api).json()["items"][0]["themes"] == []
    theme_publish(theme=theme, public=True)
    assert client.get(api).json()["items"][0]["themes"] == ["Pay"]
    client.force_login(editor)
    csv = b"".join(
        client.get(
            reverse("consultation_feedback_comments_csv", args=[guidance.pk])
        ).streaming_content
    ).decode()
    assert csv.splitlines()[0].endswith(",themes") and csv.splitlines()[1].endswith(",Pay")


def test_moderators_and_participants_cannot_reach_themes_or_bulk_actions(
    client, guidance, participant_user
):
    comment = make_comment(guidance, ParticipantFactory())
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    urls = [
        reverse("consultation_feedback_themes", args=[guidance.pk]),
        *[
            bulk_url(action) + "?" + query(selection(guidance, [comment]))
            for action in (
                "feedback-respond",
                "feedback-tag",
                "feedback-review",
                "feedback-reviewed",
            )  # fmt: skip
        ],
    ]
    for user in (moderator, participant_user):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code in (302, 403), url
            assert client.post(
                url, {"outcome": "noted", "rationale": "x", "theme_name": "x"}
            ).status_code in (302, 403)
    assert not FeedbackResponse.objects.exists() and not Theme.objects.exists()
    assert not ReviewMark.objects.exists()


def test_an_author_of_several_comments_in_a_theme_gets_one_email(
    client, guidance, editor, django_capture_on_commit_callbacks
):
    author = ParticipantFactory(notify_responses=Frequency.IMMEDIATELY)
    mine = [make_comment(guidance, author, text=f"Mine {n}") for n in range(3)]
    theirs = make_comment(guidance, ParticipantFactory(notify_responses=Frequency.IMMEDIATELY))
    theme, _ = comments_tag(
        editor=editor, page=guidance, comment_ids=[c.pk for c in [*mine, theirs]], name="Same"
    )
    client.force_login(editor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            bulk_url("feedback-respond")
            + "?"
            + query({"page": guidance.pk, "id": "all", "theme": theme.pk}),
            {"outcome": "accepted", "rationale": "All taken on board."},
        )

    to_author = [m for m in mail.outbox if m.to == [author.user.email]]
    assert len(to_author) == 1 and "3 of your comments" in to_author[0].subject
    assert len(mail.outbox) == 2
    assert ResponseEmail.objects.filter(response__comment__participant=author).count() == 3
