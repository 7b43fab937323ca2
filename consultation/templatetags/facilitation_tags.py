from django import template

from consultation.facilitation.results import mark_with_facilitated, version_facilitated

register = template.Library()


@register.simple_tag(takes_context=True)
def facilitated_result(context, snapshot, page):
    """The facilitated sessions' answers to this clause snapshot, or None; `page` tells
    whether its editors count them in the marks (read live, not from the tally cache).
    Each version's answers are read once per request: the results page asks for all 60
    clauses, and each read is two cache round trips."""
    in_marks = bool(page.facilitated_tallies_in_marks)
    request = context.get("request")
    kept = getattr(request, "_coproduce_facilitated", None) if request is not None else None
    if kept is None:
        kept = {}
        if request is not None:
            request._coproduce_facilitated = kept
    key = (snapshot.version_id, in_marks)
    if key not in kept:
        kept[key] = version_facilitated(snapshot.version_id, in_marks=in_marks)
    return kept[key].get(snapshot.pk)


@register.simple_tag
def facilitated_mark(result, facilitated):
    return mark_with_facilitated(result, facilitated)
