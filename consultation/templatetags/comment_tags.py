from django import template

from consultation.discussion.text import comment_text
from consultation.discussion.threads import visible_comment_counts

register = template.Library()


@register.filter(name="comment_text")
def comment_text_filter(text: str) -> str:
    return comment_text(text)


def _counts(page) -> dict[str, int]:
    return visible_comment_counts(page)


@register.simple_tag
def comment_count(page, clause=None) -> int:
    return _counts(page).get(clause.id if clause else "", 0)


@register.simple_tag
def discussion_link(page, clause=None) -> str:
    base = getattr(page, "_url_for_discussions", None)
    if base is None:
        base = page._url_for_discussions = page.url
    if clause is None:
        return base + page.reverse_subpage("document_discussion")
    return base + page.reverse_subpage("clause_discussion", args=[clause.short_id])
