"""Test settings: the real settings, with a fast password hasher."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
# The test client and live_server speak plain HTTP; the production default (on unless
# DEBUG) and the redirect itself are tested in tests/security/test_headers.py.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from newsroom.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    # No manifest needed: tests do not run collectstatic.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
# As in development: WhiteNoise reads the finders instead of a collected STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True
# The page cache is on in tests, as in production: every test that reads a page, changes
# data and reads it again checks the invalidation. Per-process memory (tests/conftest.py
# clears it between tests); tests/cache/ also run it on files and on Redis.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
}
PAGE_CACHE_ENABLED = True
