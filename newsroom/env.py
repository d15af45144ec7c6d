"""Small helpers that read settings from the environment and fail loudly.

A typo in production configuration must stop the process at start-up, not
surface later as a strange behaviour.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no).")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name, default):
    """Parse a database URL; PostgreSQL connections are kept open and health-checked."""
    url = env_str(name, default)
    try:
        config = dj_database_url.parse(url)
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"{name} names an unsupported database: {url!r}")
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 600)
        config["CONN_HEALTH_CHECKS"] = True
        # An unreachable database host must fail fast (/healthz answers 503), not hold a
        # worker past gunicorn's timeout. A connect_timeout in the URL wins.
        options = config.setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5))
        # Parameters bound by the server, and a query run a few times on a connection
        # prepared once: PostgreSQL parses and plans each public query once per
        # connection instead of on every request (a third of its time on a list page).
        # A pooler in transaction mode (PgBouncer before 1.21) cannot keep prepared
        # statements: DATABASE_PREPARED_STATEMENTS=0 there.
        if env_bool("DATABASE_PREPARED_STATEMENTS", True):
            options.setdefault("server_side_binding", True)
            options.setdefault("prepare_threshold", env_int("DATABASE_PREPARE_THRESHOLD", 2))
    return config
