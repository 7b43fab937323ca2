"""Settings shared by every environment. Secrets and hosts come from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[2]
# The import name of this package ("coproduce_site"), so nothing below repeats it.
PROJECT_PACKAGE = __package__.rpartition(".")[0]


def env(name, default=None):
    """An environment variable, where an empty value counts as unset."""
    value = os.environ.get(name, "")
    return value if value.strip() else default


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "home",
    "consultation",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_ratelimit",
    "ninja",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.usersessions",
    "csp",
    "django_comments_xtd",
    "django_comments",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "consultation.accounts.middleware.AdminContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "consultation.caching.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = f"{PROJECT_PACKAGE}.urls"
WSGI_APPLICATION = f"{PROJECT_PACKAGE}.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Our templates come first so that ours win over any app's (xtd ships a 404.html).
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
    )
}
# An optional read replica (site/db_routers.py): plain GET requests read from it, except
# for a client's reads just after its own writes. Unset, everything uses "default".
COPRODUCE_READ_YOUR_WRITES_SECONDS = int(env("COPRODUCE_READ_YOUR_WRITES_SECONDS", "10"))
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env("DATABASE_REPLICA_URL"), conn_max_age=int(env("DB_CONN_MAX_AGE", "0"))
    )
    DATABASE_ROUTERS = [f"{PROJECT_PACKAGE}.db_routers.PrimaryReplicaRouter"]
    # Outside the session middleware, so that saving a session counts as a write.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        f"{PROJECT_PACKAGE}.db_routers.ReadYourWritesMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Stored in UTC; shown in London time, where the guidance is consulted on.
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SITE_ID = 1

WAGTAIL_SITE_NAME = "Coproduce"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]

COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"

# Background work (emails, digests). Immediate by default; production runs a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# django-ratelimit counts in the default cache (Redis in production, shared by all app
# servers). Views decorate with @ratelimit(..., block=False) and answer 429 themselves,
# so the person keeps what they typed.
RATELIMIT_USE_CACHE = "default"
# Whose address a per-IP limit counts (site/client_ip.py; allauth's limits too, through
# consultation/accounts/adapter.py). Unset, REMOTE_ADDR; production reads both from the
# environment (RATELIMIT_IP_META_KEY, RATELIMIT_TRUSTED_PROXY_COUNT) for a reverse proxy.
RATELIMIT_IP_META_KEY = f"{PROJECT_PACKAGE}.client_ip.client_ip"
COPRODUCE_CLIENT_IP_META_KEY = None
COPRODUCE_TRUSTED_PROXY_COUNT = 1

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Coproduce <noreply@coproduce.invalid>")
# Where people write to the team: the accessibility statement's "tell us about a barrier".
# example.org is reserved for examples, so the demo never points at somebody's real inbox.
COPRODUCE_CONTACT_EMAIL = env("COPRODUCE_CONTACT_EMAIL", "accessibility@example.org")
# Where replies to moderators' emails go (a removal's "reply if you think we got it wrong"):
# an inbox the moderators read. Automatic mail still comes from DEFAULT_FROM_EMAIL.
COPRODUCE_MODERATION_EMAIL = env("COPRODUCE_MODERATION_EMAIL", "moderators@example.org")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Comments (issue 5): our model on xtd's threads; limits and moderation thresholds.
COMMENTS_XTD_MODEL = "consultation.discussion.models.GuidanceComment"
COPRODUCE_COMMENT_MAX_LENGTH = 5000
COPRODUCE_COMMENTS_PER_PAGE = 20
COPRODUCE_COMMENT_RATE_PER_MINUTE = "5/m"
COPRODUCE_COMMENT_RATE_PER_DAY = "50/d"
COPRODUCE_FLAGS_TO_HIDE = 3
# A refused form shows the participant what they typed (see consultation/discussion/csrf.py).
CSRF_FAILURE_VIEW = "consultation.discussion.csrf.csrf_failure"
# Votes (consultation/voting/results.py). Groups smaller than COPRODUCE_VOTE_MIN_GROUP are shown as
# "too few votes", never as numbers: small numbers can identify people.
COPRODUCE_VOTE_MIN_GROUP = int(env("COPRODUCE_VOTE_MIN_GROUP", "5"))
COPRODUCE_VOTE_CONSENSUS_AGREE = int(env("COPRODUCE_VOTE_CONSENSUS_AGREE", "70"))
COPRODUCE_VOTE_CONSENSUS_MIN_GROUPS = int(env("COPRODUCE_VOTE_CONSENSUS_MIN_GROUPS", "2"))
COPRODUCE_VOTE_CONTESTED_GAP = int(env("COPRODUCE_VOTE_CONTESTED_GAP", "30"))
COPRODUCE_VOTE_RATE = env("COPRODUCE_VOTE_RATE", "60/m")
COPRODUCE_VOTE_CACHE_SECONDS = int(env("COPRODUCE_VOTE_CACHE_SECONDS", str(24 * 60 * 60)))

# Accounts (issue 3): pseudonymous participants with verified email addresses.
ACCOUNT_ADAPTER = "consultation.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "consultation.accounts.forms.SignupForm",
    "login": "consultation.accounts.forms.LoginForm",
}
ACCOUNT_USER_DISPLAY = "consultation.accounts.adapter.user_display"
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# New participants land on their account page, which confirms their name and settings.
ACCOUNT_SIGNUP_REDIRECT_URL = "accounts:profile"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Coproduce] "
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_PREVENT_ENUMERATION = True
# Counted in the default cache, like django-ratelimit. allauth answers 429 with 429.html.
ACCOUNT_RATE_LIMITS = {
    "login": env("RATE_LIMIT_LOGIN", "30/m/ip"),
    # Failed log-ins: per address and per email, so one account cannot be guessed at.
    "login_failed": env("RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/5m/key"),
    "signup": env("RATE_LIMIT_SIGNUP", "10/h/ip"),
    "reset_password": "20/m/ip,5/m/key",
}
# Our own write endpoints (follow, profile, deletion), with django-ratelimit.
RATE_LIMIT_ACCOUNT_WRITES = env("RATE_LIMIT_ACCOUNT_WRITES", "30/m")
# Tracks each user's sessions so that deleting an account ends every one of them,
# whatever the session engine.
USERSESSIONS_TRACK_ACTIVITY = False

# Editors' email addresses are not sent to Gravatar, and the admin does not call out.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Security headers. Public pages: no inline scripts or styles, nothing from elsewhere.
# Wagtail's admin needs inline styles and scripts; consultation.accounts.middleware
# relaxes the policy under /admin/ only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Background work (issue 9): notification emails are retried with a growing delay, then
# stored for `manage.py resend_emails`. Production runs django-tasks-db's `db_worker`.
COPRODUCE_EMAIL_ATTEMPTS = int(env("COPRODUCE_EMAIL_ATTEMPTS", "5"))
# Anonymous readers' pages are cached whole for this long (0 turns it off); see
# consultation/caching/page_cache.py for what is never cached and what invalidates.
COPRODUCE_PAGE_CACHE_SECONDS = int(env("COPRODUCE_PAGE_CACHE_SECONDS", "300"))

# Open-data API (consultation/api/): requests one IP address may make (django-ratelimit rate).
COPRODUCE_API_RATE = env("COPRODUCE_API_RATE", "120/m")
