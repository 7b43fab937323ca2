from django import template

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
