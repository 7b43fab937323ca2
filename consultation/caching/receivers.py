"""Publishing or unpublishing any page empties the page cache."""

from wagtail.signals import page_published, page_unpublished

from consultation.caching.page_cache import site_cache_invalidate


def forget_cached_pages(sender, instance, **kwargs):
    # Every page lists or links others (home, index, navigation): all cached pages go.
    site_cache_invalidate()


def connect() -> None:
    page_published.connect(forget_cached_pages, dispatch_uid="forget_cached_pages_published")
    page_unpublished.connect(forget_cached_pages, dispatch_uid="forget_cached_pages_unpublished")
