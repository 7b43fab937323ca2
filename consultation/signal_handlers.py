from wagtail.signals import page_published, page_unpublished

from consultation.accounts.data import register_data_sections
from consultation.accounts.models import Participant
from consultation.accounts.signals import collect_participant_data, participant_deleting
from consultation.caching.page_cache import site_cache_invalidate
from consultation.guidance.models import GuidancePage
from consultation.versions.services import version_publish
from consultation.voting.services import participant_votes_data, unlink_votes_on_deletion


def record_version(sender, instance, revision, **kwargs):
    version_publish(page=instance, revision=revision, user=revision.user if revision else None)


def forget_cached_pages(sender, instance, **kwargs):
    # Every page lists or links others (home, index, navigation): all cached pages go.
    site_cache_invalidate()


def register_signal_handlers():
    page_published.connect(forget_cached_pages, dispatch_uid="forget_cached_pages_published")
    page_unpublished.connect(forget_cached_pages, dispatch_uid="forget_cached_pages_unpublished")
    from consultation.discussion import receivers as comment_receivers

    participant_deleting.connect(
        comment_receivers.comments_on_participant_deleting,
        sender=Participant,
        dispatch_uid="comments_on_participant_deleting",
    )
    collect_participant_data.connect(
        comment_receivers.comments_for_participant_data,
        sender=Participant,
        dispatch_uid="comments_for_participant_data",
    )
    register_data_sections()
    page_published.connect(record_version, sender=GuidancePage, dispatch_uid="record_version")
    participant_deleting.connect(
        unlink_votes_on_deletion, sender=Participant, dispatch_uid="unlink_votes"
    )
    collect_participant_data.connect(
        participant_votes_data, sender=Participant, dispatch_uid="votes_data"
    )
