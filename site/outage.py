"""What the site does while PostgreSQL or Redis is away (docs/deploy.md, "When a service
is down").

- PostgreSQL: a request that cannot reach the database answers a calm 503 page (or JSON
  for the API), never a traceback or a 500. Django sends every unhandled exception, from a
  view or any middleware, to `handler500`; `server_error` tells a lost database apart there.
  Pages still in the anonymous page cache are served before any of this runs.
- Redis: caches degrade to misses by themselves (site/settings/base.py: redis_cache). Only
  allauth's rate limits (sign-in, sign-up, password reset and changes) need more: they
  would fail closed with a misleading "too many attempts" after a second's wait, so
  `SignInPausedMiddleware` refuses those forms at once with a page that says why.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults

from .health import cache_ok

logger = logging.getLogger(f"{__package__}.outage")

# Seconds a client (or a load balancer) is asked to wait before trying again.
RETRY_AFTER = "30"
# The cache alias allauth counts its rate limits in (consultation/accounts/ratelimits.py).
ALLAUTH_RATE_LIMIT_CACHE = "ratelimit"
# allauth forms that count no rate limit, and so work while the cache is away.
UNLIMITED_VIEWS = {"LogoutView"}
# Form fields that are not words someone typed: hidden ids, choices, the honeypot.
NOT_SHOWN_BACK = {"csrfmiddlewaretoken", "next", "website", "reply_to", "version", "choice"}


def database_unavailable(error: BaseException | None) -> bool:
    # psycopg2 raises OperationalError on a refused or dropped connection, InterfaceError
    # when a connection it thought open is already closed; Django wraps both. A deadlock or
    # a statement timeout is an OperationalError too: "try again shortly" suits those also.
    return isinstance(error, OperationalError | InterfaceError)


def server_error(request):
    """handler500: a 503 while the database is away, Django's own 500 page otherwise."""
    error = sys.exc_info()[1]
    if not database_unavailable(error):
        return defaults.server_error(request)
    logger.error("Database unavailable: answering 503 (%s)", str(error).strip())
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "The service is briefly unavailable. Please try again shortly."},
            status=503,
        )
    else:
        # No request context: its processors (user, site settings) would ask the database.
        # What was typed is shown back to be copied: it has not been saved.
        typed = [
            value
            for name, value in request.POST.items()
            if value.strip() and name not in NOT_SHOWN_BACK and "password" not in name
        ]
        html = loader.get_template("503.html").render({"typed": "\n\n".join(typed)})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = RETRY_AFTER
    return response


class SignInPausedMiddleware:
    """Fails allauth's rate-limited forms closed, clearly, while their cache is away.

    Password guessing must stay throttled, so sign-in is not let through unchecked; people
    already signed in keep their sessions (the database holds them), and everything else
    on the site keeps working.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        if not getattr(view_func, "__module__", "").startswith("allauth."):
            return None
        if getattr(getattr(view_func, "view_class", None), "__name__", "") in UNLIMITED_VIEWS:
            return None
        if cache_ok(ALLAUTH_RATE_LIMIT_CACHE):
            return None
        logger.error("Rate-limit cache unavailable: refusing %s with 503", request.path)
        response = render(
            request,
            "account/paused.html",
            {"email": request.POST.get("login") or request.POST.get("email", "")},
            status=503,
        )
        response["Retry-After"] = RETRY_AFTER
        return response
