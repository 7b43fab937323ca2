"""Whole-page cache for anonymous readers of Wagtail pages (home, guidance, its history,
results and discussions): most national-consultation traffic is people reading.

A response is cached only when it cannot be personal: a GET with no session or messages
cookie, a 200 that sets no cookie (a CSRF form sets one) and is not marked private.

Entries carry *generations*: tokens read before the page was rendered, one for the site
(replaced by any publication) and one for each topic of the page that the response shows.
A write replaces the tokens of the topics it changes (`page_cache_invalidate`), so an
entry rendered before a change is never served after it. Nothing is deleted key by key.

Topics of a guidance page: "comments" (counts of visible comments), "votes" (tallies),
"responses" (editors' responses) and one discussion per clause (`discussion_topic`).
A view says what its page shows with `page_cache_depends`, before reading it; a page
that says nothing depends on "any", which every write to the page replaces. So at
national scale a vote no longer throws away the discussions, a comment on one clause
leaves the other clauses' discussions, the history and the results cached.
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from consultation.caching.generations import generations, generations_replace

SITE_KEY = "pagecache:generation:site"
HEADER = "X-Coproduce-Cache"
ANY = "any"
COMMENTS = "comments"
VOTES = "votes"
RESPONSES = "responses"


def discussion_topic(clause_id: str) -> str:
    """One clause's discussion (the document's own when clause_id is blank)."""
    return f"discussion:{clause_id or 'document'}"


def _page_key(page_id, topic=ANY) -> str:
    return f"pagecache:generation:{page_id}:{topic}"


def generation_keys(page_id, *topics) -> list[str]:
    """The cache keys of these topics' generation tokens (for caches of other things)."""
    return [_page_key(page_id, t) for t in topics]


def page_cache_invalidate(page_id, *topics) -> None:
    """Pages showing these topics of the page are rendered anew."""
    generations_replace([_page_key(page_id, t) for t in (ANY, *topics)])


def invalidate_on_commit(page_id, *topics) -> None:
    """What every write calls for the topics it changes: now, so nothing read inside its
    transaction outlives it, and once it commits, so nothing read by others before the
    commit does."""
    page_cache_invalidate(page_id, *topics)
    transaction.on_commit(partial(page_cache_invalidate, page_id, *topics))


def site_cache_invalidate() -> None:
    generations_replace([SITE_KEY])


def site_generation() -> str:
    return generations([SITE_KEY])[0]


def topic_generation(page_id, topic) -> str:
    return generations([_page_key(page_id, topic)])[0]


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


class _Mark:
    """What a response being rendered depends on, with the tokens read before rendering."""

    def __init__(self, page_id, seconds):
        self.seconds = seconds
        self.page_id = page_id
        self.keys = [SITE_KEY, _page_key(page_id)]
        self.tokens = list(generations(self.keys))
        self.declared = False

    def depend(self, topics):
        self.declared = True
        keys = [
            _page_key(self.page_id, t)
            for t in topics
            if _page_key(self.page_id, t) not in self.keys
        ]
        if keys:
            self.keys += keys
            self.tokens += generations(keys)

    def dependencies(self):
        """(keys, tokens): without "any" once the view has said what the page shows."""
        pairs = [
            (k, t)
            for k, t in zip(self.keys, self.tokens, strict=True)
            if not (self.declared and k == _page_key(self.page_id))
        ]
        return tuple(k for k, _ in pairs), tuple(t for _, t in pairs)


def page_cache_mark(page, request) -> None:
    """Called as Wagtail serves a page: this response may be cached for this page."""
    if _may_use_cache(request):
        mark = request._coproduce_page_cache = _Mark(page.pk, page_seconds(page))
        # The page served, for the signed-in pages' shared rendering (caching/personal.py).
        mark.page = page


def page_cache_depends(request, *topics) -> None:
    """Say that the page being rendered shows these topics of its page (none: only what
    publishing changes). Call it before reading what the topics cover."""
    mark = getattr(request, "_coproduce_page_cache", None)
    if mark is not None:
        mark.depend(topics)


# {entry key: the generation keys its entry depends on}, per process and bounded: only a
# hint for reading both at once, checked against the entry's own list on every hit.
_DEPENDENCIES: dict[str, tuple[str, ...]] = {}
_DEPENDENCIES_MAX = 10_000


def _remember(key, keys) -> None:
    if len(_DEPENDENCIES) >= _DEPENDENCIES_MAX:
        _DEPENDENCIES.clear()
    _DEPENDENCIES[key] = tuple(keys)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _entry_key(request)
        # A page's generation keys rarely change, so this process remembers them: a hit
        # then reads the entry and its generations together, in one cache round trip.
        remembered = _DEPENDENCIES.get(key, ())
        found = cache.get_many([key, *remembered])
        entry = found.pop(key, None)
        if entry is not None:
            keys, tokens, response = entry
            if tuple(keys) == remembered and len(found) == len(keys):
                current = tuple(found[k] for k in keys)
            else:
                current = generations(keys)
                _remember(key, keys)
            if current == tokens:
                response[HEADER] = "hit"
                return response
        response = self.get_response(request)
        mark = getattr(request, "_coproduce_page_cache", None)
        if mark is not None and response_cacheable(response):
            keys, tokens = mark.dependencies()
            response[HEADER] = "miss"
            cache.set(key, (keys, tokens, response), mark.seconds)
            _remember(key, keys)
        return response


def response_cacheable(response) -> bool:
    """A whole response another reader may be given: a plain 200 that sets no cookie and
    that its view did not mark private."""
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )
