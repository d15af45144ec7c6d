"""Settings for the newsroom CMS, read from the environment (see README)."""

import re
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from newsroom.env import env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

# No default secret: only a DEBUG (demo) run may fall back to a throwaway one.
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "demo-only-insecure-secret-key"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Public base URL, used where an absolute link is needed outside a request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Santé Politique")

INSTALLED_APPS = [
    # django.contrib.admin, with the newsroom's site (strict list lookups, staff login).
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # django-taggit, named « Mots-clés » in the admin (newsroom/apps.py).
    "newsroom.apps.TaggitConfig",
    "reversion",
    "django_prose_editor",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "articles",
    "authors",
    "images",
    "search",
    "redirects",
    # Page cache for anonymous readers (pagecache/middleware.py, docs/caching.md).
    "pagecache",
    # Reader accounts (sign-up, e-mail verification, login, password reset): allauth,
    # with the newsroom's adapter, forms and templates (subscriptions/).
    "allauth",
    "allauth.account",
    "subscriptions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body (CSRF, sessions, views): oversized bodies are a 413.
    "newsroom.middleware.RequestBodyLimitMiddleware",
    "newsroom.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip for HTML/XML/JSON (not static files: WhiteNoise serves them precompressed).
    # Above the page cache, so that hits are compressed too and the cache stores one
    # uncompressed copy; pagecache.http gives it a weak ETag valid for both encodings.
    "pagecache.compression.CompressionMiddleware",
    # Before CSP, sessions and auth: a hit skips them (and stores what they added).
    "pagecache.middleware.PageCacheMiddleware",
    # After WhiteNoise: static files need no policy; every page and API answer gets one.
    "newsroom.csp.NewsroomCSPMiddleware",
    "newsroom.csp.CrossOriginResourcePolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): was this session opened with a TOTP code?
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # allauth's login stages (e-mail verification pending…).
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Answers a locked-out login attempt with the lockout page (newsroom/login_protection.py).
    "axes.middleware.AxesMiddleware",
    # Last, so that it only sees the final response: it acts on 404s alone.
    "redirects.middleware.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
                "articles.context_processors.site",
            ],
            # {{ media|csp_nonce:request }} in admin templates (newsroom/csp.py).
            "libraries": {"csp_media": "newsroom.csp"},
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# SQLite is the embedded default so the demo needs no server; production uses
# DATABASE_URL=postgres://...
DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login protection (newsroom/login_protection.py): axes refuses a locked-out account
# or address before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "newsroom.login_protection.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Readers log in with their e-mail address (subscriptions/).
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
# Each on its own: too many failures on one account, or from one address, lock it.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "newsroom.login_protection.client_ip"
AXES_LOCKOUT_CALLABLE = "newsroom.login_protection.lockout_response"
AXES_VERBOSE = False  # no start-up banner in every command
# Hops in front of gunicorn that append to X-Forwarded-For (read only behind the proxy).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
# TOTP two-factor authentication: optional for staff, mandatory for editors when set.
OTP_REQUIRED_FOR_EDITORS = env_bool("OTP_REQUIRED_FOR_EDITORS", False)
OTP_TOTP_ISSUER = SITE_NAME
# The device admin's QR code pages show a TOTP seed, the second factor itself, and
# answer 500 for a missing id: 403 for everyone (staff enrol on their own page).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Staff sign in through the admin; an unsafe or missing "next" lands on its dashboard
# (Django's default, /accounts/profile/, does not exist here).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3  # a reset link is valid three hours

# Subscriber articles (access/readers.py): what others read of the body, in characters
# of text (whole paragraphs, at least the first), and where « S'abonner » leads.
ACCESS_TEASER_CHARS = env_int("ACCESS_TEASER_CHARS", 600)
SUBSCRIPTIONS_CONTACT_EMAIL = env_str("SUBSCRIPTIONS_CONTACT_EMAIL", "abonnements@localhost")
# « Accès via mon organisation »: how long a reader found on one of its networks keeps
# its access in the session (never past the organisation's end).
NETWORK_GRANT_HOURS = env_int("NETWORK_GRANT_HOURS", 12)

