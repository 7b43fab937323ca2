"""Where a discussion and a comment live: the one place their addresses are built."""

from consultation.discussion.models import GuidanceComment
from consultation.discussion.threads import thread_page_number
from consultation.guidance.clauses import short_clause_id


def discussion_url(page, clause_id: str = "", *, full=False, page_url: str | None = None) -> str:
    """A clause's discussion, or the whole document's when `clause_id` is empty. Pass
    `page_url` when the caller already knows the page's address (it saves a site lookup)."""
    base = page_url or (page.full_url if full else page.url)
    if clause_id:
        return base + page.reverse_subpage("clause_discussion", args=[short_clause_id(clause_id)])
    return base + page.reverse_subpage("document_discussion")


def comment_url(page, comment: GuidanceComment, *, full=False, just_started=False) -> str:
    """The comment in context: its discussion, on the page that lists its thread.
    `just_started`: a thread its author has just started on the current version, which
    the discussion lists first (newest round first, newest first), so on page 1.

    Wagtail pages have no get_absolute_url, so xtd's own redirects and permalinks 404."""
    number = 1 if just_started else thread_page_number(comment)
    query = f"?page={number}" if number > 1 else ""
    return f"{discussion_url(page, comment.clause_id, full=full)}{query}#comment-{comment.pk}"
