from django import template

from consultation.discussion.links import discussion_url
from consultation.discussion.text import comment_text
from consultation.discussion.threads import visible_comment_counts
from consultation.templatetags.route_tags import page_base_url

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
    """The discussion of `clause`, or of the whole document without one."""
    return discussion_url(page, clause.id if clause else "", page_url=page_base_url(page))
