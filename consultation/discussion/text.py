"""A participant's plain text as HTML: paragraphs, and links that carry the right rel."""

from django.utils.html import Urlizer, linebreaks
from django.utils.safestring import mark_safe


class ParticipantUrlizer(Urlizer):
    """Django's urlize, with the rel a link typed by a participant should carry."""

    url_template = '<a href="{href}" rel="ugc nofollow noopener">{url}</a>'


urlize_participant_text = ParticipantUrlizer()


def comment_text(text: str) -> str:
    """Plain text as paragraphs with links. urlize escapes everything it does not link,
    so any HTML a participant typed is shown as text.

    Discussions show the copy stored with each comment (GuidanceComment.text_html, made
    when the words are written): a change here needs a data migration that makes those
    copies again, as 0026_i19_comment_text_html did."""
    linked = urlize_participant_text(text or "", trim_url_limit=60, autoescape=True)
    return mark_safe(linebreaks(linked, autoescape=False))
