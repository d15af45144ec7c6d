"""Oversized request bodies are refused from their declared length, before a byte is read.

An anonymous client must not be able to make a worker read (and spool to disk) a
300 MB body: the answer is 413 at once, whatever the URL, and the body stays unread.
"""

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import RequestFactory

from newsroom.middleware import RequestBodyLimitMiddleware

pytestmark = pytest.mark.django_db

HUGE = "300000000"


class ExplodingInput:
    """A wsgi.input that fails the test if anything tries to read the body."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read

    def __iter__(self):
        raise AssertionError("the request body was read")


def post_declaring(client, path, length, **extra):
    return client.generic(
        "POST",
        path,
        CONTENT_LENGTH=str(length),
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        **{"wsgi.input": ExplodingInput()},
        **extra,
    )


@pytest.mark.parametrize(
    "path",
    ["/", "/recherche/", "/admin/login/", "/admin/images/image/add/", "/healthz", "/flux/"],
)
def test_anonymous_300_mb_body_is_413_unread(outsider, path):
    response = post_declaring(outsider, path, HUGE)
    assert response.status_code == 413
    assert "trop volumineuse" in response.content.decode()


def test_staff_upload_above_the_cap_is_413_unread(client, editor):
    client.force_login(editor)
    response = post_declaring(client, "/admin/images/image/add/", HUGE)
    assert response.status_code == 413
    assert "Mo au plus" in response.content.decode()


def test_a_get_declaring_a_huge_body_is_refused_too(outsider):
    response = outsider.generic("GET", "/", CONTENT_LENGTH=HUGE, **{"wsgi.input": ExplodingInput()})
    assert response.status_code == 413


@pytest.mark.parametrize("length", ["abc", "-1", "1e9", " 12x"])
def test_malformed_content_length_is_400_unread(outsider, length):
    response = post_declaring(outsider, "/admin/login/", length)
    assert response.status_code == 400


def test_chunked_body_without_length_is_411(outsider):
    response = outsider.generic(
        "POST",
        "/admin/login/",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": ExplodingInput()},
    )
    assert response.status_code == 411


def test_admin_cap_is_exact(client, settings):
    # Small caps so that real bodies can be sent on both sides of the limit.
    settings.REQUEST_MAX_BODY_BYTES = 2000
    at_cap = "username=x&password=" + "y" * (2000 - len("username=x&password="))
    assert post_form(client, "/admin/login/", at_cap).status_code == 200  # form with its error
    assert post_form(client, "/admin/login/", at_cap + "y").status_code == 413


def test_public_pages_take_a_much_smaller_body_than_the_admin(client):
    size = django_settings.PUBLIC_MAX_BODY_BYTES + 1
    body = "username=x&password=" + "y" * (size - len("username=x&password="))
    assert post_form(client, "/admin/login/", body).status_code == 200
    assert post_form(client, "/", body).status_code == 413


def post_form(client, path, body):
    return client.generic(
        "POST", path, body.encode(), content_type="application/x-www-form-urlencoded"
    )


def test_full_size_uploads_fit_under_the_admin_cap():
    """A document or an image at its own cap, plus the form around it, is not refused."""
    passed = []
    middleware = RequestBodyLimitMiddleware(lambda request: passed.append(1) or HttpResponse())
    largest_file = max(
        django_settings.IMAGE_MAX_UPLOAD_BYTES, django_settings.RESOURCE_MAX_UPLOAD_BYTES
    )
    request = RequestFactory().generic(
        "POST",
        "/admin/articles/article/1/change/",
        CONTENT_LENGTH=str(largest_file + 500_000),
        **{"wsgi.input": ExplodingInput()},
    )
    assert middleware(request).status_code == 200
    assert passed == [1]
    assert django_settings.REQUEST_MAX_BODY_BYTES < 64 * 1024 * 1024
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= django_settings.REQUEST_MAX_BODY_BYTES


def test_refusal_comes_before_csrf_and_sessions(client):
    """Even with CSRF enforced, the size check answers first (CSRF would read the body)."""
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = post_declaring(strict, "/admin/login/", HUGE)
    assert response.status_code == 413
    assert "sessionid" not in response.cookies
