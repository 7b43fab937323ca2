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
    "allauth.mfa",
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
    # allauth's "Sessions" page (/accounts/sessions/) loads its template tags.
    "django.contrib.humanize",
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
    "consultation.accounts.session_user.SessionUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    f"{PROJECT_PACKAGE}.outage.SignInPausedMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "consultation.accounts.second_factor.StaffSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: it needs the user, and its shared rendering goes straight to the view.
    "consultation.caching.signed_in.SignedInPageCacheMiddleware",
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
                # After Django's own CSRF processor: a shared rendering's forms get a marker.
                "consultation.caching.personal.shared_csrf_marker",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
        # A persistent connection is tested before each request reuses it, so the app
        # recovers by itself when PostgreSQL comes back after an outage.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that is down or unreachable is reported in seconds, not after the
    # operating system's TCP timeout (minutes): the request then answers 503.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        env("DB_CONNECT_TIMEOUT", "5")
    )
# An optional read replica (site/db_routers.py): plain GET requests read from it, except
# for a client's reads just after its own writes. Unset, everything uses "default".
COPRODUCE_READ_YOUR_WRITES_SECONDS = int(env("COPRODUCE_READ_YOUR_WRITES_SECONDS", "10"))
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env("DATABASE_REPLICA_URL"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        env("DB_CONNECT_TIMEOUT", "5")
    )
    DATABASE_ROUTERS = [f"{PROJECT_PACKAGE}.db_routers.PrimaryReplicaRouter"]
    # Outside the session middleware, so that saving a session counts as a write.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        f"{PROJECT_PACKAGE}.db_routers.ReadYourWritesMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache(location: str, **extra) -> dict:
    """A Redis cache alias that degrades instead of failing when Redis goes away.

    django-redis's IGNORE_EXCEPTIONS turns a lost connection into a miss (reads answer the
    default, writes do nothing) for this alias alone, so pages render from the database and
    cached_db sessions read their database rows. Short socket timeouts keep a dead or
    unreachable server from holding a request for long. Each alias (the default cache,
    rate limits) is built with this, so each degrades on its own; docs/deploy.md says what
    fails open and what fails closed while Redis is away.
    """
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": float(env("REDIS_CONNECT_TIMEOUT", "0.5")),
            "SOCKET_TIMEOUT": float(env("REDIS_TIMEOUT", "0.5")),
        },
        **extra,
    }


# Rate-limit counters live in a cache of their own ("ratelimit"), which nothing else fills:
# in the default cache, cached pages pushed counters out and limits stopped counting.
# Without Redis it is a local-memory cache of its own, large enough never to cull.
LOCAL_RATELIMIT_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "ratelimit",
    "OPTIONS": {"MAX_ENTRIES": 1_000_000},
}


def redis_caches(url: str, ratelimit_url: str) -> dict:
    return {
        "default": redis_cache(url),
        "ratelimit": redis_cache(ratelimit_url, KEY_PREFIX="ratelimit"),
    }


# Ignored Redis errors are still logged, through django-redis's logger, at most once a
# minute per process and kind of error (LOGGING below, site/log_filters.py).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "coproduce_site.cache"

if env("REDIS_URL"):
    CACHES = redis_caches(env("REDIS_URL"), env("RATELIMIT_REDIS_URL", env("REDIS_URL")))
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": LOCAL_RATELIMIT_CACHE,
    }

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

