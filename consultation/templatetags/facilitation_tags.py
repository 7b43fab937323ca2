from django import template

from consultation.facilitation.results import facilitated_for, mark_with_facilitated

register = template.Library()


@register.simple_tag
def facilitated_result(snapshot):
    """The facilitated sessions' answers to this clause snapshot, or None."""
    return facilitated_for(snapshot)


@register.simple_tag
def facilitated_mark(result, facilitated):
    return mark_with_facilitated(result, facilitated)
