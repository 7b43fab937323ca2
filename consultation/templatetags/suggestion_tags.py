"""Suggested wording in templates: a clause's list, the per-person support state, and a
version's credits."""

from django import template

from consultation.numbers import whole_number
from consultation.rounds import participant_for, refusal_to_take_part
from consultation.suggestions.listing import (
    answered_suggestions,
    clause_suggestions,
    supported_ids,
)
from consultation.suggestions.models import Suggestion

register = template.Library()


@register.simple_tag(takes_context=True)
def suggestions_for_clause(context, page, clause):
    """A page of the clause's suggestions; `?suggestions=<n>` pages through them."""
    request = context["request"]
    number = whole_number(request.GET.get("suggestions", "1"), maximum=999_999) or 1
    return clause_suggestions(page, clause, number)


@register.simple_tag(takes_context=True)
def suggestion_viewer(context, page, listing):
    """The per-person part: who is reading, whether they may support, what they support."""
    request = context["request"]
    participant = participant_for(request.user)
    ids = [item.suggestion.pk for item in listing.items]
    return {
        "participant": participant,
        "can_take_part": participant is not None
        and refusal_to_take_part(request.user, page) is None,
        "supported": supported_ids(participant, ids),
    }


@register.simple_tag
def version_credits(page, version) -> list:
    """Suggestions whose wording this version took up, for its history entry: one query
    for all of a page's versions, kept on the page object for the rest of the request."""
    credits = getattr(page, "_suggestion_credits", None)
    if credits is None:
        credits = {}
        for suggestion in (
            Suggestion.objects.visible()
            .filter(page_id=page.pk, addressed_in__isnull=False)
            .select_related("participant", "snapshot")
            .order_by("snapshot__number", "pk")
        ):
            credits.setdefault(suggestion.addressed_in_id, []).append(suggestion)
        page._suggestion_credits = credits
    return credits.get(version.pk, [])


@register.filter
def contains(collection, value) -> bool:
    return value in collection


@register.simple_tag
def suggestions_answered(page) -> list:
    return answered_suggestions(page)
