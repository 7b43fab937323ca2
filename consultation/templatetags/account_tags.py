from django import template

from consultation.accounts.models import Follow
from consultation.rounds import participant_for

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state(context, page) -> bool:
    participant = participant_for(context["request"].user)
    return (
        participant is not None
        and Follow.objects.filter(participant=participant, page=page).exists()
    )
