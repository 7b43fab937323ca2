"""Suggested wording's personal fragments (consultation/caching/personal.py): what the
reader may do with each suggestion on a clause's discussion (support or take back their
support, withdraw their own, flag someone else's).

The shared page knows each suggestion (its status, whether the editors acted, its
author's public name) but not who wrote it: whether it is the reader's, and whether they
support it, come from one query for the whole page.
"""

from types import SimpleNamespace

from django.db.models import Exists, OuterRef, Q

from consultation.caching.compiled import CompiledRead
from consultation.caching.personal import personal_fragment
from consultation.rounds import refusal_to_take_part
from consultation.suggestions.models import Suggestion, SuggestionSupport

ACTIONS_TEMPLATE = "consultation/suggestions/includes/actions.html"


def _mine_query(page, participant):
    return (
        Suggestion.objects.filter(page_id=page)
        .filter(Q(participant_id=participant) | Q(supports__participant_id=participant))
        .annotate(
            backed=Exists(
                SuggestionSupport.objects.filter(
                    suggestion=OuterRef("pk"), participant_id=participant
                )
            )
        )
        .order_by()
        .values_list("pk", "participant_id", "backed")
        .distinct()
    )


_mine_read = CompiledRead(Suggestion, _mine_query)


def _mine(layer) -> dict[int, bool]:
    """{suggestion id: the reader wrote it} for the page's suggestions the reader wrote or
    supports (supported = listed and not written by them: one cannot back one's own)."""

    def make():
        participant = layer.participant
        if participant is None:
            return {}
        rows = _mine_read.rows(page=layer.page_id, participant=participant.pk)
        return {pk: (author_id == participant.pk, backed) for pk, author_id, backed in rows}

    return layer.once("suggestions_mine", make)


def _can_take_part(layer) -> bool:
    return layer.once(
        "suggestions_can_take_part",
        lambda: (
            layer.participant is not None
            and refusal_to_take_part(layer.request.user, layer.page) is None
        ),
    )


@personal_fragment("suggestion_actions")
def suggestion_actions(layer, suggestion_pk, status, accepted_revision_id, editors_acted, author):
    participant = layer.participant
    if participant is None:
        return ""
    wrote, backed = _mine(layer).get(suggestion_pk, (False, False))
    can_take_part = _can_take_part(layer)
    key = (
        f"suggestionactions:{layer.page_url}:{suggestion_pk}:{status}:{accepted_revision_id}:"
        f"{editors_acted}:{author}:{wrote}:{backed}:{can_take_part}"
    )

    def render():
        # What actions.html reads of the suggestion and the reader: the shared page's
        # facts, and "whose" as the reader (never the author's id, which it does not hold).
        suggestion = SimpleNamespace(
            pk=suggestion_pk,
            status=status,
            accepted_revision_id=accepted_revision_id,
            editors_acted=editors_acted,
            author_name=author,
            participant_id=participant.pk if wrote else None,
        )
        viewer = {
            "participant": participant,
            "can_take_part": can_take_part,
            "supported": {suggestion_pk} if backed else set(),
        }
        return layer.render(ACTIONS_TEMPLATE, {"suggestion": suggestion, "viewer": viewer})

    return layer.fragment(key, render)
