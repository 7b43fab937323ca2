"""How votes take part in account-wide operations (see consultation.accounts.signals)."""

from consultation.accounts.models import Participant, perspectives_label
from consultation.accounts.signals import collect_participant_data, participant_deleting
from consultation.versions.models import GuidanceVersion
from consultation.versions.signals import version_published
from consultation.voting.models import Vote
from consultation.voting.services import votes_carry_over, votes_unlink


def carry_votes_to_new_version(sender, version, previous, **kwargs):
    if previous is not None:
        votes_carry_over(previous=previous, version=version)


def unlink_votes_on_deletion(sender, participant, **kwargs):
    votes_unlink(participant=participant)


def participant_votes_data(sender, participant, **kwargs):
    """ "My data": the participant's votes, as they would read them."""
    votes = (
        Vote.objects.by(participant)
        .select_related("snapshot__version__page")
        .order_by("snapshot__version__page__title", "snapshot__version__number", "snapshot__number")
    )
    return (
        "votes",
        [
            {
                "guidance": vote.snapshot.version.page.title,
                "version": vote.snapshot.version.number,
                "clause": vote.snapshot.number,
                "proposition": vote.snapshot.proposition,
                "answer": vote.get_choice_display(),
                "carried_from_version": vote.carried_from,
                "perspectives_at_the_time": perspectives_label(vote.perspectives),
                "cast_at": vote.updated_at.isoformat(),
            }
            for vote in votes
        ],
    )


def connect() -> None:
    version_published.connect(
        carry_votes_to_new_version, sender=GuidanceVersion, dispatch_uid="carry_votes"
    )
    participant_deleting.connect(
        unlink_votes_on_deletion, sender=Participant, dispatch_uid="unlink_votes"
    )
    collect_participant_data.connect(
        participant_votes_data, sender=Participant, dispatch_uid="votes_data"
    )
