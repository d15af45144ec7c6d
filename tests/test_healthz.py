"""/healthz: 200 "ok" when the database and the cache answer, 503 otherwise, never cached."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

SECRET_DETAIL = "host=db.interne password=s3cr3t"


def assert_not_cacheable(response):
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies  # no session, no CSRF cookie


def test_healthy_site_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert_not_cacheable(response)


def test_probe_runs_one_read_and_writes_nothing(client):
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        client.get("/healthz")
    assert [q["sql"] for q in queries.captured_queries] == ["SELECT 1"]


def test_database_down_is_503_without_detail(client):
    with mock.patch(
        "newsroom.health.connection.cursor", side_effect=OperationalError(SECRET_DETAIL)
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"indisponible"
    assert_not_cacheable(response)


def test_database_giving_a_wrong_answer_is_503(client):
    cursor = mock.MagicMock()
    cursor.__enter__.return_value.fetchone.return_value = None
    with mock.patch("newsroom.health.connection.cursor", return_value=cursor):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_unreachable_redis_cache_is_503(client, settings):
    # A real Redis client against a closed port: the failure a dead cache server gives.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"indisponible"


def test_cache_error_is_503_without_detail(client):
    with mock.patch("newsroom.health.cache.get", side_effect=ConnectionError(SECRET_DETAIL)):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert SECRET_DETAIL.encode() not in response.content


def test_not_redirected_to_https_when_the_site_is(client, settings):
    # Load balancers probe over plain HTTP; every other page goes to HTTPS.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200


def test_head_is_allowed_and_post_is_not(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
