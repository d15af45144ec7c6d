"""Test settings: the real settings, with a fast password hasher."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
# The test client and live_server speak plain HTTP; the production default (on unless
# DEBUG) and the redirect itself are tested in tests/security/test_headers.py.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from newsroom.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Production's static storage (hashed, compressed, manifest-strict: a template naming a
# missing file is a 500 there, and here). tests/conftest.py runs collectstatic once per
# session into this throwaway STATIC_ROOT; WhiteNoise then serves it as in production
# (WHITENOISE_AUTOREFRESH and WHITENOISE_USE_FINDERS left to their default, off without
# DEBUG). The folder is shared through the environment with the subprocesses a test starts.
# DEBUG stays off, as in production (checked in tests/security/test_csrf_enforced.py).
OWNS_STATIC_ROOT = not os.environ.get("NEWSROOM_TEST_STATIC_ROOT")
if OWNS_STATIC_ROOT:
    os.environ["NEWSROOM_TEST_STATIC_ROOT"] = tempfile.mkdtemp(prefix="newsroom-test-static-")
STATIC_ROOT = Path(os.environ["NEWSROOM_TEST_STATIC_ROOT"])  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
# The page cache is on in tests, as in production: every test that reads a page, changes
# data and reads it again checks the invalidation. Per-process memory (tests/conftest.py
# clears it between tests); tests/cache/ also run it on files and on Redis.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
}
PAGE_CACHE_ENABLED = True
