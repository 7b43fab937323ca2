"""Where suggestions live: on their clause's discussion page."""

from consultation.discussion.links import discussion_url


def suggestion_url(page, suggestion, *, full=False) -> str:
    return f"{discussion_url(page, suggestion.clause_id, full=full)}#suggestion-{suggestion.pk}"


def suggest_url(page, clause_id: str) -> str:
    from consultation.guidance.clauses import short_clause_id

    return page.url + page.reverse_subpage("clause_suggest", args=[short_clause_id(clause_id)])
