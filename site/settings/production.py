"""Production: every secret and host comes from the environment, with no defaults."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_list, redis_caches


def required(name):
    value = env(name)
    if value is None:
        raise ImproperlyConfigured(
            f"The {name} environment variable is required in production. "
            "See docs/deploy.md for every variable."
        )
    return value


SECRET_KEY = required("SECRET_KEY")
required("DATABASE_URL")  # base.py already parsed it; here it may not fall back to SQLite.
ALLOWED_HOSTS = [host.strip() for host in required("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Rate limits, sessions and caches must be shared by every app server.
CACHES = redis_caches(required("REDIS_URL"), env("RATELIMIT_REDIS_URL", env("REDIS_URL")))
# Per-IP rate limits behind a reverse proxy: the request.META key of the header in which the
# proxy passes the client's address, e.g. HTTP_X_REAL_IP or HTTP_X_FORWARDED_FOR (then the
# entry added by the last RATELIMIT_TRUSTED_PROXY_COUNT proxies). See site/client_ip.py.
COPRODUCE_CLIENT_IP_META_KEY = env("RATELIMIT_IP_META_KEY")
COPRODUCE_TRUSTED_PROXY_COUNT = int(env("RATELIMIT_TRUSTED_PROXY_COUNT", "1"))

DEBUG = False
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", "true").lower() == "true"
if env("SECURE_PROXY_SSL_HEADER"):
    # Behind a reverse proxy that terminates TLS, e.g. "HTTP_X_FORWARDED_PROTO".
    SECURE_PROXY_SSL_HEADER = (env("SECURE_PROXY_SSL_HEADER"), "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Load balancers probe /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "true").lower() == "true"

# Background work: tasks wait in PostgreSQL for `manage.py db_worker` (see docs/deploy.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Sessions read from Redis and written through to PostgreSQL: every app server sees every
# session, and a Redis restart signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
