"""Issue 18: a flag saying someone may be at risk reaches every moderator at once, comes
first in the queue, never hides the comment, and what moderators did is in Wagtail's log."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from consultation.discussion.models import CommentFlag, CommentStatus
from consultation.discussion.moderation import (
    SAFEGUARDING_LOG_ACTION,
    comment_flag,
    safeguarding_record,
    urgent_response_times,
)
from tests.consultation.comment_helpers import discussion_path, make_comment, reload
from tests.factories import ParticipantFactory, UserFactory


@pytest.fixture
def moderators(db):
    group = Group.objects.get(name="Moderators")
    in_group = [UserFactory(email=f"mod{n}@example.org", is_superuser=False) for n in range(2)]
    for user in in_group:
        user.groups.add(group)
    direct = UserFactory(email="direct@example.org", is_superuser=False)
    direct.user_permissions.add(Permission.objects.get(codename="moderate_comments"))
    UserFactory(email="inactive@example.org", is_superuser=False, is_active=False).groups.add(group)
    return in_group + [direct]


def flag_at_risk(client, guidance, comment, participant, note="They sound very low."):
    client.force_login(participant.user)
    return client.post(
        guidance.url + f"comments/{comment.pk}/flag/", {"reason": "at_risk", "note": note}
    )


def test_at_risk_flag_emails_every_moderator_as_the_request_commits_and_hides_nothing(
    client, guidance, moderators, django_capture_on_commit_callbacks
):
    comment = make_comment(guidance, ParticipantFactory(), text="I cannot see a way forward.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = flag_at_risk(client, guidance, comment, ParticipantFactory())
    assert mail.outbox == []  # nothing leaves before the flag is committed
    for callback in callbacks:
        callback()

    assert response.status_code == 302
    assert response["Location"].endswith(f"comments/{comment.pk}/flagged/")
    moderator_emails = {m.email for m in moderators}
    to = {address for message in mail.outbox for address in message.to}
    assert moderator_emails <= to
    assert "inactive@example.org" not in to
    alert = next(m for m in mail.outbox if m.to == [moderators[0].email])
    assert alert.subject.endswith("Urgent: someone may be at risk")
    assert f"http://testserver/admin/comment-review/{comment.pk}/" in alert.body
    assert "They sound very low." in alert.body
    assert reload(comment).status == CommentStatus.PUBLISHED
    client.logout()
    assert "I cannot see a way forward." in client.get(discussion_path(guidance)).content.decode()


def test_at_risk_flags_never_count_towards_hiding(guidance, settings):
    comment = make_comment(guidance, ParticipantFactory())
    for _ in range(settings.COPRODUCE_FLAGS_TO_HIDE + 1):
        comment_flag(participant=ParticipantFactory(), comment=comment, reason="at_risk")

    assert reload(comment).status == CommentStatus.PUBLISHED


def test_urgent_comments_come_first_in_the_queue(client, guidance, moderators):
    older_abusive = make_comment(guidance, ParticipantFactory(), text="Abusive words.")
    for _ in range(2):
        comment_flag(participant=ParticipantFactory(), comment=older_abusive, reason="abusive")
    at_risk = make_comment(guidance, ParticipantFactory(), text="Words of distress.")
    comment_flag(participant=ParticipantFactory(), comment=at_risk, reason="at_risk")
    client.force_login(moderators[0])

    html = client.get("/admin/comment-review/").content.decode()

    assert html.index("Words of distress.") < html.index("Abusive words.")
    assert "1 urgent flag waiting." in html
    urgent_only = client.get("/admin/comment-review/?show=urgent").content.decode()
    assert "Words of distress." in urgent_only and "Abusive words." not in urgent_only


def test_moderator_sees_the_guidance_and_records_the_action_in_wagtails_log(
    client, guidance, moderators
):
    from home.models import SupportSettings

    support = SupportSettings.for_site(guidance.get_site())
    support.safeguarding_guidance = "<p>Tell the safeguarding lead within the hour.</p>"
    support.save()
    comment = make_comment(guidance, ParticipantFactory())
    comment_flag(participant=ParticipantFactory(), comment=comment, reason="at_risk")
    client.force_login(moderators[0])
    review = f"/admin/comment-review/{comment.pk}/"

    html = client.get(review).content.decode()
    assert "Tell the safeguarding lead within the hour." in html
    assert "Urgent: a participant is worried someone may be at risk." in html

    refused = client.post(review, {"action": "safeguarding", "safeguarding_note": "Kept."})
    assert refused.status_code == 400
    assert "Choose what you did." in refused.content.decode()

    response = client.post(
        review,
        {
            "action": "safeguarding",
            "safeguarding_action": "signposted",
            "safeguarding_note": "Replied.",
        },
    )

    assert response.status_code == 302
    entry = ModelLogEntry.objects.for_instance(comment).get(action=SAFEGUARDING_LOG_ACTION)
    assert entry.user == moderators[0]
    assert entry.data["action"] == "signposted"
    assert entry.data["note"] == "Replied."
    assert not CommentFlag.objects.urgent().open().exists()
    assert reload(comment).status == CommentStatus.PUBLISHED
    assert "Signposted to support" in client.get(review).content.decode()


def test_approving_does_not_close_an_urgent_flag_without_a_recorded_action(
    client, guidance, moderators
):
    comment = make_comment(guidance, ParticipantFactory())
    comment_flag(participant=ParticipantFactory(), comment=comment, reason="at_risk")
    comment_flag(participant=ParticipantFactory(), comment=comment, reason="spam")
    client.force_login(moderators[0])

    client.post(f"/admin/comment-review/{comment.pk}/", {"action": "approve"})

    assert list(CommentFlag.objects.open().values_list("reason", flat=True)) == ["at_risk"]


def test_response_time_is_the_median_wait_from_flag_to_recorded_action(guidance, moderators):
    now = timezone.now()
    for minutes in (10, 30, 200):
        comment = make_comment(guidance, ParticipantFactory())
        flag = comment_flag(participant=ParticipantFactory(), comment=comment, reason="at_risk")
        safeguarding_record(comment=comment, moderator=moderators[0], action="contacted")
        CommentFlag.objects.filter(pk=flag.pk).update(
            created_at=now - timedelta(minutes=minutes), resolved_at=now
        )
    comment_flag(participant=ParticipantFactory(), comment=comment, reason="abusive")

    times = urgent_response_times()

    assert times["count"] == 3
    assert times["median"] == timedelta(minutes=30)
    assert times["slowest"] == timedelta(minutes=200)


def test_dashboard_shows_the_response_time_in_words(client, guidance, moderators):
    comment = make_comment(guidance, ParticipantFactory())
    flag = comment_flag(participant=ParticipantFactory(), comment=comment, reason="at_risk")
    safeguarding_record(comment=comment, moderator=moderators[0], action="no_action")
    now = timezone.now()
    CommentFlag.objects.filter(pk=flag.pk).update(
        created_at=now - timedelta(hours=1, minutes=5), resolved_at=now
    )
    client.force_login(moderators[0])

    html = client.get("/admin/comment-review/").content.decode()

    assert "median 1 hour 5 minutes" in html


def test_flag_page_no_longer_announces_the_hiding_threshold(client, guidance, settings):
    comment = make_comment(guidance, ParticipantFactory())
    client.force_login(ParticipantFactory().user)

    html = client.get(guidance.url + f"comments/{comment.pk}/flag/").content.decode()

    assert f"{settings.COPRODUCE_FLAGS_TO_HIDE} flags" not in html
    assert "hidden until" not in html
    assert "worried someone may be at risk" in html
