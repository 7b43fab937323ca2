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


@register.filter
def duration_words(value) -> str:
    """A wait in plain words: "40 minutes", "3 hours 5 minutes", "2 days 4 hours"."""
    if value is None:
        return ""
    minutes = max(int(value.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [(days, "day"), (hours, "hour")] if days else [(hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
    return " ".join(words) or "under a minute"
