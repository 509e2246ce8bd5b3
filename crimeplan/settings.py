"""crimeplan settings. The environment is read here and nowhere else.

Environment variables:

``CRIMEPLAN_DATA_DIR``      where the SQLite file and the crime store live (default ``var/``)
``DATABASE_URL``            a PostgreSQL (or other) database instead of SQLite
``CRIMEPLAN_SECRET_KEY``    required unless ``CRIMEPLAN_DEBUG`` is on
``CRIMEPLAN_DEBUG``         ``1`` for development (``make demo`` sets it)
``CRIMEPLAN_ALLOWED_HOSTS`` comma-separated host names (default ``localhost,127.0.0.1``)
``CRIMEPLAN_DEFAULT_FORCE`` police.uk slug of the force the office serves (default ``lancashire``)
``CRIMEPLAN_QUERY_TIMEOUT`` seconds before an analyst's store query is stopped (default 30)
``CRIMEPLAN_HARM_WEIGHTS_DIR`` folder of Cambridge Crime Harm Index weights (default ``data/harm_weights``)
``CRIMEPLAN_BASE_URL``      the public address, for links in emails (default ``http://127.0.0.1:8000``)
``CRIMEPLAN_FROM_EMAIL``    the sender of emails (default ``crimeplan@localhost``)
``CRIMEPLAN_EMAIL_HOST``    an SMTP server (with ``CRIMEPLAN_EMAIL_PORT``, ``_USER``, ``_PASSWORD``, ``_TLS``)
``NOTIFY_API_KEY``          send email with GOV.UK Notify (with ``NOTIFY_TEMPLATE_ID``: a template
                            whose subject is ``((subject))`` and body ``((body))``)
``NOTIFY_SMS_TEMPLATE_ID``  send alert texts with GOV.UK Notify (a template whose body is ``((body))``)
``NOTIFY_CALLBACK_TOKEN``   the bearer token Notify sends with delivery receipts and inbound texts
``CRIMEPLAN_REPLIES_IMAP_HOST`` the IMAP server of the mailbox members' emailed replies reach (with ``_PORT``
                            (993, TLS), ``_USER``, ``_PASSWORD``, ``_MAILBOX`` (INBOX)); read by
                            ``crimeplan alerts fetch-replies``
``CRIMEPLAN_ALERTS_PER_SECOND`` alert messages a second per worker (default 40)
``CRIMEPLAN_ALERTS_LEASE_SECONDS`` how long before a killed sending worker's work is taken over (default 60)
``CRIMEPLAN_ALERTS_BATCH_SIZE`` deliveries a sending task claims at a time (default 200)
``CRIMEPLAN_FUNDER_ID``     the office's organisation identifier in 360Giving exports (org-id.guide)
``CRIMEPLAN_FUNDER_NAME``   the office's name in grant publications
``CRIMEPLAN_360_PREFIX``    the office's registered 360Giving prefix for grant identifiers
``CRIMEPLAN_BEHIND_HTTPS_PROXY`` ``1`` when a TLS-terminating proxy sets ``X-Forwarded-Proto``: redirect
                            to HTTPS, send HSTS, secure cookies (see docs/deploy.md)
``CRIMEPLAN_HSTS_SECONDS``  HSTS max-age behind the proxy (default 31536000, one year; 0 turns HSTS off)
``CRIMEPLAN_HSTS_PRELOAD``  ``0`` to leave ``preload`` out of the HSTS header (default on)
``CRIMEPLAN_CSRF_TRUSTED_ORIGINS`` comma-separated origins (``https://crimeplan.example.org``) for forms
``CRIMEPLAN_TWO_FACTOR``    ``0`` to let staff and partners sign in without a second factor (default: required
                            unless ``CRIMEPLAN_DEBUG`` is on)
``CRIMEPLAN_CONTACT_EMAIL`` the office's public contact address, shown on every page, email and notice
                            (default: ``CRIMEPLAN_FROM_EMAIL``)
``CRIMEPLAN_CONTACT_PHONE`` the office's public telephone number (default: none shown)
``CRIMEPLAN_DPO_EMAIL``     the office's data protection officer (default: the contact address)
``CRIMEPLAN_IDLE_MINUTES``  minutes without a request before a session ends (default 30)
``CRIMEPLAN_SESSION_HOURS`` hours after signing in before a session ends, however busy (default 12)
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

django_stubs_ext.monkeypatch()  # lets admin.ModelAdmin[Model] and friends be subscripted at run time

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("CRIMEPLAN_DEBUG")
DATA_DIR = Path(os.environ.get("CRIMEPLAN_DATA_DIR") or BASE_DIR / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
STORE_DIR = DATA_DIR / "store"
SHIPPED_DATA_DIR = BASE_DIR / "data"
HARM_WEIGHTS_DIR = Path(os.environ.get("CRIMEPLAN_HARM_WEIGHTS_DIR") or SHIPPED_DATA_DIR / "harm_weights")
DEFAULT_FORCE = os.environ.get("CRIMEPLAN_DEFAULT_FORCE", "lancashire")
QUERY_TIMEOUT_S = float(os.environ.get("CRIMEPLAN_QUERY_TIMEOUT", "30"))

SECRET_KEY = os.environ.get("CRIMEPLAN_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set CRIMEPLAN_SECRET_KEY to a long random string (or CRIMEPLAN_DEBUG=1 for development)."
        )
    SECRET_KEY = "crimeplan-development-only-key-not-for-production"  # noqa: S105  (DEBUG only)

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("CRIMEPLAN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "crimeplan.core",
    "crimeplan.accounts",
    "crimeplan.audit",
    "crimeplan.geography",
    "crimeplan.crimedata",
    "crimeplan.performance",
    "crimeplan.hotspots",
    "crimeplan.grants",
    "crimeplan.cases",
    "crimeplan.ocg",
    "crimeplan.reporting",
    "crimeplan.roads",
    "crimeplan.engagement",
    "crimeplan.engagement.pact",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "crimeplan.core.security.InputHygieneMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "crimeplan.accounts.middleware.SessionLifetimeMiddleware",
    "crimeplan.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "crimeplan.core.downloads.TableCsvMiddleware",
    "crimeplan.core.security.ContentSecurityPolicyMiddleware",
    "crimeplan.core.middleware.ApplicationErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "crimeplan.urls"
WSGI_APPLICATION = "crimeplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "crimeplan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "crimeplan.core.context_processors.service",
            ],
        },
    }
]
FORM_RENDERER = "crimeplan.core.forms.GovukFormRenderer"

_sqlite = f"sqlite:///{DATA_DIR / 'crimeplan.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _sqlite, conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Evaluated dashboards and area pages, keyed by the store and plan versions (crimeplan.core.store): a
# database table by default, so every server process shares one cache. ``migrate`` creates the table.
# One database table (made by ``migrate``) shared by every server process: the dashboard and area pages,
# the anonymous quarterly PDF, and the counts of crimeplan.core.ratelimit (so a limit holds across workers).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "crimeplan_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "crimeplan_cache",
        "KEY_PREFIX": "ratelimit",
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "performance:dashboard"
LOGOUT_REDIRECT_URL = "performance:dashboard"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [("build", BASE_DIR / "static_build")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "crimeplan.core.storage.StaticStorage"
    },
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CRIMEPLAN_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

# Behind a TLS-terminating proxy (nginx, a load balancer): trust its X-Forwarded-Proto, redirect plain
# HTTP to HTTPS and tell browsers to use HTTPS only (HSTS). Off by default so that `make serve` works on
# plain http://127.0.0.1 for a trial; docs/deploy.md says how to run it behind a proxy.
BEHIND_HTTPS_PROXY = _env_bool("CRIMEPLAN_BEHIND_HTTPS_PROXY")
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("CRIMEPLAN_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _env_bool("CRIMEPLAN_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
else:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False

# Content-Security-Policy (core.security): every script and style comes from crimeplan's own static
# files; no inline script, no inline style attribute, nothing from another site.
# The base map under every map: an XYZ tile URL ({z}/{x}/{y}); OpenStreetMap's tile server by default
# (fine for light use under its tile policy; run or buy a tile service in production), empty for none.
MAP_TILES = os.environ.get("CRIMEPLAN_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png").strip()
MAP_TILES_ATTRIBUTION = os.environ.get(
    "CRIMEPLAN_MAP_TILES_ATTRIBUTION", "Base map © OpenStreetMap contributors (openstreetmap.org/copyright)"
)


def _tile_sources(url: str) -> list[str]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"] if url and parts.scheme in ("http", "https") else []


CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", *_tile_sources(MAP_TILES)],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"crimeplan": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# Email: GOV.UK Notify when NOTIFY_API_KEY is set, SMTP when CRIMEPLAN_EMAIL_HOST is set, otherwise
# files under CRIMEPLAN_DATA_DIR/mail (one per message), so the demo works offline.
BASE_URL = os.environ.get("CRIMEPLAN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("CRIMEPLAN_FROM_EMAIL", "crimeplan@localhost")
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")
EMAIL_HOST = os.environ.get("CRIMEPLAN_EMAIL_HOST", "")
if NOTIFY_API_KEY:
    EMAIL_BACKEND = "crimeplan.core.notify.NotifyEmailBackend"
elif EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("CRIMEPLAN_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("CRIMEPLAN_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("CRIMEPLAN_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("CRIMEPLAN_EMAIL_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"

# Engagement (alerts): SMS goes through GOV.UK Notify when NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID (a template
# whose body is ((body))) are set, otherwise to files under CRIMEPLAN_DATA_DIR/sms. Notify's delivery receipts
# and inbound texts (STOP) are accepted with the bearer token NOTIFY_CALLBACK_TOKEN. Sending is paced to
# CRIMEPLAN_ALERTS_PER_SECOND messages a second per worker (Notify allows 3,000 a minute).
NOTIFY_SMS_TEMPLATE_ID = os.environ.get("NOTIFY_SMS_TEMPLATE_ID", "")
# Members' emailed replies are read from this mailbox by ``crimeplan alerts fetch-replies`` (IMAP over TLS).
REPLIES_IMAP = {
    "HOST": os.environ.get("CRIMEPLAN_REPLIES_IMAP_HOST", ""),
    "PORT": os.environ.get("CRIMEPLAN_REPLIES_IMAP_PORT", "993"),
    "USER": os.environ.get("CRIMEPLAN_REPLIES_IMAP_USER", ""),
    "PASSWORD": os.environ.get("CRIMEPLAN_REPLIES_IMAP_PASSWORD", ""),
    "MAILBOX": os.environ.get("CRIMEPLAN_REPLIES_IMAP_MAILBOX", "INBOX"),
}
NOTIFY_CALLBACK_TOKEN = os.environ.get("NOTIFY_CALLBACK_TOKEN", "")
ALERTS_SMS_DIR = DATA_DIR / "sms"
ALERTS_PER_SECOND = float(os.environ.get("CRIMEPLAN_ALERTS_PER_SECOND", "40"))
ALERTS_BATCH_SIZE = int(os.environ.get("CRIMEPLAN_ALERTS_BATCH_SIZE", "200"))
# A sending task's claim lasts this long: a killed worker's rows are taken over after it (or at once when its
# process is seen to be gone on the same machine).
ALERTS_LEASE_SECONDS = float(os.environ.get("CRIMEPLAN_ALERTS_LEASE_SECONDS", "60"))

# Grants: who the office is in 360Giving and transparency publications.
FUNDER_ID = os.environ.get("CRIMEPLAN_FUNDER_ID", "GB-GOR-PCC-LANCASHIRE-EXAMPLE")
FUNDER_NAME = os.environ.get("CRIMEPLAN_FUNDER_NAME", "Office of the Police and Crime Commissioner")
# How people reach the office: every page's footer, every email, the privacy and accessibility notices.
CONTACT_EMAIL = os.environ.get("CRIMEPLAN_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
CONTACT_PHONE = os.environ.get("CRIMEPLAN_CONTACT_PHONE", "")
DPO_EMAIL = os.environ.get("CRIMEPLAN_DPO_EMAIL", CONTACT_EMAIL)
GRANTS_360_PREFIX = os.environ.get("CRIMEPLAN_360_PREFIX", "360G-crimeplan-example")

# Accounts: sign-in throttling (django-axes, always on), two factors (django-otp TOTP) for staff and
# partners unless debugging, sessions that end after idling and after a fixed lifetime, public form limits.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "crimeplan.accounts.views.locked_out"
AXES_VERBOSE = False
TWO_FACTOR_REQUIRED = _env_bool("CRIMEPLAN_TWO_FACTOR", not DEBUG)
OTP_TOTP_ISSUER = "crimeplan"
SESSION_IDLE_SECONDS = int(os.environ.get("CRIMEPLAN_IDLE_MINUTES", "30")) * 60
SESSION_LIFETIME_SECONDS = int(os.environ.get("CRIMEPLAN_SESSION_HOURS", "12")) * 3600
SESSION_COOKIE_AGE = SESSION_LIFETIME_SECONDS
PUBLIC_FORM_LIMIT = 5  # referrals from one address per hour
EMAILS_PER_ADDRESS_LIMIT = 3  # grant application links to one email address per hour
PASSWORD_RESET_TIMEOUT = 3600
