"""Django settings, read from the environment.

Embedded mode (no environment set): SQLite under ``./var/``, DEBUG off unless asked,
a generated secret key kept in ``./var/secret_key``. Production sets ``DATABASE_URL``
(PostgreSQL), ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``HOMECOMING_PRODUCTION=1``, which
turns on the HTTPS-only settings checked by ``manage.py check --deploy``.

| variable | meaning | default |
|---|---|---|
| DATABASE_URL | database, e.g. postgres://user@host:5432/homecoming | sqlite:///var/homecoming.sqlite3 |
| SECRET_KEY | Django's secret key | generated once into var/secret_key |
| ALLOWED_HOSTS | comma-separated host names | localhost,127.0.0.1 |
| HOMECOMING_PRODUCTION | 1 for HTTPS-only cookies, HSTS, redirects | 0 |
| HOMECOMING_TRUSTED_PROXY | the proxy's addresses or networks (comma-separated): only its X-Forwarded-Proto/-For are believed | none |
| HOMECOMING_DEBUG | 1 for Django's debug pages (never in production) | 0 |
| HOMECOMING_VAR_DIR | where SQLite, the key and uploads live | ./var |
| HOMECOMING_OTP_REQUIRED_ROLES | roles that must give a second factor: all, none, or role codes separated by commas | all |
| HOMECOMING_SESSION_IDLE_MINUTES | a session unused this long ends | 30 |
| HOMECOMING_SESSION_HOURS | a session ends this long after sign-in, however busy | 8 |
| HOMECOMING_API_TOKEN_DAYS, HOMECOMING_API_TOKEN_MAX_DAYS | an API token's default and longest life | 30, 365 |
| HOMECOMING_WEBAUTHN_RP_ID | the site's domain for security keys (a key works for one domain) | the request's host |
| EMAIL_URL-style settings | EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL | console backend |
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HOMECOMING_VAR_DIR", "var")).resolve()


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


PRODUCTION = _env_bool("HOMECOMING_PRODUCTION")
DEBUG = _env_bool("HOMECOMING_DEBUG") and not PRODUCTION
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip()
    for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # only for its translations (Ukrainian, Russian) of zxcvbn's advice; no models
    "django_zxcvbn_password_validator",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "homecoming.apps.audit",
    "homecoming.apps.accounts",
    "homecoming.apps.jobs",
    "homecoming.apps.registry",
    "homecoming.apps.web",
]

MIDDLEWARE = [
    # First: the client's scheme and address, from a trusted proxy only.
    "homecoming.site.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files may be cached), before everything else, so that it
    # sees every other answer: no-store on personal data.
    "homecoming.site.pages.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "homecoming.apps.accounts.middleware.SessionRulesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "homecoming.site.pages.RejectedMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "homecoming.site.urls"
WSGI_APPLICATION = "homecoming.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'homecoming.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web server read while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # A page waits for the worker's write (an import's rows) rather than failing.
        "timeout": 30,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    # Django's list of 20,000 passwords from breaches.
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # zxcvbn: the 30,000 most common passwords of the Xato breach corpus, English
    # words, names, keyboard walks, repeats ("aaaaaaaaaaaa"), sequences and dates,
    # shipped in the package (no network); 3 = safe against an online attacker and
    # an offline one without the database (docs/decisions/accounts-sign-in.md).
    {
        "NAME": "django_zxcvbn_password_validator.ZxcvbnPasswordValidator",
    },
]
PASSWORD_MINIMAL_STRENGTH = 3
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# django-axes records failed sign-ins; homecoming.apps.accounts.lockout decides from
# them (per account and address, per address, and per account with a growing wait for
# addresses the account never signed in from), so that an attacker is slowed without
# locking the owner out. Failures are kept for a day.
AXES_HANDLER = "homecoming.apps.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "homecoming.apps.accounts.lockout.lockout_response"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = 24  # hours: how long failures are remembered
AXES_FAILURE_LIMIT = 1_000_000  # unused: LockoutHandler decides
AXES_RESET_ON_SUCCESS = False  # LockoutHandler forgets the owner's own failures
# A refused attempt during a wait neither counts nor extends the wait.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLED = _env_bool("AXES_ENABLED", True)
# The client's address is REMOTE_ADDR (set from X-Forwarded-For only by a trusted
# proxy, see docs/operators.md): never a header the client chose.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
HOMECOMING_LOCKOUT = {
    "account_and_address": int(os.environ.get("HOMECOMING_LOCKOUT_PER_ADDRESS", "5")),
    "address": int(os.environ.get("HOMECOMING_LOCKOUT_ADDRESS", "30")),
    "account": int(os.environ.get("HOMECOMING_LOCKOUT_ACCOUNT", "10")),
    "minutes": int(os.environ.get("HOMECOMING_LOCKOUT_MINUTES", "15")),
}

# The second factor (homecoming.apps.accounts.two_factor): every staff role, in every
# mode, unless the environment says otherwise ("none" for a demo on one's own machine).
HOMECOMING_OTP_REQUIRED_ROLES = os.environ.get("HOMECOMING_OTP_REQUIRED_ROLES", "all")
OTP_TOTP_ISSUER = "Homecoming"
HOMECOMING_WEBAUTHN_RP_ID = os.environ.get("HOMECOMING_WEBAUTHN_RP_ID", "")
HOMECOMING_WEBAUTHN_RP_NAME = "Homecoming"
HOMECOMING_API_TOKEN_DAYS = int(os.environ.get("HOMECOMING_API_TOKEN_DAYS", "30"))
HOMECOMING_API_TOKEN_MAX_DAYS = int(
    os.environ.get("HOMECOMING_API_TOKEN_MAX_DAYS", "365")
)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("uk", _("Ukrainian")), ("ru", _("Russian"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Embedded mode serves static files straight from the package, no collectstatic step.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(
        parents=True, exist_ok=True
    )  # whitenoise warns when it is missing
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

REST_FRAMEWORK = {
    # Token first: its authenticate_header makes a missing credential a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "homecoming.apps.accounts.api_tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "homecoming.apps.accounts.api_tokens.TokenScopeAllows",
    ],
    # JSON only: no browsable HTML pages, and every error (404, 405) in the API's shape.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "homecoming.site.api.JsonOnly",
    "DEFAULT_SCHEMA_CLASS": "homecoming.site.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "homecoming.site.api.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "homecoming.site.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
        # and per address: checked before any credential, by ApiTokenAuthentication
        # (homecoming.site.throttling.throttle_address_first)
    ],
    # The client's address is REMOTE_ADDR (homecoming.site.proxy), never X-Forwarded-For.
    "NUM_PROXIES": 0,
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("HOMECOMING_THROTTLE_USER", "600/min"),
        "anon": os.environ.get("HOMECOMING_THROTTLE_ANON", "30/min"),
        "address": os.environ.get("HOMECOMING_THROTTLE_ADDRESS", "1200/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Homecoming API",
    "DESCRIPTION": "Registry, reconciliation, planning and audit for prisoner exchanges.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema maps every operation: for signed-in callers only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # ``<id:...>`` (homecoming.site.converters): ids a bigint column holds.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1,
            "maximum": 2**63 - 1,
        }
    },
}

# Background work (homecoming.apps.jobs). Without TASKS_BACKEND a job runs at once,
# after the request's transaction commits (tests, one-off commands); ``homecoming serve``
# and ``homecoming worker`` choose the database queue, which a worker process drains.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
HOMECOMING_JOB_TIME_LIMIT = int(os.environ.get("HOMECOMING_JOB_TIME_LIMIT", "3600"))
HOMECOMING_JOB_STALE_AFTER = int(os.environ.get("HOMECOMING_JOB_STALE_AFTER", "900"))
HOMECOMING_JOB_RETENTION_DAYS = int(
    os.environ.get("HOMECOMING_JOB_RETENTION_DAYS", "30")
)
HOMECOMING_MAINTENANCE_EVERY = int(
    os.environ.get("HOMECOMING_MAINTENANCE_EVERY", "900")
)
# Seconds between scheduled ledger checkpoints (homecoming.apps.audit.tasks).
HOMECOMING_CHECKPOINT_EVERY = int(os.environ.get("HOMECOMING_CHECKPOINT_EVERY", "300"))

# Content Security Policy: everything from our own origin, nothing inline, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The absolute limit; homecoming.apps.accounts.middleware also ends an idle session.
SESSION_COOKIE_AGE = int(os.environ.get("HOMECOMING_SESSION_HOURS", "8")) * 3600
HOMECOMING_SESSION_IDLE_MINUTES = int(
    os.environ.get("HOMECOMING_SESSION_IDLE_MINUTES", "30")
)
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# The proxy in front (addresses or networks, comma-separated): only from there are
# X-Forwarded-Proto and X-Forwarded-For believed (homecoming.site.proxy). Unset, nothing
# forwarded is believed, so a client cannot claim HTTPS or another address.
HOMECOMING_TRUSTED_PROXY = os.environ.get("HOMECOMING_TRUSTED_PROXY", "").strip()
for _proxy in filter(None, map(str.strip, HOMECOMING_TRUSTED_PROXY.split(","))):
    ipaddress.ip_network(
        _proxy, strict=False
    )  # a typo stops start-up, not each request
if HOMECOMING_TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "homecoming@localhost")

# Logs never carry personal data: only ids, counts and actions are logged.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