# django-ratelimit counts in the "ratelimit" cache (Redis in production, shared by all app
# servers). Views decorate with @ratelimit(..., block=False) and answer 429 themselves,
# so the person keeps what they typed.
RATELIMIT_USE_CACHE = "ratelimit"
# While the rate-limit cache is unreachable, django-ratelimit's limits (votes, comments,
# account writes, the API) let requests through rather than refuse every one: each is on a
# signed-in, verified account or a read, and the database's constraints still hold.
# allauth's limits (sign-in, sign-up, password reset) fail closed instead: see
# site/outage.py and docs/deploy.md.
RATELIMIT_FAIL_OPEN = True
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
    "filters": {
        # An outage makes every request fail the same way: one line a minute says so.
        "once_a_minute": {
            "()": f"{PROJECT_PACKAGE}.log_filters.OncePerInterval",
            "seconds": int(env("LOG_OUTAGE_INTERVAL", "60")),
        },
        "repeated_503": {
            "()": f"{PROJECT_PACKAGE}.log_filters.OncePerInterval",
            "seconds": int(env("LOG_OUTAGE_INTERVAL", "60")),
            "status_code": 503,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "outage": {"class": "logging.StreamHandler", "filters": ["once_a_minute"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        DJANGO_REDIS_LOGGER: {"handlers": ["outage"], "level": "WARNING", "propagate": False},
        "django.request": {"filters": ["repeated_503"]},
        f"{PROJECT_PACKAGE}.outage": {
            "handlers": ["outage"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}

# Comments (issue 5): our model on xtd's threads; limits and moderation thresholds.
COMMENTS_XTD_MODEL = "consultation.discussion.models.GuidanceComment"
COPRODUCE_COMMENT_MAX_LENGTH = 5000
COPRODUCE_COMMENTS_PER_PAGE = 20
COPRODUCE_COMMENT_RATE_PER_MINUTE = env("COPRODUCE_COMMENT_RATE_PER_MINUTE", "5/m")
COPRODUCE_COMMENT_RATE_PER_DAY = env("COPRODUCE_COMMENT_RATE_PER_DAY", "50/d")
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
# Facilitated input (consultation/facilitation/) may be entered this many days after a round
# closes: paper forms and notes from workshops arrive late.
COPRODUCE_FACILITATED_ENTRY_DAYS = int(env("COPRODUCE_FACILITATED_ENTRY_DAYS", "14"))

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
# My data and deletion ask for the password again unless it (or a second factor) was
# entered this long ago at most, signing in included (consultation/accounts/reauthentication.py).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
# Two-factor sign-in (consultation/accounts/second_factor.py): an authenticator app's codes
# and recovery codes. WebAuthn would need fido2 and cryptography, so it waits.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Coproduce"
# Everyone who can reach the admin must use a second factor once this many days have
# passed since their account was made; until then the admin reminds them.
COPRODUCE_STAFF_MFA_GRACE_DAYS = int(env("COPRODUCE_STAFF_MFA_GRACE_DAYS", "7"))
# Counted in the "ratelimit" cache, like django-ratelimit (consultation/accounts/ratelimits.py).
# allauth answers 429 with 429.html. Sign-up combines three rules so that a workshop of 30
# behind one network address can all register within the hour (with a mistyped password or
# two), while a script cannot make hundreds of accounts: attempts per address, accounts
# made per address (an hour and a day), and attempts per email address (no flood of
# "you already have an account" emails to one inbox).
ACCOUNT_RATE_LIMITS = {
    "login": env("RATE_LIMIT_LOGIN", "30/m/ip"),
    # Failed log-ins: per address and per email, so one account cannot be guessed at.
    "login_failed": env("RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/5m/key"),
    "signup": env("RATE_LIMIT_SIGNUP", "120/h/ip"),
    "signup_account": env("RATE_LIMIT_SIGNUP_ACCOUNTS", "40/h/ip,100/d/ip"),
    "signup_email": env("RATE_LIMIT_SIGNUP_EMAIL", "5/h/key"),
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
# The wait before the first retry; each later one waits four times as long as the last.
COPRODUCE_EMAIL_RETRY_SECONDS = int(env("COPRODUCE_EMAIL_RETRY_SECONDS", "60"))
# Anonymous readers' pages are cached whole for this long (0 turns it off); see
# consultation/caching/page_cache.py for what is never cached and what invalidates.
COPRODUCE_PAGE_CACHE_SECONDS = int(env("COPRODUCE_PAGE_CACHE_SECONDS", "300"))
# Session keys of something shown once (messages, a vote's confirmation, the follow offer):
# while one is waiting, a signed-in page is rendered for the person in full, not from the
# shared rendering (consultation/caching/personal.py).
COPRODUCE_PERSONAL_ONE_TIME_SESSION_KEYS = (
    "_messages",
    "coproduce_vote_confirmed",
    "coproduce_follow_offer",
)

# Open-data API (consultation/api/): requests one IP address may make (django-ratelimit rate).
COPRODUCE_API_RATE = env("COPRODUCE_API_RATE", "120/m")
