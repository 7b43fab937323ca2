"""Signals that let each feature take part in account-wide operations without the
accounts code importing every feature.

collect_participant_data(sender=Participant, participant=...) -> receivers return
    (section_name, json_serialisable_data); "My data" downloads every section.
participant_deleting(sender=Participant, participant=..., keep_comments=bool) -> sent inside
    the deletion transaction, before the account is removed: comments are removed or
    re-attributed to "Former participant"; votes are unlinked but stay in the tallies.
participant_renamed(sender=Participant, participant=...) -> sent inside the transaction that
    changed the display name or perspective: pages showing them are rendered anew.
"""

from django.dispatch import Signal

collect_participant_data = Signal()
participant_deleting = Signal()
participant_renamed = Signal()
