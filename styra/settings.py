"""Styra settings, read from the environment with safe defaults for local use.

SQLite in the project folder is the default; set DATABASE_URL (for example
postgres://user@host/db) for PostgreSQL. Production sets STYRA_DEBUG=0,
STYRA_SECRET_KEY and STYRA_ALLOWED_HOSTS. The demo (bin/run) sets STYRA_DEMO=1.
"""

import os
import tempfile
from pathlib import Path
from typing import Any

import environ
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(environ.Env().str("STYRA_DATA_DIR", default=str(BASE_DIR.parent / "var")))

env = environ.Env()

# The demo on http://127.0.0.1 answers as production does (Styra's own error pages, never
# Django's debug page listing every URL and setting) but over plain HTTP on this machine,
# with a key of its own kept in the data directory.
STYRA_DEMO = env.bool("STYRA_DEMO", default=False)
DEBUG = False if STYRA_DEMO else env.bool("STYRA_DEBUG", default=True)
# Plain HTTP on the developer's or demonstrator's own machine: no secure-only cookies, HSTS
# or HTTPS redirect.
LOCAL_HTTP = DEBUG or STYRA_DEMO


def _demo_secret_key() -> str:
    """A key made once per installation and kept, readable by its owner only, in DATA_DIR."""
    path = DATA_DIR / "demo-secret-key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        # Written aside and linked into place: a process starting at the same time never
        # reads a half-written key, and the first one made is kept.
        fd, draft = tempfile.mkstemp(dir=DATA_DIR, prefix=".demo-secret-key-")  # mode 0600
        try:
            with os.fdopen(fd, "w") as file:
                file.write(get_random_secret_key())
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    if path.stat().st_mode & 0o077:
        # Copied or unpacked with the umask's rights: the key signs every session cookie.
        path.chmod(0o600)
    key = path.read_text().strip()
    if len(key) < 50:
        raise environ.ImproperlyConfigured(
            f"{path} holds no usable key; delete it to make a new one"
        )
    return key


# A fixed key is only acceptable while DEBUG is on; production must set its own.
SECRET_KEY = env.str("STYRA_SECRET_KEY", default="styra-local-development-key" if DEBUG else "")
if not SECRET_KEY and STYRA_DEMO:
    SECRET_KEY = _demo_secret_key()
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("STYRA_SECRET_KEY must be set when STYRA_DEBUG=0")
ALLOWED_HOSTS = env.list("STYRA_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("STYRA_CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "styra.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Lookups for PostgreSQL's full-text and trigram search (styra.search); inert on SQLite.
    "django.contrib.postgres",
    "django_htmx",
    "csp",
    "template_partials",
    "axes",  # sign-in: login throttling
    "django_otp",  # sign-in: TOTP for local administrators
    "django_otp.plugins.otp_totp",
    "styra.organisation",
    "styra.accounts",
    "styra.goals",
    "styra.indicators",
    "styra.budget",
    "styra.plans",
    "styra.followup",
    "styra.internal_control",  # risk analysis, control plan and its follow-up
    "styra.cycle",  # the yearly cycle: `styra year-open`, a draft year opened for the units
    "styra.documents",
    "styra.conversations",  # the dialog between a unit and its approver
    "styra.importer",
    "styra.decisions",
    "styra.notifications",  # notices by e-mail and in Styra, `styra remind`
    "styra.audit",  # Audit trail (its flush command lifts the append-only triggers)
    "styra.demo",  # Exempelby kommun, `styra demo`
    "styra.start",  # the start page "Att göra"
    "styra.search",  # one search box over what the person may see
]

MIDDLEWARE = [
    # Outside everything that refuses a host, so a refused host's 400 carries the same
    # headers as a page (styra.headers).
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "styra.headers.HeadersMiddleware",  # Permissions-Policy; no-store when signed in
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "styra.audit.middleware.AuditMiddleware",  # Audit trail: request id, refusals
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",  # sign-in: see the block below
    "styra.accounts.middleware.SessionTimeoutMiddleware",
    "styra.accounts.middleware.AdminOTPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # sign-in: last, turns a lockout into its page
]

