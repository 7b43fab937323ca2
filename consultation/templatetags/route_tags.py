"""Links to a guidance page's routes, by the names its route mixins give them.

Templates that have the request use Wagtail's `{% routablepageurl page "name" ... %}`.
`subpage_url` is the same link for templates rendered without a request: a clause's
markup, rendered once per publication, and comment threads (the benchmark renders them
alone).
"""

from django import template

register = template.Library()


def page_base_url(page) -> str:
    """The page's own URL, read once per page object: without a request, every `page.url`
    reads the site's root paths from the cache. The guidance page's `get_context` sets it
    to the URL it renders with (`links_base_url`)."""
    base = getattr(page, "links_base_url", None)
    if base is None:
        base = page.links_base_url = page.url
    return base


@register.simple_tag
def subpage_url(page, name: str, *args) -> str:
    """`{% subpage_url page "compare" 1 2 %}`: the page's URL and the named route's path."""
    return page_base_url(page) + page.reverse_subpage(name, args=args)
