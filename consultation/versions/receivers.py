"""A publication of a guidance page makes its next version; followers hear of it."""

from django.db import transaction
from wagtail.signals import page_published

from consultation.versions.models import GuidanceVersion
from consultation.versions.notifications import version_notify
from consultation.versions.services import version_publish
from consultation.versions.signals import version_published


def record_version(sender, instance, revision, **kwargs):
    version_publish(page=instance, revision=revision, user=revision.user if revision else None)


def notify_followers(sender, version, **kwargs):
    # After the commit, and robust: a mail queue that is down must not undo a publication
    # (the error is logged; the version and its votes stand).
    transaction.on_commit(lambda: version_notify(version_id=version.pk), robust=True)


def connect(page_model) -> None:
    page_published.connect(record_version, sender=page_model, dispatch_uid="record_version")
    version_published.connect(
        notify_followers, sender=GuidanceVersion, dispatch_uid="notify_followers"
    )
