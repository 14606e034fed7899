"""Settings for Cadre Training: one module, configured from the environment.

A checkout runs as it is (SQLite file, local memory cache); production sets
`DEBUG=0`, a real `SECRET_KEY`, `ALLOWED_HOSTS`, `DATABASE_URL` and `REDIS_URL`.
Every variable is listed in the README and in `.env.example`.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_bounded_int(name: str, default: int, low: int, high: int) -> int:
    """An integer setting; a value that is not a number in [low, high] stops the start-up with
    the variable's name rather than crediting hours at a nonsense speed."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise ImproperlyConfigured(f"{name} must be a whole number from {low} to {high}.")
    return int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Served on this machine over plain http: `make run`, a demo, a newcomer's checkout. It keeps
# the product's own error pages (DEBUG stays off unless a developer asks for DEBUG=1) while
# cookies work without https and static files are served from the source folders.
LOCAL_HTTP = env_bool("LOCAL_HTTP", DEBUG)

# The placeholder only serves a checkout in DEBUG; `training.checks` refuses it otherwise.
DEV_SECRET_KEY = "insecure-dev-key-set-SECRET_KEY-in-production"  # noqa: S105  # nosec B105
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if LOCAL_HTTP else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",  # django-bootstrap-static: Bootstrap's CSS and JS as static files
    "csp",
    "axes",  # counts failed logins in the database and locks out password guessing
    "django_tasks",
    "django_tasks_db",  # background tasks kept in the database; `manage.py db_worker` runs them
    # The project's apps, in dependency order: each may import only those above it.
    "people",
    "courses",
    "quizzes",
    "records",
    "xapi",  # learning-record statements, from the signals of the apps above
    "certificates",  # certificates of completion, issued as the records' signals say
    "studio",
    "demo",
    "training",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A clean 503 page when the database is unreachable; outside the session middleware.
    "training.middleware_db.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "training.middleware.NoStoreForSignedInMiddleware",  # Cache-Control: no-store, private
    # Everything needs a login except views marked @login_not_required (login, healthz).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "people.middleware.IdleSessionMiddleware",  # logs out after SESSION_IDLE_MINUTES
    "people.middleware.AdminGuardMiddleware",  # /admin/: staff from ADMIN_ALLOWED_NETWORKS
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "training.urls"
WSGI_APPLICATION = "training.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["training.templatetags.punctuation"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "training.context_processors.navigation",
                "training.context_processors.institution",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL plus immediate transactions: concurrent writers wait instead of "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file, not memory: the browser tests' live server answers requests in several
    # threads, and a shared in-memory connection breaks under concurrent requests.
    # One file per test process, so two test runs on one machine never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"cadre-test-{os.getpid()}.sqlite3")
    }

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "PG_JIT", False
):
    # No JIT compilation: the site's queries are short and many, and PostgreSQL's JIT, which
    # turns on by cost estimate, spent 1.9 s of the completion table's 2 s compiling the
    # status query at 10,000 cadres and more (0.39 s without, at 100,000). Set per connection
    # at start-up, so no server setting is needed; `PG_JIT=1` leaves the server's choice.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = (options.get("options", "") + " -c jit=off").strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------------------------
