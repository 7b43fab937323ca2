from wagtail.signals import page_published

from consultation.models import GuidancePage
from consultation.services.versions import version_publish


def record_version(sender, instance, revision, **kwargs):
    version_publish(page=instance, revision=revision, user=revision.user if revision else None)


def register_signal_handlers():
    page_published.connect(record_version, sender=GuidancePage, dispatch_uid="record_version")
