"""Configuration mistakes stop the process with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom import env

ROOT = Path(__file__).resolve().parent.parent


PRINT_SETTINGS = "import newsroom.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])"


def load_settings(**variables):
    """Import the real settings in a fresh interpreter with only these variables set."""
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    return subprocess.run(  # noqa: S603 — our own interpreter and code
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT, env={**clean, **variables}, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_secret_key_required_outside_debug():
    result = load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_debug_is_off_by_default_and_sqlite_is_the_default_database():
    result = load_settings(SECRET_KEY="x")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.sqlite3"]


def test_bad_boolean_fails_loudly(monkeypatch):
    monkeypatch.setenv("DEBUG", "peut-être")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env.env_bool("DEBUG")


def test_bad_integer_fails_loudly(monkeypatch):
    monkeypatch.setenv("ARTICLES_PER_PAGE", "vingt")
    with pytest.raises(ImproperlyConfigured, match="ARTICLES_PER_PAGE"):
        env.env_int("ARTICLES_PER_PAGE", 20)


def test_bad_database_url_fails_loudly(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "oracle-ish://nope")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.env_database("DATABASE_URL", "sqlite:///x")


def test_postgres_url_keeps_connections_and_checks_them(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.internal:5432/newsroom")
    config = env.env_database("DATABASE_URL", "sqlite:///x")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "newsroom"
    assert config["CONN_MAX_AGE"] > 0
    assert config["CONN_HEALTH_CHECKS"] is True


def test_postgres_connections_fail_fast_unless_the_url_says_otherwise(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.internal:5432/newsroom")
    assert env.env_database("DATABASE_URL", "sqlite:///x")["OPTIONS"]["connect_timeout"] == 5
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.internal:5432/newsroom?connect_timeout=2")
    assert env.env_database("DATABASE_URL", "sqlite:///x")["OPTIONS"]["connect_timeout"] in (2, "2")


def test_postgres_queries_are_prepared_unless_a_pooler_says_otherwise(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.internal:5432/newsroom")
    options = env.env_database("DATABASE_URL", "sqlite:///x")["OPTIONS"]
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 2
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "0")  # PgBouncer, transaction mode
    options = env.env_database("DATABASE_URL", "sqlite:///x")["OPTIONS"]
    assert "server_side_binding" not in options
    assert "prepare_threshold" not in options
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "peut-être")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_PREPARED_STATEMENTS"):
        env.env_database("DATABASE_URL", "sqlite:///x")