# Several app servers share Redis for cache; sessions are stored in the database and cached in
# Redis, so a Redis restart (it keeps nothing on disk) logs nobody out.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cadre"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username before checking it
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one user name from one address lock that pair out for 15 minutes;
# the user can still log in from elsewhere, so a guesser cannot lock a colleague out.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The address the lockout keys on: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies
# the X-Forwarded-For entry the nearest of them wrote (`people.client_address`). 0 ignores the
# header, which any client can write; the README's single nginx is 1.
TRUSTED_PROXY_COUNT = env_bounded_int("TRUSTED_PROXY_COUNT", 0, 0, 5)
AXES_CLIENT_IP_CALLABLE = "people.client_address.client_address"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Language -------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Locally WhiteNoise serves from the source folders, with no `collectstatic` step.
WHITENOISE_USE_FINDERS = LOCAL_HTTP
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if LOCAL_HTTP
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Links in trainer Markdown to other hosts: "mark" them as leaving the site (rel="external", a
# visible "(external link)"), or "remove" them, keeping their text (an intranet without the
# internet). Images from other hosts are always dropped. Applies when content is saved.
MARKDOWN_EXTERNAL_LINKS = os.environ.get("MARKDOWN_EXTERNAL_LINKS", "mark").strip().lower()
if MARKDOWN_EXTERNAL_LINKS not in {"mark", "remove"}:
    raise ImproperlyConfigured('MARKDOWN_EXTERNAL_LINKS must be "mark" or "remove".')

# The institution a printed transcript is issued by (e.g. "XX县委组织部"), at the head of its
# first page; empty, the site's own name ("Cadre Training" in the reader's language) stands there.
INSTITUTION_NAME = os.environ.get("INSTITUTION_NAME", "").strip()

# --- Study-hour requirement ----------------------------------------------------------------
# Online study a cadre must earn each year, and how much of it must come from required courses.
STUDY_HOURS_PER_YEAR = int(os.environ.get("STUDY_HOURS_PER_YEAR", "50"))
STUDY_HOURS_REQUIRED = int(os.environ.get("STUDY_HOURS_REQUIRED", "30"))
# How hours are earned from evidence (see `courses.reading` and `records.credit`): the reading
# speeds a lesson's estimated study time is computed at, the share of that time that must pass
# between first opening a lesson and marking it studied, and the credit rule's length bands
# ("minutes:hours" from the longest band down) plus the hours a passed test adds.
READING_CHARS_PER_MINUTE = env_bounded_int("READING_CHARS_PER_MINUTE", 300, 50, 3000)
READING_WORDS_PER_MINUTE = env_bounded_int("READING_WORDS_PER_MINUTE", 200, 30, 2000)
STUDY_MINIMUM_SHARE = env_bounded_int("STUDY_MINIMUM_SHARE_PERCENT", 50, 0, 100) / 100
CREDIT_BANDS = os.environ.get("CREDIT_BANDS", "30:1,15:0.5,0:0.25")
CREDIT_TEST_HOURS = os.environ.get("CREDIT_TEST_HOURS", "0.5")
REMINDER_DAYS_AHEAD = int(os.environ.get("REMINDER_DAYS_AHEAD", "7"))
# The site's address, for the links in reminder e-mails (`make run` sets it from its port).
# No default in production: a wrong one sends every cadre a dead link; training.W002 says so.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if LOCAL_HTTP else "")

# --- Background tasks -----------------------------------------------------------------------
# Queued in the site's own database (SQLite or PostgreSQL), so no broker is needed; a web
# request only enqueues, and `manage.py db_worker` (beside the server in `make run`, a systemd
# unit in production) runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# xAPI statements go to this Learning Record Store (its xAPI endpoint, e.g.
# https://lrs.example.gov/xAPI) from the task worker; unset, they are only stored and exported.
XAPI_LRS_URL = os.environ.get("XAPI_LRS_URL", "")
XAPI_LRS_USERNAME = os.environ.get("XAPI_LRS_USERNAME", "")
XAPI_LRS_PASSWORD = os.environ.get("XAPI_LRS_PASSWORD", "")
XAPI_BATCH_SIZE = env_bounded_int("XAPI_BATCH_SIZE", 100, 1, 1000)
XAPI_RETRY_SECONDS = env_bounded_int("XAPI_RETRY_SECONDS", 30, 1, 3600)  # doubles up to 1 h
XAPI_TIMEOUT_SECONDS = env_bounded_int("XAPI_TIMEOUT_SECONDS", 10, 1, 120)

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cadre-training@localhost")

# --- Security -------------------------------------------------------------------------------
# Behind a TLS-terminating reverse proxy set SECURE_PROXY_SSL_HEADER=1 so Django sees https.
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not LOCAL_HTTP)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not LOCAL_HTTP)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not LOCAL_HTTP)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if LOCAL_HTTP else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not LOCAL_HTTP)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))  # at most
# ...and a session that makes no request for this long is logged out (0: never). An hour, so a
# cadre reading a long lesson is not sent to the login page before marking it studied (the
# first opening is kept, so nothing is lost either way); no pop-up ever warns of it.
SESSION_IDLE_MINUTES = env_bounded_int("SESSION_IDLE_MINUTES", 60, 0, 24 * 60)
# The admin (/admin/) answers only staff from these networks; elsewhere, and whenever it is
# off (the default unless LOCAL_HTTP), it is a 404.
ADMIN_ENABLED = env_bool("ADMIN_ENABLED", LOCAL_HTTP)
ADMIN_ALLOWED_NETWORKS = env_list("ADMIN_ALLOWED_NETWORKS", "127.0.0.1/32,::1/128")
# Request bodies, counted without uploaded files (which stream to disk past 2.5 MB). The largest
# honest body is an attempt's save: up to ANSWER_MAX (20,000) characters per written answer, in
# UTF-8 up to 60 KB each, so 5 MB holds about 80 written answers at their longest; a lesson at
# its 100,000 characters is under 1 MB even percent-encoded. A larger body is a 400, never read
# into memory. Fields: a quiz form lists the course's whole question bank as checkboxes and an
# attempt carries about three fields per question; 5,000 leaves room for both.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# How often one person may ask for a Markdown preview or a case-import preview (each renders
# text they send): a count per s, m, h or d. Counted in the cache: with Redis all workers share
# one count; without it (SQLite, one machine) each worker counts its own. django-ratelimit is
# used as a library, not an installed app: its check refuses the local-memory cache outright.
PREVIEW_RATE = os.environ.get("PREVIEW_RATE", "60/m")
# How often one client may look up certificate codes on the public /verify/ page (per address
# when anonymous, per person when signed in): enough for an employer checking a few, far too
# few to try codes in bulk.
VERIFY_RATE = os.environ.get("VERIFY_RATE", "30/m")
# How many certificate PDFs one person may have rendered (each is a quarter of a second of a
# worker's CPU): far more than anyone downloads by hand; HR takes many at once as a ZIP.
PDF_RATE = os.environ.get("PDF_RATE", "20/m")

