"""Tests: fast password hashing, in-memory email and cache."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": LOCAL_RATELIMIT_CACHE,  # noqa: F405
}
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://testserver")

(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the live server used by browser tests then reads the same data
    # through its own connection, as it would in production.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db.sqlite3")}  # noqa: F405

# The read replica as Django tests one: a TEST MIRROR, i.e. the same test database under a
# second alias (a separate connection). Nothing is routed to it unless a test installs the
# router and middleware, as DATABASE_REPLICA_URL does (tests/site/test_db_routers.py).
DATABASES["replica"] = {  # noqa: F405
    **DATABASES["default"],  # noqa: F405
    "TEST": {**DATABASES["default"].get("TEST", {}), "MIRROR": "default"},  # noqa: F405
}

# One process, so a local-memory cache is shared enough for rate limits here.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# Tests turn the anonymous page cache on where they test it
# (tests/consultation/caching/test_page_cache.py).
COPRODUCE_PAGE_CACHE_SECONDS = 0
