from django import template
from django.utils.html import Urlizer, linebreaks
from django.utils.safestring import mark_safe

from consultation.services.comment_threads import visible_comment_counts

register = template.Library()


class ParticipantUrlizer(Urlizer):
    """Django's urlize, with the rel a link typed by a participant should carry."""

    url_template = '<a href="{href}" rel="ugc nofollow noopener">{url}</a>'


urlize_participant_text = ParticipantUrlizer()


@register.filter
def comment_text(text: str) -> str:
    """Plain text as paragraphs with links. urlize escapes everything it does not link,
    so any HTML a participant typed is shown as text."""
    linked = urlize_participant_text(text or "", trim_url_limit=60, autoescape=True)
    return mark_safe(linebreaks(linked, autoescape=False))


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
