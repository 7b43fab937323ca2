from django import template
from django.db.models import Count

from consultation.feedback.models import FeedbackResponse

register = template.Library()


@register.simple_tag(takes_context=True)
def addressed_count(context, version) -> int:
    """How many comments this version addresses. Counted once per page render for all of
    the document's versions (the history lists every version)."""
    cache = context.get("_addressed_counts")
    if cache is None or cache.get("page_id") != version.page_id:
        counts = dict(
            FeedbackResponse.objects.filter(addressed_in__page_id=version.page_id)
            .order_by()
            .values_list("addressed_in_id")
            .annotate(n=Count("pk"))
            .values_list("addressed_in_id", "n")
        )
        cache = {"page_id": version.page_id, "counts": counts}
        context.dicts[0]["_addressed_counts"] = cache
    return cache["counts"].get(version.pk, 0)
