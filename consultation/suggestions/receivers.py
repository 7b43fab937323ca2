"""How suggestions take part in publication and in account-wide operations."""

from consultation.accounts.models import Participant
from consultation.accounts.signals import (
    collect_participant_data,
    participant_deleting,
    participant_renamed,
)
from consultation.feedback.desk import clause_figures_register
from consultation.suggestions.desk import clause_suggestion_figures
from consultation.suggestions.models import Suggestion
from consultation.suggestions.services import (
    invalidate,
    suggestions_credit_version,
    suggestions_on_participant_deleting,
)
from consultation.versions.models import GuidanceVersion
from consultation.versions.signals import version_published


def credit_on_publication(sender, version, **kwargs):
    suggestions_credit_version(version=version)


def suggestions_on_deleting(sender, participant, keep_comments=False, **kwargs):
    suggestions_on_participant_deleting(participant=participant, keep_words=keep_comments)


def suggestions_on_renamed(sender, participant, **kwargs):
    """Pages that show their name on a suggestion are rendered anew."""
    seen = set()
    for suggestion in Suggestion.objects.filter(participant=participant).only(
        "page_id", "clause_id"
    ):
        if (suggestion.page_id, suggestion.clause_id) not in seen:
            seen.add((suggestion.page_id, suggestion.clause_id))
            invalidate(suggestion)


def suggestions_for_participant_data(sender, participant, **kwargs):
    suggestions = (
        Suggestion.objects.filter(participant=participant)
        .select_related("page", "snapshot__version", "addressed_in")
        .order_by("created_at")
    )
    data = [
        {
            "id": s.pk,
            "document": s.page.title,
            "clause_id": s.clause_id,
            "written_on_version": s.snapshot.version.number,
            "made_at": s.created_at.isoformat(),
            "wording": s.text,
            "proposition": s.proposition,
            "reason": s.reason,
            "credit_me": s.credit_author,
            "status": s.status,
            "outcome": s.outcome or None,
            "rationale": s.rationale or None,
            "in_version": s.addressed_in.number if s.addressed_in else None,
            "withdrawn": s.is_withdrawn,
            "moderation": s.moderation,
        }
        for s in suggestions
    ]
    supported = list(
        participant.suggestion_supports.order_by("created_at").values_list(
            "suggestion_id", flat=True
        )
    )
    flags = [
        {
            "suggestion_id": flag.suggestion_id,
            "reason": flag.reason,
            "note": flag.note,
            "flagged_at": flag.created_at.isoformat(),
        }
        for flag in participant.suggestion_flags.order_by("created_at")
    ]
    return ("suggestions", {"suggestions": data, "supported": supported, "flags": flags})


def connect() -> None:
    clause_figures_register(clause_suggestion_figures)
    version_published.connect(
        credit_on_publication, sender=GuidanceVersion, dispatch_uid="suggestions_credit"
    )
    participant_deleting.connect(
        suggestions_on_deleting, sender=Participant, dispatch_uid="suggestions_on_deleting"
    )
    participant_renamed.connect(
        suggestions_on_renamed, sender=Participant, dispatch_uid="suggestions_on_renamed"
    )
    collect_participant_data.connect(
        suggestions_for_participant_data,
        sender=Participant,
        dispatch_uid="suggestions_for_participant_data",
    )
