"""Settings shared by every mode. Everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


KOHTAAMO_ENV = "base"
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")
# Earlier keys, comma-separated, kept after a rotation: signed links in e-mail and survey
# answers sealed while they waited for their batch (panels.surveys.sealing) still open with them.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first, so their templates override the libraries' ones.
    "accounts",
    "accounts.qualifications",
    "live",
    "panels",
    "panels.meetings",
    "panels.surveys",
    "panels.surveys.series",
    "panels.workshops",
    "panels.walks",
    "panels.segments",
    "panels.trainings",
    "panels.pool",
    "panels.pool.calls",
    "ideas",
    "ideas.feedback",
    "ideas.service_feedback",
    "cms",
    "cms.experiments",
    "cms.frontpage",
    "cms.statement",
    "cms.api",
    "daphne",
    "channels",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "rules.apps.AutodiscoverRulesConfig",
    "taggit",
    "django_tasks_db",
    "modelcluster",
    "wagtail.contrib.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's user admin, with Kohtaamo's forms (display name and role).
    "accounts.apps.KohtaamoWagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    # The open-data API (cms.api): read-only, anonymous, CORS for reading. Last, so that
    # their translations of common strings ("This field is required.") never replace
    # Django's and Wagtail's on the site's own forms.
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Both act on /api/ only (CORS_URLS_REGEX; cms.api.etags): CORS headers, ETag and 304.
    "corsheaders.middleware.CorsMiddleware",
    "cms.api.etags.ApiConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, before anything that sets a cookie (see cms.page_cache).
    "cms.page_cache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "cms.middleware.AdminContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Members of a panel that works in Northern Sámi read its pages in Sámi by default.
    "panels.languages.PanelLanguageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a view's Redis or database outage reaches it first: a 503 "try again".
    "cms.unavailable.ServiceUnavailableMiddleware",
]

ROOT_URLCONF = "cms.urls"
# HTTP under gunicorn, websockets under daphne (platform/README.md).
WSGI_APPLICATION = "cms.wsgi.application"
ASGI_APPLICATION = "cms.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.plain_language.context",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # daphne serves requests from several threads: let writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full-text search fields there.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Pages are served while Redis is away; counting refuses (see cms.cache).
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # An unreachable Redis costs a page at most these seconds, not the default five.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py refuses (rather than waits for) a connection past its pool's size,
                # 100 by default: hundreds of people joining a thread at once need more.
                "hosts": [{"address": REDIS_URL, "max_connections": 1000}],
                # A group message to a channel whose queue is full is dropped: room for
                # bursts to many listeners (100 by default) before a slow one loses frames.
                "capacity": 1500,
                "expiry": 60,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {
        # Room for bursts, as with Redis above: a full channel drops what is sent to it.
        "default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": 1500}}
    }

# Anonymous visitors' public pages are served from the cache for this many seconds (a float;
# 0 turns it off). Nothing is invalidated, so every change shows within this time: see
# cms.page_cache, which also says what is never cached.
PUBLIC_PAGE_CACHE_SECONDS = float(env("PUBLIC_PAGE_CACHE_SECONDS", "1"))
# The front page's "happening now" lives at most this long in the cache; a change to what it
# shows makes it stale at once (cms.frontpage.caching). 0 turns it off.
FRONT_PAGE_CACHE_SECONDS = float(env("FRONT_PAGE_CACHE_SECONDS", "60"))
# Never cached, whoever asks (in every language: /en/accounts/ too). Personal pages need a
# session and are never cached anyway; these are personal, staff-only or token-bearing by path.
PUBLIC_PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    # The API counts every request against its per-address limit and answers 304 to a
    # matching ETag; a copy served before the view would skip both (cms.api).
    "/api/",
    "/ws/",
    "/healthz",
    "/accounts/",
    "/documents/",
    "/_util/",
    "/my-impact/",
    "/surveys/",
    "/panels/invitations/",
    "/panels/applications/",
    "/rounds/moderation/",
    "/rounds/clarifications/",
    "/rounds/dashboard/",
]

# Background tasks (notification e-mail). Immediately, in the request, unless TASKS_BACKEND is
# "database": then a worker (manage.py db_worker) runs them from a table.
TASKS_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[env("TASKS_BACKEND", "immediate")]}}

# Live discussion: how many comments one person may post per window of seconds.
LIVE_COMMENT_RATE = int(env("LIVE_COMMENT_RATE", "5"))
LIVE_COMMENT_WINDOW = int(env("LIVE_COMMENT_WINDOW", "10"))
# An emptied live room stays open on its worker this long, for people reloading or coming back
# (live.hub); 0 closes it at once.
LIVE_ROOM_LINGER_SECONDS = float(env("LIVE_ROOM_LINGER_SECONDS", "30"))

# Abuse limits (accounts.limits): name -> (times, per seconds), per person, or per client
# address for people who are not signed in. Counted in the cache, shared by every worker.
# (Live posts have their own LIVE_COMMENT_RATE above.)
RATE_LIMITS = {
    "accessibility_feedback": (5, 60 * 60),
    "idea": (10, 60 * 60),
    "flag": (20, 60 * 60),
    "clarification": (5, 24 * 60 * 60),
    "support": (30, 60),
    "survey_answer": (10, 60 * 60),
    # Interviews sent by one interviewer (panels.surveys): many at an event, not a flood.
    "interview": (120, 60 * 60),
    # Spontaneous feedback (ideas.service_feedback), by person or, signed out, by address.
    "service_feedback": (10, 60 * 60),
    # Applications on recruitment pages (panels.pool), by person or, signed out, by address.
    "recruitment": (5, 60 * 60),
    # Asking for a copy of one's own data (accounts.privacy): building it reads everything.
    "export": (3, 24 * 60 * 60),
    # Password tries on the "delete my account" page, which allauth's log-in limits do not see.
    "account_deletion": (5, 60 * 60),
    # Frames one websocket connection may send (pings included) per window.
    "socket_frames": (60, 10),
    # Requests to the open-data API (cms.api) per client address.
    "api": (int(env("API_RATE_PER_MINUTE", "120")), 60),
}
# How long what is kept (accounts.privacy.retention, `manage.py apply_retention`, daily), in
# days. The privacy notice states these same numbers.
RETENTION = {
    "notifications_days": int(env("RETENTION_NOTIFICATIONS_DAYS", "365")),
    "unverified_account_days": int(env("RETENTION_UNVERIFIED_ACCOUNT_DAYS", "30")),
    "inactive_account_days": int(env("RETENTION_INACTIVE_ACCOUNT_DAYS", str(3 * 365))),
    "inactivity_warning_days": 30,
}
# Anonymous survey answers are written, and their results move, this many at a time.
SURVEY_ANONYMITY_BATCH = 5

# --- People -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: e-mail is the log-in; the display name is asked by Kohtaamo's signup form.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_USER_DISPLAY = "accounts.adapter.display_name_of"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kohtaamo] "
# allauth's default rate limits stay on; they count in the "default" cache above.

# --- Languages ----------------------------------------------------------------------------
# Finnish first; Northern Sámi joins Django's language table in cms.settings.languages.
from cms.settings.languages import LANGUAGES  # noqa: E402

LANGUAGE_CODE = "fi"

LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers for languages Django has no formats for (Northern Sámi).
FORMAT_MODULE_PATH = ["cms.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_SITE_NAME = "Kohtaamo"
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The admin signs people in through allauth, so one log-in and its rate limits protect both.
WAGTAILADMIN_LOGIN_URL = "account_login"
# Private pages and documents send people to the same log-in, not to Wagtail's own form
# (/_util/login/), which has no rate limits.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Wagtail's database backend; on PostgreSQL each page is stemmed in its own language (cms.search).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.search.backend"}}
# Participants' e-mail hashes are not sent to a third party for avatars, nor is the admin's
# every page view announced to wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
# Documents are always served by Wagtail (/documents/<id>/<name>), which checks the privacy
# of their collection first; nginx never serves the files under MEDIA_ROOT/documents/ itself.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- E-mail -------------------------------------------------------------------------------
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def mailer(default_backend):
    """The default mailer from EMAIL_* variables; SMTP options only where SMTP is used."""
    backend = env("EMAIL_BACKEND", default_backend)
    options = {}
    if backend == SMTP_BACKEND:
        options = {
            "host": env("EMAIL_HOST", "localhost"),
            "port": int(env("EMAIL_PORT", "25")),
            "username": env("EMAIL_HOST_USER", ""),
            "password": env("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS"),
            "timeout": 20,
        }
    return {"default": {"BACKEND": backend, "OPTIONS": options}}


MAILERS = mailer("django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Kohtaamo <noreply@kohtaamo.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -----------------------------------------------------------------------------
# Every mode runs under the same policy, so a page that breaks it fails in development and
# tests too. Wagtail's admin sets inline styles, hence 'unsafe-inline' for styles only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Wagtail's admin (staff only) runs inline scripts of its own: see cms.middleware.
ADMIN_CSP = {**SECURE_CSP, "script-src": [CSP.SELF, CSP.UNSAFE_INLINE]}
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview frames set their own same-origin override
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    # Every task run (search index, reference index) would otherwise be logged twice.
    "loggers": {"django.tasks": {"level": env("TASKS_LOG_LEVEL", "WARNING")}},
}

# The response-time dashboard (/rounds/dashboard/): an idea waiting longer than this for its
# first official response is overdue.
IDEA_RESPONSE_TARGET_DAYS = int(env("IDEA_RESPONSE_TARGET_DAYS", "30"))

# --- Open-data API (cms.api) ----------------------------------------------------------------
# Anonymous and read-only: the API's views (cms.api.views.OpenDataView) set no authentication,
# so no session, no CSRF and the same answer for everyone, and count RATE_LIMITS["api"] per
# address. They set that on themselves, not here: Wagtail's admin API uses DRF too.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kohtaamo open data API",
    "DESCRIPTION": (
        "Read-only public data of Kohtaamo: idea rounds, public ideas, their status history, "
        "official responses, experiments, practices, impact reports, statistics and surveys' "
        "published results. Only what an anonymous visitor sees on the site. Licence: CC BY 4.0."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["cms.api.schema.only_open_data"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cms.api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "IdeaStatusEnum": "ideas.feedback.statuses.IdeaStatus",
        "RoleEnum": "accounts.roles.Role",
    },
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# CORS for reading, on the API only: any origin, no credentials, read methods.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]
# The daily open-data dump (manage.py export_open_data): its files, served at /open-data/.
OPEN_DATA_ROOT = Path(env("OPEN_DATA_ROOT", str(MEDIA_ROOT / "open-data")))