ROOT_URLCONF = "styra.urls"
WSGI_APPLICATION = "styra.wsgi.application"

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
                "styra.accounts.context_processors.navigation",
                "styra.notifications.context_processors.unread",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'styra.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Thin subclasses of Django's backends whose commit() first writes the transaction's audit
# entries, so that a change and its entry are stored together or not at all.
_AUDITED_ENGINES = {
    "django.db.backends.sqlite3": "styra.audit.backends.sqlite3",
    "django.db.backends.postgresql": "styra.audit.backends.postgresql",
}
if DATABASES["default"]["ENGINE"] not in _AUDITED_ENGINES:
    raise environ.ImproperlyConfigured("DATABASE_URL must be an SQLite or PostgreSQL database")
DATABASES["default"]["ENGINE"] = _AUDITED_ENGINES[DATABASES["default"]["ENGINE"]]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# --- Sign-in and sessions ---
# Local accounts: 5 wrong passwords for one username from one address lock that pair for
# 15 minutes (django-axes), and STYRA_LOGIN_ADDRESS_FAILURE_LIMIT wrong passwords from one
# address, whatever the usernames (password spraying), lock the address. Attempts while
# locked are refused without being counted, so the lock ends 15 minutes after the failure
# that set it. Local administrators (an admin role or is_superuser) must then
# give a TOTP code (django-otp); the default is off over local HTTP so the demo and the tests
# sign in with a password alone, and production asks for the code unless told otherwise.
AUTHENTICATION_BACKENDS = [
    "styra.accounts.throttling.Backend",  # Axes: refuses a locked pair before any password check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
# The order matters to styra.accounts.throttling.Handler: the pair first, then the address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["ip_address"]]
STYRA_LOGIN_ADDRESS_FAILURE_LIMIT = env.int("STYRA_LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
if STYRA_LOGIN_ADDRESS_FAILURE_LIMIT < AXES_FAILURE_LIMIT:
    raise environ.ImproperlyConfigured(
        f"STYRA_LOGIN_ADDRESS_FAILURE_LIMIT must be at least {AXES_FAILURE_LIMIT}"
    )
AXES_HANDLER = "styra.accounts.throttling.Handler"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # trying on does not extend the lock
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # sign-ins go to Styra's own security log
AXES_LOCKOUT_CALLABLE = "styra.accounts.throttling.lockout_response"
# Only password sign-ins are counted: a failed OpenID Connect callback has no username, and
# counting it by address alone would lock out a whole town hall behind one NAT address.
AXES_WHITELIST_CALLABLE = "styra.accounts.throttling.is_not_a_password_login"
# The client's address behind STYRA_TRUSTED_PROXY_COUNT reverse proxies: the n-th entry from
# the right of X-Forwarded-For. 0 (the default) uses REMOTE_ADDR and ignores the header, which
# any client can write. Axes, the audit trail and the security log all resolve it this way.
STYRA_TRUSTED_PROXY_COUNT = env.int("STYRA_TRUSTED_PROXY_COUNT", default=0)
if STYRA_TRUSTED_PROXY_COUNT < 0:
    raise environ.ImproperlyConfigured("STYRA_TRUSTED_PROXY_COUNT must be 0 or more")
# Failures are counted by address with IPv6 clients by their /64 (the lock-out list in the
# admin and `styra axes_reset_ip` show and take that network's first address, 2001:db8:1:2::).
AXES_CLIENT_IP_CALLABLE = "styra.lib.proxies.throttle_address"
# Take the request id (X-Request-ID) from the trusted proxy instead of making one, so the
# audit trail and security log match the proxy's logs. The proxy must set the header on
# every request; without trusted proxies a client could choose it, so it is refused.
STYRA_TRUST_REQUEST_ID = env.bool("STYRA_TRUST_REQUEST_ID", default=False)
if STYRA_TRUST_REQUEST_ID and STYRA_TRUSTED_PROXY_COUNT == 0:
    raise environ.ImproperlyConfigured("STYRA_TRUST_REQUEST_ID needs STYRA_TRUSTED_PROXY_COUNT")
STYRA_REQUIRE_ADMIN_OTP = env.bool("STYRA_REQUIRE_ADMIN_OTP", default=not LOCAL_HTTP)
OTP_TOTP_ISSUER = "Styra"
# A first TOTP device needs a one-time code from another administrator (the user admin's
# action) or the operator (`styra otp-enrol USER`), valid this many hours.
STYRA_OTP_ENROLMENT_HOURS = env.int("STYRA_OTP_ENROLMENT_HOURS", default=24)
STYRA_OTP_ENROLMENT_MAX_HOURS = 72
if not 1 <= STYRA_OTP_ENROLMENT_HOURS <= STYRA_OTP_ENROLMENT_MAX_HOURS:
    raise environ.ImproperlyConfigured("STYRA_OTP_ENROLMENT_HOURS must be between 1 and 72")

# A new password by e-mail (local accounts): at most this many requests an hour for one
# e-mail address, and from one client address, whatever the addresses asked for. The link
# works for PASSWORD_RESET_TIMEOUT seconds (three days, Django's default) and once.
STYRA_PASSWORD_RESET_EMAIL_LIMIT = env.int("STYRA_PASSWORD_RESET_EMAIL_LIMIT", default=3)
STYRA_PASSWORD_RESET_ADDRESS_LIMIT = env.int("STYRA_PASSWORD_RESET_ADDRESS_LIMIT", default=10)

# Sessions end after STYRA_SESSION_IDLE_MINUTES without a request and, in any case,
# STYRA_SESSION_MAX_HOURS after sign-in (styra.accounts.middleware.SessionTimeoutMiddleware).
STYRA_SESSION_IDLE_MINUTES = env.int("STYRA_SESSION_IDLE_MINUTES", default=30)
STYRA_SESSION_MAX_HOURS = env.int("STYRA_SESSION_MAX_HOURS", default=10)
SESSION_COOKIE_AGE = STYRA_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # shared computers in municipal offices

# OpenID Connect against the municipality's identity provider: off unless STYRA_OIDC_ISSUER is
# set, and then every endpoint and the client must be set too (fails at start otherwise).
# Users are matched to existing accounts by one claim; roles never come from the provider.
STYRA_OIDC_ENABLED = bool(env.str("STYRA_OIDC_ISSUER", default=""))


def _oidc(name: str, default: str = "") -> str:
    return env.str(name) if STYRA_OIDC_ENABLED else env.str(name, default=default)


OIDC_OP_ISSUER = _oidc("STYRA_OIDC_ISSUER")
OIDC_OP_AUTHORIZATION_ENDPOINT = _oidc("STYRA_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = _oidc("STYRA_OIDC_TOKEN_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = _oidc("STYRA_OIDC_JWKS_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env.str("STYRA_OIDC_USERINFO_ENDPOINT", default="")  # optional
OIDC_RP_CLIENT_ID = _oidc("STYRA_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = _oidc("STYRA_OIDC_CLIENT_SECRET")
OIDC_RP_SCOPES = env.str("STYRA_OIDC_SCOPES", default="openid email profile")
OIDC_RP_SIGN_ALGO = env.str("STYRA_OIDC_SIGN_ALGO", default="RS256")
if OIDC_RP_SIGN_ALGO not in {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512"}:
    raise environ.ImproperlyConfigured("STYRA_OIDC_SIGN_ALGO must be an RS or ES algorithm")
STYRA_OIDC_MATCH_CLAIM = env.str("STYRA_OIDC_MATCH_CLAIM", default="email")
STYRA_OIDC_MATCH_FIELD = env.str("STYRA_OIDC_MATCH_FIELD", default="email")
if STYRA_OIDC_MATCH_FIELD not in {"email", "username"}:
    raise environ.ImproperlyConfigured("STYRA_OIDC_MATCH_FIELD must be email or username")
OIDC_CREATE_USER = env.bool("STYRA_OIDC_CREATE_USERS", default=False)
# The provider's second factor replaces Styra's TOTP for administrators, so the ID token must
# show it: "mfa" in `amr`, or an `acr` from STYRA_OIDC_ACR_VALUES (requested as acr_values).
# With STYRA_OIDC_REQUIRE_MFA=0 administrators signed in this way are asked for TOTP too.
STYRA_OIDC_REQUIRE_MFA = env.bool("STYRA_OIDC_REQUIRE_MFA", default=True)
STYRA_OIDC_ACR_VALUES = env.str("STYRA_OIDC_ACR_VALUES", default="").split()
# The claim that lists the person's groups (often "groups"); empty leaves roles to Styra.
# With it set, each sign-in makes the person's roles from the provider those that the
# groups give (accounts.GroupRole, kept in Django's admin): docs/identity-provider.md.
STYRA_OIDC_GROUPS_CLAIM = env.str("STYRA_OIDC_GROUPS_CLAIM", default="")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
if STYRA_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("styra.accounts.oidc.Backend")
# --- end of sign-in and sessions ---

# --- E-mail ---
# Through Django's mail backends (invitations, new passwords, notices): STYRA_EMAIL_URL as
# smtp+tls://user:password@host:587 (STARTTLS), smtp+ssl://…:465 or smtp://host:25; the
# default prints each mail on the console, as the demo wants. A password with special
# characters is percent-encoded in the URL. Links in notices start with STYRA_SITE_URL,
# the address people reach Styra at.
_email = env.email_url("STYRA_EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS"))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL"))
EMAIL_TIMEOUT = env.int("STYRA_EMAIL_TIMEOUT", default=10)  # seconds; a decision waits for it
DEFAULT_FROM_EMAIL = env.str("STYRA_EMAIL_FROM", default="Styra <styra@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STYRA_SITE_URL = env.str("STYRA_SITE_URL", default="http://127.0.0.1:8000")
if not LOCAL_HTTP and "STYRA_SITE_URL" not in os.environ:
    # Every link in a notice would lead to this machine's 127.0.0.1, not to the server.
    raise environ.ImproperlyConfigured(
        "STYRA_SITE_URL must be set when STYRA_DEBUG=0 (the address people reach Styra at)"
    )
if not STYRA_SITE_URL.startswith(("https://", "http://")):
    raise environ.ImproperlyConfigured("STYRA_SITE_URL must start with https:// or http://")
# --- end of e-mail ---

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Django's sv formats accept 01/02/2026 as a US date; ours accept ISO dates only.
FORMAT_MODULE_PATH = ["styra.formats"]

STATIC_URL = "/static/"
# styra/static is not inside an app, so the finders (runserver, collectstatic) need it named.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
# Without collectstatic (local use, tests) whitenoise serves straight from the apps.
WHITENOISE_USE_FINDERS = LOCAL_HTTP
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
# Appendices are served through a view that checks access, never directly.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STYRA_MAX_UPLOAD_BYTES = env.int("STYRA_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not LOCAL_HTTP
CSRF_COOKIE_SECURE = not LOCAL_HTTP
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not LOCAL_HTTP:
    SECURE_SSL_REDIRECT = env.bool("STYRA_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Scripts only from our own static files: no inline script, no eval. Inline style attributes
# are allowed because server-rendered SVG charts carry them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# No page of Styra uses these; an injected script or frame gets none of them either.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("STYRA_LOG_LEVEL", default="WARNING")},
}

# --- Audit trail ---
# Security events (sign-ins, failures, sign-outs, refusals) also go to this logger at INFO.
LOGGING["loggers"] = {
    **LOGGING.get("loggers", {}),
    "styra.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
}
# --- end Audit trail ---

# --- Årshjulet (cycle) ---
# Each month's budget follow-up is due on this day of the following month (moved to the
# Monday after when it falls on a weekend), except the months listed (July: the summer).
# A new year's dates start from these; the city edits each date afterwards.
STYRA_BUDGET_FOLLOWUP_DAY = env.int("STYRA_BUDGET_FOLLOWUP_DAY", default=15)
if not 1 <= STYRA_BUDGET_FOLLOWUP_DAY <= 28:
    raise environ.ImproperlyConfigured("STYRA_BUDGET_FOLLOWUP_DAY must be between 1 and 28")
STYRA_BUDGET_FOLLOWUP_SKIP_MONTHS = [
    int(m) for m in env.list("STYRA_BUDGET_FOLLOWUP_SKIP_MONTHS", default=["7"])
]
