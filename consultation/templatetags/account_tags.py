from django import template

from consultation.accounts.models import Follow
from consultation.accounts.services import follow_offer_take
from consultation.rounds import participant_for

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state(context, page) -> bool:
    participant = participant_for(context["request"].user)
    return (
        participant is not None
        and Follow.objects.filter(participant=participant, page=page).exists()
    )


@register.simple_tag(takes_context=True)
def follow_offer(context, page) -> bool:
    """True once, after a comment or a vote, if the participant does not follow `page`."""
    request = context["request"]
    if not request.user.is_authenticated:
        return False
    return follow_offer_take(
        session=request.session, participant=participant_for(request.user), page=page
    )
