"""Rate limits count in the "ratelimit" cache, which nothing else fills or evicts.

django-ratelimit is told so by RATELIMIT_USE_CACHE. allauth has no such setting: its rate
limiter reads the module-level `cache` of `allauth.core.internal.ratelimit`, so
`counters_use_their_own_cache()` (called from the app's `ready()`) points that at the same
alias. A test checks the counters land there, so an allauth upgrade that moves the name
fails loudly rather than silently counting in the page cache again.

Sign-up adds two limits of its own on top of allauth's per-address attempts: accounts made
per address and attempts per email address (`signup_allowed`).
"""

from allauth.core import ratelimit
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.core.cache import caches
from django.utils.connection import ConnectionProxy

ALIAS = "ratelimit"


def counters_use_their_own_cache() -> None:
    allauth_ratelimit.cache = ConnectionProxy(caches, ALIAS)


def signup_allowed(request, *, email: str) -> str | None:
    """None if this sign-up may go ahead, else what to tell the person. Counts it."""
    if not ratelimit.consume(request, action="signup_email", key=email.casefold()):
        return (
            "There have been too many attempts to sign up with this email address. "
            "Wait an hour, or sign in if you already have an account."
        )
    if not ratelimit.consume(request, action="signup_account"):
        return (
            "Many accounts have been made from your network recently. Wait a while and "
            "try again; what you typed is kept."
        )
    return None
