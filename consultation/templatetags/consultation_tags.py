from datetime import datetime

from django import template
from django.utils.timezone import template_localtime

register = template.Library()


@register.inclusion_tag("consultation/includes/status.html")
def consultation_status(document, show_days=False):
    status = document.status()
    return {
        "document": document,
        "status": status,
        "show_days": show_days,
        "days_left": document.days_left() if show_days else None,
    }


@register.filter
def html_datetime(value: datetime | None) -> str:
    """A `<time datetime>` value the HTML standard accepts: whole seconds and an offset.
    Django's `date:'c'` keeps six digits of microseconds, which validators reject."""
    if not value:
        return ""
    return template_localtime(value).isoformat(timespec="seconds")