# Reader accounts (django-allauth, subscriptions/adapter.py): an e-mail address and a
# password, the address verified before the first login; logout by POST only; allauth's
# rate limits (login failures per address and per account, sign-ups, resets) on the
# shared cache, per client address as the staff login counts it.
ACCOUNT_ADAPTER = "subscriptions.adapter.ReaderAccountAdapter"
ACCOUNT_FORMS = {
    "login": "subscriptions.forms.ReaderLoginForm",
    "reset_password": "subscriptions.forms.ReaderResetPasswordForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
# Links in e-mails: https wherever the site redirects to it.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if env_bool("SECURE_SSL_REDIRECT", not DEBUG) else "http"
# allauth's defaults, but failed logins: per address 10 a minute, per account as many as
# the staff lockout allows in its cool-off time.
ACCOUNT_RATE_LIMITS = {
    "login_failed": (
        f"10/m/ip,{env_int('LOGIN_FAILURE_LIMIT', 5)}/{env_int('LOGIN_LOCKOUT_MINUTES', 15)}m/key"
    ),
}
# The login page shows « Vous êtes déconnecté » (public pages show no messages, and a
# message left waiting in a cookie would keep the reader out of the page cache).
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
# Readers are known by their address (their username is allauth's, made up at sign-up).
ACCOUNT_USER_DISPLAY = "subscriptions.adapter.user_display"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
# The newsroom's own wording of a few of Django's admin messages (« Ajouter un objet
# Ressource supplémentaire » → « Ajouter : Ressource »); it takes precedence over the
# apps' catalogues. Compiled file committed: `manage.py compilemessages` after an edit.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# The demo serves uploaded files itself; production serves them from object storage.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
# Benchmark only (bench/run.py): mounts the trivial « ceiling » view at /_banc/plafond/.
BENCH_CEILING_VIEW = env_bool("BENCH_CEILING_VIEW", False)

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

# Workers keep no state: with REDIS_URL set, the cache is shared by all of them.
REDIS_URL = env_str("REDIS_URL")
# Without Redis, files under var/: the demo's two gunicorn workers must share the page
# cache (with a per-process cache one worker would serve a page the other invalidated).
CACHES = {
    "default": (
        # Django's RedisCache, reusing its client objects (pagecache/redis.py).
        {"BACKEND": "pagecache.redis.PageCacheRedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            # Culling lists the folder on each write: a roomy cap, rarely reached.
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20_000)},
        }
    )
}
# Page cache (pagecache/): on by default; pages stay fresh by invalidation, the TTL is
# only how long a copy is served before one reader re-renders it (others get the old
# one meanwhile, for at most PAGE_CACHE_STALE_GRACE more seconds, never past a
# scheduled publication or expiry). Readers missing a page being rendered wait for it
# up to PAGE_CACHE_LOCK_WAIT_MS, then render it themselves.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TTL = env_int("PAGE_CACHE_TTL", 300)
PAGE_CACHE_STALE_GRACE = env_int("PAGE_CACHE_STALE_GRACE", 3600)
PAGE_CACHE_LOCK_TIMEOUT = env_int("PAGE_CACHE_LOCK_TIMEOUT", 10)
PAGE_CACHE_LOCK_WAIT_MS = env_int("PAGE_CACHE_LOCK_WAIT_MS", 2000)

# HTTP caching of anonymous pages (pagecache/http.py, docs/caching.md). Browsers cannot
# be purged: their max-age stays short. The CDN keeps a page PAGE_CACHE_S_MAXAGE seconds
# only when PAGE_CACHE_PURGE_HOOK can purge it; with the no-op hook it gets the browser's.
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 30)
PAGE_CACHE_S_MAXAGE = env_int("PAGE_CACHE_S_MAXAGE", 600)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("PAGE_CACHE_STALE_WHILE_REVALIDATE", 30)
# Longer Surrogate-Key/Cache-Tag lists collapse to "<kind>:all" keys (CDNs cap at 16 KB).
PAGE_CACHE_KEY_HEADER_MAX = env_int("PAGE_CACHE_KEY_HEADER_MAX", 2000)
# Dotted path of the purge callable: pagecache.purge.noop, http_purge, fastly_purge or
# cloudflare_purge; the last three POST to PAGE_CACHE_PURGE_URL with the token.
PAGE_CACHE_PURGE_HOOK = env_str("PAGE_CACHE_PURGE_HOOK", "pagecache.purge.noop")
PAGE_CACHE_PURGE_URL = env_str("PAGE_CACHE_PURGE_URL", "")
PAGE_CACHE_PURGE_TOKEN = env_str("PAGE_CACHE_PURGE_TOKEN", "")
PAGE_CACHE_PURGE_TIMEOUT = env_int("PAGE_CACHE_PURGE_TIMEOUT", 3)
PAGE_CACHE_PURGE_BATCH_SIZE = env_int("PAGE_CACHE_PURGE_BATCH_SIZE", 100)
PAGE_CACHE_PURGE_SOFT = env_bool("PAGE_CACHE_PURGE_SOFT", False)
# The shipped HTTP hooks would fail on every purge without a URL: refuse to start.
_SHIPPED_HTTP_HOOKS = {"http_purge", "fastly_purge", "cloudflare_purge"}
if PAGE_CACHE_PURGE_HOOK.rpartition(".")[2] in _SHIPPED_HTTP_HOOKS and not PAGE_CACHE_PURGE_URL:
    raise ImproperlyConfigured(f"{PAGE_CACHE_PURGE_HOOK} needs PAGE_CACHE_PURGE_URL.")

