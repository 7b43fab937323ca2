"""The client's IP address for per-IP rate limits (django-ratelimit and allauth alike).

Behind a reverse proxy REMOTE_ADDR is the proxy's address, and every reader would share one
rate limit. The proxy passes the client's address in a header that production names with
RATELIMIT_IP_META_KEY (docs/deploy.md). X-Forwarded-For is a list that clients can start
themselves, so only the entry added by our own proxies counts: the
COPRODUCE_TRUSTED_PROXY_COUNT-th from the right. A request without a usable header falls back
to REMOTE_ADDR rather than failing: bad input never gives a 500.
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def _from_header(request) -> str | None:
    key = settings.COPRODUCE_CLIENT_IP_META_KEY
    value = request.META.get(key, "") if key else ""
    if not value:
        return None
    if key == FORWARDED_FOR:
        hops = [hop.strip() for hop in value.split(",")]
        count = settings.COPRODUCE_TRUSTED_PROXY_COUNT
        if count < 1 or len(hops) < count:
            return None
        value = hops[-count]
    return _valid(value)


def client_ip(request) -> str:
    """Set as RATELIMIT_IP_META_KEY (django-ratelimit calls it with the request)."""
    address = _from_header(request) or request.META.get("REMOTE_ADDR", "")
    if not address:
        # As django-ratelimit says itself: e.g. gunicorn on a Unix socket, with no header set.
        raise ImproperlyConfigured(
            "The client's IP address is unknown: REMOTE_ADDR is empty and "
            "RATELIMIT_IP_META_KEY names no header this request has. See docs/deploy.md."
        )
    return address
