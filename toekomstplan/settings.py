"""Settings for toekomstplan: every value comes from the environment (see .env.example).

With nothing set, the app runs on the embedded default: SQLite in the project folder, Celery
tasks executed in-process, e-mail printed to the console, and demo mode on.
"""

import hashlib
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
_DEV_SECRET_KEY = "insecure-embedded-default-only-for-local-demo-use"
SECRET_KEY = env.str("SECRET_KEY", default="" if not DEBUG else _DEV_SECRET_KEY)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
# The key of the access log's keyed hashes. Keep it, and keep it out of the database: changing
# it makes existing entries fail verification. Defaults to a key derived from SECRET_KEY.
ACCESS_LOG_KEY = (
    env.str("ACCESS_LOG_KEY", default="")
    or hashlib.sha256(f"toekomstplan-access-log:{SECRET_KEY}".encode()).hexdigest()
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# Where people reach the app; used for links in e-mails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
INVITATION_DAYS = 7
# How many reverse proxies in front of the app add to X-Forwarded-For (for the access log's IP).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# allauth's sign-in rate limits key on the same client address (not the proxy's own).
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Demo mode: the demo gemeente may be loaded and its logins are shown on the sign-in page.
TOEKOMSTPLAN_DEMO = env.bool("TOEKOMSTPLAN_DEMO", default=True)

INSTALLED_APPS = [
    "toekomstplan.apps.AdminConfig",  # Django's admin, signed in through allauth
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "guardian",
    "django_htmx",
    "template_partials",
    "network",
    "domains",
    "plans",
    "workspace",
    "portal",
    "exports",
    "notifications",
    "figures",
    "tooling",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "toekomstplan.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "plans.accesslog.origin.RequestContextMiddleware",
    "plans.signin.SessionTimeoutMiddleware",
]

ROOT_URLCONF = "toekomstplan.urls"
WSGI_APPLICATION = "toekomstplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "toekomstplan.context_processors.demo",
                "toekomstplan.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default under a few people at once: every page appends to the access log,
    # and a deferred transaction that reads first and writes later cannot wait for the lock
    # ("database is locked"). IMMEDIATE takes the write lock when the transaction begins, so
    # writers queue (up to `timeout` seconds) instead of failing; WAL lets readers go on.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
        }
    )
# Keep each worker's connection between requests (checked before reuse): a new PostgreSQL
# connection per request, with its cold catalogue cache, cost more than most pages' queries.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=300)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "network.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, reading the user with "professional?" in one query.
    "plans.backends.ModelBackend",
    "plans.backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: e-mail is the login; accounts are made by coordinators and invitations.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "network.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
# Jongeren and JIMs sign in with a code sent by e-mail: no password to remember.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60
ACCOUNT_LOGIN_BY_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}  # easy on a phone
# Failed sign-ins: at most 5 per 5 minutes per account and 10 a minute per address, then locked.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
ACCOUNT_PREVENT_ENUMERATION = True

# Two-factor authentication for professionals: TOTP with recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "toekomstplan"

# Sessions: a professional is signed out after 30 idle minutes, everyone after 12 hours.
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_IDLE_SECONDS_PROFESSIONAL = 30 * 60
SESSION_IDLE_SECONDS_OTHERS = 2 * 60 * 60

# django-guardian: no anonymous user row; nobody without a role sees a plan.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# Dutch for everyone, whatever the browser asks; other languages come with a picker of their own.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# PDF exports of plans: outside MEDIA_ROOT, never served by URL, only through a checked view.
# Web and worker must share this folder.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")
PLAN_EXPORT_KEEP_DAYS = 7
# In development static files come straight from the app folders; in production from STATIC_ROOT.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="toekomstplan <noreply@toekomstplan.localhost>"
)

REDIS_URL = env.str("REDIS_URL", default="")

# Cache (the sign-in rate limits live here): Redis when there is one, else in memory. The Redis
# backend treats a Redis that does not answer as empty (toekomstplan.cache): everything in it
# is a copy, so the app keeps working, and short timeouts keep a hanging Redis from holding
# requests up.
REDIS_CACHE_BACKEND = "toekomstplan.cache.TolerantRedisCache"
REDIS_CACHE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
CACHES = {
    # Sessions (cached_db), sign-in rate limits, counts: every value sealed (AES-GCM) before it
    # goes to Redis, so a session's e-mail address is never there in the clear.
    "default": (
        {
            "BACKEND": REDIS_CACHE_BACKEND,
            "LOCATION": REDIS_URL,
            "OPTIONS": {**REDIS_CACHE_OPTIONS, "serializer": "plans.sealing.SealedCacheSerializer"},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Rendered plan pages, per data version (plans.fragments): shared through Redis, where
    # every value is sealed (AES-GCM) before it leaves the process; without Redis in each
    # worker's own memory.
    "fragments": (
        {
            "BACKEND": REDIS_CACHE_BACKEND,
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kept",
            "OPTIONS": {**REDIS_CACHE_OPTIONS, "serializer": "plans.fragments.SealedSerializer"},
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "plan-pages",
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    ),
}

# Sessions live in the database; with Redis they are read from the cache first (written to
# both), so a request does not wait for the session table; without Redis they come from the
# database alone.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Celery: with REDIS_URL the tasks go to a worker; without it they run in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is away fails a queueing quickly; what was not queued is queued again by the
# outbox sweep (plans.services.outbox) once it is back.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
# celery beat (Europe/Amsterdam): the reminder sweep every morning, old PDF exports at night.
CELERY_BEAT_SCHEDULE = {
    "reminder-sweep": {
        "task": "plans.tasks.reminder_sweep_task",
        "schedule": crontab(hour=7, minute=0),
    },
    "outbox-sweep": {
        "task": "plans.tasks.outbox_sweep_task",
        "schedule": 60.0,
    },
    "plan-export-cleanup": {
        "task": "plans.tasks.plan_export_cleanup_task",
        "schedule": crontab(hour=3, minute=30),
    },
}
# A sweep catches up reminders that fell due this many days back (a worker that was down).
REMINDER_CATCH_UP_DAYS = env.int("REMINDER_CATCH_UP_DAYS", default=14)
# The outbox sweep queues again what the broker did not take this many seconds after it was made.
OUTBOX_GRACE_SECONDS = env.int("OUTBOX_GRACE_SECONDS", default=60)

# Content Security Policy: nothing inline, nothing from elsewhere.
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

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "toekomstplan.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# `make bench` only: serve /bench/floor/, a view without database work, as the yardstick.
BENCH_FLOOR = env.bool("TP_BENCH_FLOOR", default=False)

# Lists are paginated; a page holds this many rows.
PAGE_SIZE = 25

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every layout step at INFO; only its warnings matter.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