TAGGIT_CASE_INSENSITIVE = True
# ASCII tag slugs, so tag URLs stay readable and match the <slug> converter.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

ARTICLES_PER_PAGE = env_int("ARTICLES_PER_PAGE", 20)
# Deleted articles stay this many days in the trash, then `manage.py purge_trash` deletes them.
TRASH_RETENTION_DAYS = env_int("TRASH_RETENTION_DAYS", 30)

# Upload caps (images/validation.py, articles/uploads.py). Pixels count every frame.
IMAGE_MAX_UPLOAD_BYTES = env_int("IMAGE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
RESOURCE_MAX_UPLOAD_BYTES = env_int("RESOURCE_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)

# Request body caps (newsroom/middleware.py), checked on the declared Content-Length before
# the body is read. The admin takes one upload at its cap plus a margin for the form's
# fields; public pages take no upload. Keep the proxy's limit (docs/deployment.md) in line.
UPLOAD_PATH_PREFIXES = ["/admin/"]
REQUEST_MAX_BODY_BYTES = env_int(
    "REQUEST_MAX_BODY_BYTES",
    max(IMAGE_MAX_UPLOAD_BYTES, RESOURCE_MAX_UPLOAD_BYTES) + 2 * 1024 * 1024,
)
PUBLIC_MAX_BODY_BYTES = env_int("PUBLIC_MAX_BODY_BYTES", 256 * 1024)
# Non-file fields held in memory (Django's default, stated): well under the caps above.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Load balancers probe /healthz over plain HTTP: no redirect to HTTPS for it.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Security defaults for a site behind a TLS-terminating CDN or proxy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS only in production (the exemption of /healthz is above). The test settings turn
# it off: the test client and live_server speak plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# HSTS: one year, subdomains included (only sent on HTTPS responses).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading commits the whole domain to HTTPS in every browser, for months: the owner of
# the domain decides (hstspreload.org), so it is opt-in and its deploy warning is silenced.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Cross-Origin-Resource-Policy (newsroom/csp.py): same-origin, except feeds and media,
# which feed readers and other sites load from their own origin.
CORP_CROSS_ORIGIN_PATHS = [r"^flux/"]
if not MEDIA_URL.startswith(("http://", "https://", "//")):
    CORP_CROSS_ORIGIN_PATHS.append("^" + re.escape(MEDIA_URL.lstrip("/")))

# Content-Security-Policy (django-csp). Public pages run no inline script (JSON-LD blocks
# are data, not scripts); a nonce is added only if a template asks for request.csp_nonce.
# Media on object storage or a CDN: CSP_MEDIA_ORIGINS=https://media.example.fr,…
CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")
_MEDIA_ORIGIN = re.match(r"^https?://[^/]+", MEDIA_URL)
if _MEDIA_ORIGIN:
    CSP_MEDIA_ORIGINS.append(_MEDIA_ORIGIN.group(0))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *CSP_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The admin (newsroom/csp.py switches on its URL prefix): the same rules. Prose-editor's
# import map carries the nonce (templates/admin/articles/article/change_form.html); its
# editor (Tiptap) injects one fixed <style> element, allowed by its hash: the one of
# django-prose-editor 0.28.0, checked by tests/security/test_headers.py on upgrades.
TIPTAP_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "style-src": [SELF, TIPTAP_STYLE_HASH],
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "redaction@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
