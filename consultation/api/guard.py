"""What every API request passes before its operation runs: a per-IP rate limit and a
refusal of query parameters the operation does not know (so a misspelt filter is an
error, not silently ignored)."""

from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django_ratelimit.core import is_ratelimited

RATE_GROUP = "consultation.api"


def guarded(*, allowed: frozenset[str] = frozenset()):
    def decorator(run):
        @wraps(run)
        def wrapper(request, *args, **kwargs):
            if is_ratelimited(
                request,
                group=RATE_GROUP,
                key="ip",
                rate=settings.COPRODUCE_API_RATE,
                increment=True,
            ):
                return JsonResponse(
                    {"detail": "Too many requests: please wait a minute and try again."},
                    status=429,
                )
            unknown = sorted(set(request.GET) - allowed)
            if unknown:
                return JsonResponse(
                    {
                        "detail": [
                            {
                                "loc": ["query", name],
                                "msg": "Unknown query parameter",
                                "type": "extra_forbidden",
                            }
                            for name in unknown
                        ]
                    },
                    status=422,
                )
            return run(request, *args, **kwargs)

        return wrapper

    return decorator
