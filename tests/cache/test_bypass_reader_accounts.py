"""Reader accounts and the page cache: account pages are private; public pages stay the
same cacheable, cookie-free page for anonymous readers, and are private for a reader who
is logged in."""

import pytest
from django.test import Client

from tests.helpers import READER_PASSWORD as PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/comptes/login/", "/comptes/signup/", "/comptes/password/reset/", "/comptes/"]
)
def test_account_pages_are_never_stored(url, seen):
    for _ in range(2):
        label, response = seen(url)
        assert label == "bypass", url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert not response.has_header("Surrogate-Key")


def test_public_pages_stay_cacheable_and_cookie_free_with_the_account_link(story, warm, seen):
    warm("/", story.get_absolute_url())
    for url in ("/", story.get_absolute_url()):
        label, response = seen(url)
        assert label == "hit"
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")
        assert 'href="/comptes/">Mon compte</a>' in response.content.decode()


def test_a_logged_in_reader_gets_private_pages_never_stored(story, verified_reader):
    reader = Client()
    reader.post("/comptes/login/", {"login": verified_reader.email, "password": PASSWORD})
    for _ in range(2):
        response = reader.get(story.get_absolute_url())
        assert response.status_code == 200
        assert response["X-Cache"] == "bypass"
        assert "private" in response["Cache-Control"]
    # What anonymous readers get was never the reader's page.
    anonymous = Client()
    anonymous.get(story.get_absolute_url())
    page = anonymous.get(story.get_absolute_url())
    assert page["X-Cache"] == "hit"
    assert verified_reader.email not in page.content.decode()
