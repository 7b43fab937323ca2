"""A publication of a guidance page makes its next version."""

from wagtail.signals import page_published

from consultation.versions.services import version_publish


def record_version(sender, instance, revision, **kwargs):
    version_publish(page=instance, revision=revision, user=revision.user if revision else None)


def connect(page_model) -> None:
    page_published.connect(record_version, sender=page_model, dispatch_uid="record_version")
