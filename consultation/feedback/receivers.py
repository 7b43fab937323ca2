"""Feedback's answer to a publication: responses waiting for "the next version" are
linked to it, inside the publication's transaction (so they roll back with it)."""

from consultation.feedback.services import responses_link_to_version
from consultation.versions.models import GuidanceVersion
from consultation.versions.signals import version_published


def link_waiting_responses(sender, version, **kwargs):
    responses_link_to_version(version=version)


def connect() -> None:
    version_published.connect(
        link_waiting_responses, sender=GuidanceVersion, dispatch_uid="link_waiting_responses"
    )
