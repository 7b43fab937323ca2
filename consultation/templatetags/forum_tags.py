from django import template

from consultation.forum.outcomes import discussed_before, discussed_clause

register = template.Library()


@register.simple_tag
def forum_discussed(page, clause_id):
    """What forum sessions concluded about this clause, oldest first."""
    return discussed_clause(page, clause_id)


@register.simple_tag
def forum_before_version(page, version, previous):
    return discussed_before(page, version, previous)


@register.simple_tag
def forum_sessions(guidance=None):
    """(upcoming, past) sessions of one guidance, or of every guidance for the home page."""
    from consultation.forum.context import sessions_everywhere, sessions_of

    return sessions_of(guidance) if guidance is not None else sessions_everywhere()
