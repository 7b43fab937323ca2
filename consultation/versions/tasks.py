"""Emails about new versions (django-tasks: immediate in development and tests, a worker in
production). Tasks take ids, not objects, and reload what they need."""

from django_tasks import task

from consultation.accounts.models import Participant
from consultation.notifications.delivery import notification_send as _send
from consultation.versions.models import GuidanceVersion
from consultation.versions.news import version_news


def _version_item(participant, version):
    page = version.page.specific
    news = version_news(participant, version)
    compare = page.reverse_subpage("compare", args=[news.since, version.number])
    return {"version": version, "page": page, "news": news, "url": page.full_url + compare}


@task()
def send_version_email(recipient_id: int, version_id: int) -> None:
    recipient = Participant.objects.select_related("user").filter(pk=recipient_id).first()
    version = GuidanceVersion.objects.select_related("page").filter(pk=version_id).first()
    if recipient is None or version is None:
        return
    item = _version_item(recipient, version)
    _send(
        "new_version",
        recipient.user.email,
        f"Version {version.number} of “{version.title}” is published",
        {"recipient": recipient, **item},
    )


@task()
def send_version_digest(recipient_id: int, version_ids: list[int]) -> None:
    recipient = Participant.objects.select_related("user").filter(pk=recipient_id).first()
    if recipient is None:
        return
    versions = GuidanceVersion.objects.select_related("page").filter(pk__in=version_ids)
    items = [_version_item(recipient, v) for v in versions.order_by("published_at", "pk")]
    if not items:
        return
    count = len(items)
    _send(
        "new_version_digest",
        recipient.user.email,
        f"{count} new version{'s' if count != 1 else ''} of guidance you follow",
        {"recipient": recipient, "items": items},
    )
