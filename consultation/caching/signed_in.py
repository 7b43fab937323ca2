"""The middleware that serves signed-in pages from a shared rendering and each person's
layer (the mechanism and how fragments are written: consultation/caching/personal.py)."""

import copy
import time
from collections import OrderedDict

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage import default_storage
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.module_loading import import_string

from consultation.caching.generations import generations
from consultation.caching.page_cache import response_cacheable
from consultation.caching.personal import (
    HEADER,
    PersonalLayer,
    PersonalLayerUnavailable,
    _extra_keys,
    _SharedRender,
    personalise,
    split,
)


def _shared_request(request):
    """A copy of the request as an anonymous reader's: no user, session or messages."""
    clone = copy.copy(request)
    clone.META = dict(request.META)  # so nothing done to it reaches the person's request
    # Nothing of theirs may reach the shared HTML, not even by a future get_token().
    for header in ("CSRF_COOKIE", "CSRF_COOKIE_NEEDS_UPDATE", "HTTP_COOKIE"):
        clone.META.pop(header, None)
    clone.user = AnonymousUser()
    clone.COOKIES = {
        k: v
        for k, v in request.COOKIES.items()
        if k not in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages")
    }
    clone.session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    clone._messages = default_storage(clone)
    clone._coproduce_shared = _SharedRender()
    for attribute in ("_coproduce_page_cache", "_cached_user", "auser"):
        clone.__dict__.pop(attribute, None)
    return clone


def _eligible(request) -> bool:
    """Whether the request may be served from a shared rendering, as far as can be told
    without its session (`_session_eligible`, once the session is read with the entry)."""
    return (
        settings.COPRODUCE_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME in request.COOKIES
        and "messages" not in request.COOKIES
        # Wagtail's preview of a draft runs through the middleware with the live page's path.
        and not getattr(request, "is_dummy", False)
    )


def _session_eligible(request) -> bool:
    """Whether the session names someone (who they are is read later, with the person)
    and holds nothing to show once."""
    session = request.session
    if SESSION_KEY not in session:
        return False
    # Something waiting to be shown once (a message, a vote's confirmation): in full.
    return not any(key in session for key in settings.COPRODUCE_PERSONAL_ONE_TIME_SESSION_KEYS)


# {(URL configuration, path): whether Wagtail serves it}: fixed while the process runs.
_PAGE_PATHS: dict[tuple, bool] = {}


def _serves_a_page(request) -> bool:
    """Only Wagtail pages can opt in: other views (the API, search, accounts) are not run
    twice, once as an anonymous copy (their side effects, rate limits, would count twice)."""
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    known = _PAGE_PATHS.get((urlconf, request.path_info))
    if known is not None:
        return known
    try:
        served = resolve(request.path_info, urlconf).url_name == "wagtail_serve"
    except Resolver404:
        served = False
    if len(_PAGE_PATHS) > 10_000:
        _PAGE_PATHS.clear()
    _PAGE_PATHS[(urlconf, request.path_info)] = served
    return served


# Entries this process has used, {entry key: (keys, tokens, entry)}: a hit then costs one
# cache read of the generations, not a transfer of the whole page.
_LOCAL: OrderedDict[str, tuple] = OrderedDict()
_LOCAL_MAX = 500
# Paths whose page has not opted in, {key: until}: rendered for the person straight away
# for a minute (a page may opt in later: a draft published, a form answered).
_NOT_SHARED: dict[str, float] = {}
NOT_SHARED_SECONDS = 60


def _entry_key(request) -> str:
    return f"pagecache:shared:{request.get_host()}:{request.get_full_path()}"


def _session_cache_key(request) -> str | None:
    """Where the request's session lives in the default cache, if it is not read yet."""
    session = request.session
    if (
        settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
        and settings.SESSION_CACHE_ALIAS == "default"
        and session.session_key
        and not hasattr(session, "_session_cache")
    ):
        return session.cache_key
    return None