# HR's ZIPs of certificates: built by the task worker into this folder (outside static and
# media: only the download view, for the officer who asked, serves them), deleted after
# CERTIFICATE_ARCHIVE_HOURS. One ZIP holds at most CERTIFICATE_ARCHIVE_MAX certificates
# (measured: a quarter of a second and 250 KB each, so 1,000 take some 4 minutes and 250 MB);
# a larger unit is taken a unit, a course or a year at a time.
CERTIFICATE_ARCHIVE_DIR = Path(
    os.environ.get("CERTIFICATE_ARCHIVE_DIR") or BASE_DIR / "var" / "certificate-archives"
)
CERTIFICATE_ARCHIVE_HOURS = env_bounded_int("CERTIFICATE_ARCHIVE_HOURS", 24, 1, 24 * 7)
CERTIFICATE_ARCHIVE_MAX = env_bounded_int("CERTIFICATE_ARCHIVE_MAX", 1000, 1, 20000)
# The HR dashboard keeps each page's figures in the cache for this long, under the summaries'
# version, which every write replaces (records.summaries.changed): a repeated page costs no
# summing over a county's cohorts. On only with a cache all workers share (Redis): with each
# worker's own memory, one worker would not hear of another's writes. 0 turns it off.
DASHBOARD_CACHE_SECONDS = env_bounded_int(
    "DASHBOARD_CACHE_SECONDS", 300 if REDIS_URL else 0, 0, 24 * 3600
)
# HR's exports: a CSV always streams; an XLSX of more than EXPORT_DIRECT_CADRES cadres is built
# by the task worker into EXPORT_FILE_DIR (served only to the officer who asked) and deleted
# after EXPORT_FILE_HOURS. Measured: some 3,000-9,000 rows a second, about 2.4 rows a cadre, so
# 2,000 cadres are built inside the request in about a second and a county takes minutes.
EXPORT_FILE_DIR = Path(os.environ.get("EXPORT_FILE_DIR") or BASE_DIR / "var" / "export-files")
EXPORT_FILE_HOURS = env_bounded_int("EXPORT_FILE_HOURS", 24, 1, 24 * 7)
EXPORT_DIRECT_CADRES = env_bounded_int("EXPORT_DIRECT_CADRES", 2000, 0, 1_000_000)
X_FRAME_OPTIONS = "DENY"
# Only the site itself: no CDN, no external fonts, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a public-internet listing; intranet hosts are never on it.
    "security.W021",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
