"""/healthz for load balancers and uptime checks: no authentication, no personal data.

It names each service it depends on: "database", "cache" (the server of the default cache
alias, which holds pages and sessions) and, for a further cache alias on a server of its
own (rate limits with RATELIMIT_REDIS_URL), "<alias>_cache". Aliases that share the
default's server are that server, and caches in the process's own memory cannot be away,
so neither is named twice. A 503 names what is unavailable, so an operator sees which one
to fix.
"""

import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

PROBE_KEY = "healthz-probe"


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def cache_ok(alias: str = "default") -> bool:
    """Whether the cache stores and returns a value. Caches that tolerate a missing server
    (site/settings/base.py: redis_cache) answer a miss instead of raising, so a fresh value
    is written and read back: a value left from earlier would not prove the server is there.
    """
    probe = uuid.uuid4().hex
    try:
        cache = caches[alias]
        cache.set(PROBE_KEY, probe, timeout=10)
        return cache.get(PROBE_KEY) == probe
    except Exception:
        return False


IN_PROCESS_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def further_cache_servers() -> list[str]:
    """Aliases other than the default whose cache lives on a server of its own."""
    default_location = settings.CACHES["default"].get("LOCATION")
    return [
        alias
        for alias, config in settings.CACHES.items()
        if alias != "default"
        and config["BACKEND"] not in IN_PROCESS_BACKENDS
        and config.get("LOCATION") != default_location
    ]


@never_cache
def healthz(request):
    checks = {"database": "ok" if database_ok() else "unavailable"}
    checks["cache"] = "ok" if cache_ok("default") else "unavailable"
    for alias in further_cache_servers():
        checks[f"{alias}_cache"] = "ok" if cache_ok(alias) else "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
