"""Telling followers about a new version, as often as they asked to be told, and what it
changed in the clauses they commented or voted on."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from consultation.accounts.models import Frequency, Participant
from consultation.notifications.claims import digests_enqueue, notify_per_frequency
from consultation.versions.models import GuidanceVersion, VersionNotification
from consultation.versions.tasks import send_version_digest, send_version_email


def version_notify(*, version_id: int) -> int:
    """Email each follower of the version's guidance now, save it for their digest, or (for
    "never") nothing. Returns how many followers were told or will be."""
    version = GuidanceVersion.objects.filter(pk=version_id).first()
    if version is None or version.number == 1:
        return 0
    followers = Participant.objects.filter(follows__page_id=version.page_id).exclude(
        notify_new_versions=Frequency.NEVER
    )
    told = 0
    for follower in followers:
        told += 1
        notify_per_frequency(
            follower.notify_new_versions,
            send_now=lambda f=follower: _send_once(f, version),
            save_for_digest=lambda f=follower: _record(f, version, sent_at=None),
            paused=follower.notifications_paused,
        )
    return told


def _send_once(follower, version) -> None:
    if _record(follower, version, sent_at=timezone.now()):
        send_version_email.enqueue(follower.pk, version.pk)


def _record(follower, version, *, sent_at) -> bool:
    """Record the notification; False if this follower was already told of this version."""
    try:
        with transaction.atomic():
            VersionNotification.objects.create(recipient=follower, version=version, sent_at=sent_at)
    except IntegrityError:
        return False
    return True


def version_digests_send() -> int:
    """Send each follower who chose a daily digest one email listing the new versions."""
    return digests_enqueue(
        VersionNotification.objects.all(), item_field="version_id", task=send_version_digest
    )
