"""/healthz for load balancers and uptime checks: no authentication, no personal data."""

from django.core.cache import cache
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


def cache_ok() -> bool:
    try:
        cache.set(PROBE_KEY, "ok", timeout=10)
        return cache.get(PROBE_KEY) == "ok"
    except Exception:
        return False


@never_cache
def healthz(request):
    checks = {
        "database": "ok" if database_ok() else "unavailable",
        "cache": "ok" if cache_ok() else "unavailable",
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
