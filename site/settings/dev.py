"""Local development: DEBUG on, SQLite by default, emails printed to the console."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env, env_list

DEBUG = True
# Development only: a fixed key is harmless here and keeps sessions across restarts.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)

# One process, so a local-memory cache is shared enough for rate limits here.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