def _read_with_session(request, keys) -> tuple:
    """The generation tokens of `keys`, and the request's session in the same round trip
    (given to the session as its own load() would have read it from the cache)."""
    session_key = _session_cache_key(request)
    if session_key is None:
        return generations(keys)
    found = cache.get_many([*keys, session_key])
    data = found.pop(session_key, None)
    if data is not None:
        request.session._session_cache = data
    if any(key not in found for key in keys):
        return generations(keys)
    return tuple(found[key] for key in keys)


def _lookup(key, request):
    """(entry, what this process keeps beside it, generation tokens read) if the entry is
    current, else None. Known to this process, the entry's generations, those its
    fragments read and the request's session are fetched in one round trip."""
    local = _LOCAL.get(key)
    if local is not None:
        keys, tokens, entry, kept = local
        extra = _extra_keys(entry["page_id"])
        current = _read_with_session(request, [*keys, *extra])
        if current[: len(keys)] == tokens and time.time() < entry["expires"]:
            return entry, kept, dict(zip(extra, current[len(keys) :], strict=True))
    stored = cache.get(key)
    if stored is None:
        return None
    keys, tokens, entry = stored
    if generations(keys) != tokens:
        return None
    return entry, _keep_local(key, stored), {}


def _keep_local(key, stored) -> dict:
    if len(_LOCAL) >= _LOCAL_MAX:
        _LOCAL.popitem(last=False)
    kept = {}
    _LOCAL[key] = (*stored, kept)
    return kept


class SignedInPageCacheMiddleware:
    """Serves opted-in pages to signed-in people from one shared rendering plus their
    personal layer. Last in MIDDLEWARE: it needs the user, and its shared rendering
    goes straight to the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._respond(request)
        if request.user.is_authenticated:
            # Never stored by a shared cache (a proxy or CDN): it is this person's page.
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
        return response

    def _respond(self, request):
        if not (_eligible(request) and _serves_a_page(request)):
            return self.get_response(request)
        key = _entry_key(request)
        if _NOT_SHARED.get(key, 0) > time.monotonic():
            return self.get_response(request)
        found = _lookup(key, request)
        if not _session_eligible(request):
            return self.get_response(request)
        state = "personal-hit"
        tokens = {}
        if found is not None:
            entry, kept, tokens = found
        elif not request.user.is_authenticated:
            return self.get_response(request)
        else:
            state = "personal-miss"
            clone = _shared_request(request)
            shared = self.get_response(clone)
            mark = getattr(clone, "_coproduce_page_cache", None)
            if not (clone._coproduce_shared.supported and mark and response_cacheable(shared)):
                if len(_NOT_SHARED) > 10_000:
                    _NOT_SHARED.clear()
                _NOT_SHARED[key] = time.monotonic() + NOT_SHARED_SECONDS
                return self.get_response(request)
            page = mark.page
            entry = {
                "pieces": split(shared.content.decode(shared.charset)),
                "content_type": shared["Content-Type"],
                "page_model": page._meta.label,
                "page_id": page.pk,
                "page_url": page.links_base_url or page.url,
                "site": mark.tokens[0],
                # This process's copy may not outlive the cache's (page_seconds: the round
                # opening or closing).
                "expires": time.time() + mark.seconds,
            }
            keys, made_under = mark.dependencies()
            stored = (keys, made_under, entry)
            cache.set(key, stored, mark.seconds)
            kept = _keep_local(key, stored)
        layer = PersonalLayer(
            request,
            page_model=entry["page_model"],
            page_id=entry["page_id"],
            page_url=entry["page_url"],
            site=entry["site"],
            kept=kept,
            tokens=tokens,
        )
        # The person is read first: the user's row may come with them (accounts/fragments.py).
        layer.person  # noqa: B018
        if not request.user.is_authenticated:
            return self.get_response(request)
        try:
            body = personalise(entry["pieces"], layer)
        except PersonalLayerUnavailable:
            return self.get_response(request)
        response = HttpResponse(body, content_type=entry["content_type"])
        response[HEADER] = state.removeprefix("personal-")
        patch_vary_headers(response, ["Cookie"])
        return response
