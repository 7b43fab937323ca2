"""Emails about discussions (django-tasks: immediate in development and tests, a worker in
production). Tasks take ids, not objects, and reload what they need."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django_tasks import task
from wagtail.models import Site

from consultation.accounts.models import Participant
from consultation.accounts.roles import MODERATE_COMMENTS
from consultation.discussion.links import comment_url, discussion_url
from consultation.discussion.models import CommentFlag, GuidanceComment
from consultation.notifications.delivery import notification_send as _send


def _comment(comment_id: int) -> GuidanceComment | None:
    return (
        GuidanceComment.objects.select_related("participant__user", "page", "version")
        .filter(pk=comment_id)
        .first()
    )


@task()
def send_reply_email(comment_id: int) -> None:
    reply = _comment(comment_id)
    if reply is None or not reply.is_visible:
        return
    parent = _comment(reply.parent_id)
    if parent is None or parent.participant is None:
        return
    _send(
        "reply",
        parent.participant.user.email,
        f"{reply.public_name} replied to your comment",
        {
            "recipient": parent.participant,
            "reply": reply,
            "document": reply.page,
            "url": comment_url(reply.page, reply, full=True),
        },
    )


@task()
def send_reply_digest(recipient_id: int, comment_ids: list[int]) -> None:
    recipient = Participant.objects.select_related("user").filter(pk=recipient_id).first()
    if recipient is None:
        return
    replies = [
        {"reply": reply, "url": comment_url(reply.page, reply, full=True)}
        for reply in GuidanceComment.objects.select_related("participant", "page", "version")
        .filter(pk__in=comment_ids)
        .order_by("submit_date")
        if reply.is_visible
    ]
    if not replies:
        return
    count = len(replies)
    _send(
        "digest",
        recipient.user.email,
        f"{count} new {'reply' if count == 1 else 'replies'} to your comments",
        {"recipient": recipient, "replies": replies},
    )


@task()
def send_removal_email(comment_id: int) -> None:
    comment = _comment(comment_id)
    if comment is None or comment.participant is None:
        return
    _send(
        "removed",
        comment.participant.user.email,
        "A moderator removed one of your comments",
        {
            "recipient": comment.participant,
            "comment": comment,
            "document": comment.page,
            "url": discussion_url(comment.page, comment.clause_id, full=True),
            **_site_support(comment.page),
        },
        reply_to=settings.COPRODUCE_MODERATION_EMAIL,
    )


def _site_support(page) -> dict:
    """The house rules' address and the crisis contacts, for emails about a removal."""
    # By name: home's models import the guidance page, which this package must not reach.
    SiteLinks = apps.get_model("home", "SiteLinks")
    SupportSettings = apps.get_model("home", "SupportSettings")
    site = page.get_site() or Site.objects.filter(is_default_site=True).first()
    rules = SiteLinks.for_site(site).house_rules if site else None
    return {
        "house_rules_url": rules.full_url if rules and rules.live else "",
        "support": SupportSettings.for_site(site) if site else None,
    }


def moderator_emails() -> list[str]:
    """Everyone who may moderate: through a group, their own permissions, or as a superuser."""
    app_label, codename = MODERATE_COMMENTS.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permission)
            | Q(user_permissions__in=permission)
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


@task()
def send_safeguarding_alert(flag_id: int) -> None:
    """Every moderator hears at once, never in a digest: someone may be at risk."""
    flag = CommentFlag.objects.select_related("comment__page").filter(pk=flag_id).first()
    if flag is None or flag.resolved_at:
        return
    comment = flag.comment
    review_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "consultation_comment_review_detail", args=[comment.pk]
    )
    for email in moderator_emails():
        _send(
            "safeguarding",
            email,
            "Urgent: someone may be at risk",
            {
                "flag": flag,
                "comment": comment,
                "document": comment.page,
                "review_url": review_url,
            },
        )
