"""Whole-page cache for anonymous readers of Wagtail pages (home, guidance, its history,
results and discussions): most national-consultation traffic is people reading.

A response is cached only when it cannot be personal: a GET with no session or messages
cookie, a 200 that sets no cookie (a CSRF form sets one) and is not marked private.
Entries carry the generations of the site and of their page as they were *before* the
page was rendered; `page_cache_invalidate` replaces a page's generation (votes, comments,
moderation, responses) and `site_cache_invalidate` the site's (publishing), so an entry
rendered before a change is never served after it. Nothing is deleted key by key.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

SITE_KEY = "pagecache:generation:site"
HEADER = "X-Coproduce-Cache"


def _page_key(page_id) -> str:
    return f"pagecache:generation:{page_id}"


def page_cache_invalidate(page_id) -> None:
    cache.set(_page_key(page_id), uuid.uuid4().hex, None)


def site_cache_invalidate() -> None:
    cache.set(SITE_KEY, uuid.uuid4().hex, None)


def _generations(page_id) -> tuple[str, str]:
    keys = [SITE_KEY, _page_key(page_id)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)
            found[key] = cache.get(key)
    return found[SITE_KEY], found[keys[1]]


def _entry_key(request) -> str:
    return f"pagecache:page:{request.get_host()}:{request.get_full_path()}"


def _may_use_cache(request) -> bool:
    return (
        settings.COPRODUCE_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def page_seconds(page) -> int:
    """How long a page may be cached: never past the moment its consultation opens or
    closes, so the status, the days left and results shown after closing stay right."""
    seconds = settings.COPRODUCE_PAGE_CACHE_SECONDS
    now = timezone.now()
    for moment in (getattr(page, "opens_at", None), getattr(page, "closes_at", None)):
        if moment and moment > now:
            seconds = min(seconds, max(1, int((moment - now) / timedelta(seconds=1))))
    return seconds


def page_cache_mark(page, request) -> None:
    """Called as Wagtail serves a page: this response may be cached for this page."""
    if _may_use_cache(request):
        request._coproduce_page_cache = (page.pk, page_seconds(page), _generations(page.pk))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _entry_key(request)
        entry = cache.get(key)
        if entry is not None:
            page_id, generations, response = entry
            if _generations(page_id) == generations:
                response[HEADER] = "hit"
                return response
        response = self.get_response(request)
        mark = getattr(request, "_coproduce_page_cache", None)
        if mark is not None and self._cacheable(response):
            page_id, seconds, generations = mark
            response[HEADER] = "miss"
            cache.set(key, (page_id, generations, response), seconds)
        return response

    @staticmethod
    def _cacheable(response) -> bool:
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in control
            and "no-store" not in control
        )
