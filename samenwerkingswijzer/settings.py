"""Settings, read from the environment (see .env.example for every variable)."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEVELOPMENT_SECRET_KEY = "development-only-not-secret"

DEBUG: bool = env.bool("DEBUG", default=True)
SECRET_KEY: str = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("Zet SECRET_KEY: met DEBUG=False start de applicatie niet zonder.")

ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])

MUNICIPALITY_NAME: str = env.str("MUNICIPALITY_NAME", default="Gemeente Voorbeeldstad")
# The municipality's own logo in the page header: a file under static/ (e.g. img/logo.svg)
# or a path on this site starting with "/". Empty: the header shows the name only.
SITE_LOGO_URL: str = env.str("SITE_LOGO_URL", default="")
if "//" in SITE_LOGO_URL:
    # The Content-Security-Policy loads images from this site only.
    raise ImproperlyConfigured("SITE_LOGO_URL is een bestand in static/ of een pad op deze site.")
SITE_URL: str = env.str("SITE_URL", default="http://127.0.0.1:8000")
ACCESSIBILITY_CONTACT_EMAIL: str = env.str("ACCESSIBILITY_CONTACT_EMAIL", default="")
# True when our own reverse proxy terminates HTTPS and sets X-Forwarded-Proto.
BEHIND_PROXY: bool = env.bool("BEHIND_PROXY", default=False)
# How many proxies of our own stand in front of the app, each appending to X-Forwarded-For
# (docker-compose: the municipality's reverse proxy and nginx = 2). The visitor's address is
# the entry that many places from the right; 0 means the connection's own address.
TRUSTED_PROXY_COUNT: int = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT is 0 of meer.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "simple_history",
    "django_q",
    "rules.apps.AutodiscoverRulesConfig",
    # Before accounts: axes flags a locked-out request before the audit log reads the flag.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "accounts",
    "partnerships",
    "governance",
    "evaluations",
    "dossiers",
    "reports",
    "public",
    "demo",
    "imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "samenwerkingswijzer.security.SecureHeadersMiddleware",
    "samenwerkingswijzer.middleware.PrivateNoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.AuditMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samenwerkingswijzer.urls"
WSGI_APPLICATION = "samenwerkingswijzer.wsgi.application"

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
                "samenwerkingswijzer.context_processors.site",
                "accounts.two_factor.banner",
            ],
            # The display vocabulary as template filters, with {% load formatting %}.
            "libraries": {
                "formatting": "samenwerkingswijzer.templatetags.formatting",
                "navigation": "samenwerkingswijzer.templatetags.navigation",
            },
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let several workers write: a writer waits for the
    # lock (up to `timeout` seconds) instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file too, not memory: the tests with two real clients need a database that
    # a second connection (the live server's) sees as it is.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"samenwerkingswijzer-test-{os.getpid()}.sqlite3")
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# One cache for every app server (the public dossier PDFs): a table in the database by default,
# made by `migrate`; CACHE_URL chooses another, e.g. filecache:///var/cache/samenwerkingswijzer.
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://django_cache")}

# Background jobs (the year documents, the nightly planning, the reminders): django-q2 with its
# ORM broker. The queue is a table in the database the app already uses, so development needs no
# extra server and production runs on PostgreSQL alone; it has bounded retries (max_attempts),
# periodic tasks (Schedule) and its queue in the admin. django-tasks has neither retries nor
# periodic tasks, huey has no PostgreSQL storage of its own, procrastinate does not run on SQLite.
# `manage.py qcluster` is the worker; docs/architecture.md says more.
TASK_TIMEOUT: int = env.int("TASK_TIMEOUT", default=30 * 60)
# Attempts at one year document before the reports page says it failed (reports/tasks.py).
DOCUMENT_ATTEMPTS = 3
Q_CLUSTER = {
    "name": "samenwerkingswijzer",
    "orm": "default",
    "workers": env.int("TASK_WORKERS", default=1),
    "timeout": TASK_TIMEOUT,
    # A task whose worker died (killed, out of memory) is handed out again after this long.
    "retry": TASK_TIMEOUT + 5 * 60,
    # One more than a document's own attempts, so its last delivery can record the failure.
    "max_attempts": DOCUMENT_ATTEMPTS + 1,
    # A task that raised is done: the year documents count and retry their own attempts.
    "ack_failures": True,
    # One night missed is planned once, not once per night missed.
    "catch_up": False,
    # WeasyPrint keeps memory: a worker process is replaced after a few documents.
    "recycle": 5,
    "save_limit": 250,
    "label": "Achtergrondtaken",
    # TASKS_IN_PROCESS=true runs every task inside the request, without a worker (debugging).
    "sync": env.bool("TASKS_IN_PROCESS", default=False),
}

# Finished year documents (reports.models.DocumentJob). Every app server and worker needs the
# same folder (a shared volume); they are served only through a view that checks permission,
# so MEDIA_ROOT is never published by the web server.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default="") or BASE_DIR / "media")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "samenwerkingswijzer.security.LoginAttemptBackend",
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.LocalPasswordBackend",
    "accounts.oidc.OIDCBackend",
]

# Signing in (docs/sign-in.md). Local username and password: for development, and as a
# fallback production can switch off once the organisation's provider works.
LOCAL_LOGIN: bool = env.bool("LOCAL_LOGIN", default=True)

# Single sign-on with the organisation's OpenID Connect provider (mozilla-django-oidc). The
# endpoints come from the issuer's discovery document unless set one by one.
OIDC_ISSUER: str = env.str("OIDC_ISSUER", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT: str = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT: str = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT: str = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT: str = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_LOGOUT_ENDPOINT: str = env.str("OIDC_OP_LOGOUT_ENDPOINT", default="")
OIDC_ENABLED = bool(OIDC_ISSUER or OIDC_OP_AUTHORIZATION_ENDPOINT)
OIDC_RP_CLIENT_ID: str = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET: str = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO: str = env.str("OIDC_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES: str = env.str("OIDC_SCOPES", default="openid email profile")
# The claim that names the user for good (the username here), and the one with the groups.
OIDC_USERNAME_CLAIM: str = env.str("OIDC_USERNAME_CLAIM", default="sub")
OIDC_GROUPS_CLAIM: str = env.str("OIDC_GROUPS_CLAIM", default="groups")
# Group at the provider -> our role, e.g. "SWW-Beheer=beheerder,SWW-Accounthouders=accounthouder".
OIDC_GROUP_ROLES: dict[str, str] = env.dict("OIDC_GROUP_ROLES", default={})
OIDC_LOGIN_LABEL: str = env.str("OIDC_LOGIN_LABEL", default="Inloggen met uw organisatieaccount")
OIDC_TIMEOUT: int = env.int("OIDC_TIMEOUT", default=10)
OIDC_USE_PKCE = True
# Kept for the logout at the provider (id_token_hint).
OIDC_STORE_ID_TOKEN = True
OIDC_OP_LOGOUT_URL_METHOD = "accounts.oidc.provider_logout_url"
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
_ROLE_NAMES = ("lezer", "accounthouder", "beheerder")
if unknown_roles := sorted(set(OIDC_GROUP_ROLES.values()) - set(_ROLE_NAMES)):
    raise ImproperlyConfigured(
        f"OIDC_GROUP_ROLES noemt onbekende rollen: {', '.join(unknown_roles)} "
        f"(kies uit {', '.join(_ROLE_NAMES)})."
    )
if OIDC_ENABLED and not OIDC_RP_CLIENT_ID:
    raise ImproperlyConfigured("Zet OIDC_CLIENT_ID: single sign-on is aan (OIDC_ISSUER).")
if not LOCAL_LOGIN and not OIDC_ENABLED:
    raise ImproperlyConfigured("LOCAL_LOGIN=false kan alleen met single sign-on (OIDC_ISSUER).")

# Two-factor authentication (django-otp) for local accounts that can change data.
REQUIRE_TWO_FACTOR: bool = env.bool("REQUIRE_TWO_FACTOR", default=not DEBUG)
OTP_TOTP_ISSUER = f"Samenwerkingswijzer {MUNICIPALITY_NAME}"
# The admin never shows a secret: a beheerder can see and remove someone's app, not copy it.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login lockout (django-axes): 5 failures for one username (from whatever address), or from
# one address (for whatever usernames), then 15 minutes. The address is the visitor's as
# samenwerkingswijzer.security.client_ip reads it behind TRUSTED_PROXY_COUNT proxies.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
AXES_CLIENT_IP_CALLABLE = "samenwerkingswijzer.security.client_ip"

# Requests for a new password: a few per hour from one address and for one e-mail address.
PASSWORD_RESET_LIMIT_PER_ADDRESS: int = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=5)
PASSWORD_RESET_LIMIT_PER_EMAIL: int = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_WINDOW_SECONDS = 60 * 60
# How long the link in the mail works.
PASSWORD_RESET_TIMEOUT = 60 * 60

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/intern/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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

# Sessions end after 30 minutes without activity, and 12 hours after login at the latest.
SESSION_COOKIE_AGE = 30 * 60
SESSION_ABSOLUTE_LIFETIME = 12 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "accounts.views.csrf_failure"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # The load balancer and the container health check ask over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL: str = env.str("DEFAULT_FROM_EMAIL", default="samenwerkingswijzer@localhost")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "includes/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
