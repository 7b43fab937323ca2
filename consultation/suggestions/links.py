"""Where suggestions live: on their clause's discussion page."""

from consultation.discussion.links import discussion_url


def suggestion_url(page, suggestion, *, full=False) -> str:
    return f"{discussion_url(page, suggestion.clause_id, full=full)}#suggestion-{suggestion.pk}"
