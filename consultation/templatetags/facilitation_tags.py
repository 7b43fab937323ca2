from django import template

from consultation.facilitation.results import facilitated_for, mark_with_facilitated

register = template.Library()


@register.simple_tag
def facilitated_result(snapshot, page):
    """The facilitated sessions' answers to this clause snapshot, or None; `page` tells
    whether its editors count them in the marks (read live, not from the tally cache)."""
    return facilitated_for(snapshot, in_marks=bool(page.facilitated_tallies_in_marks))


@register.simple_tag
def facilitated_mark(result, facilitated):
    return mark_with_facilitated(result, facilitated)
