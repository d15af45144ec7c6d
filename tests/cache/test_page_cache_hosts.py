"""A page stored for one host or scheme is never served to another: its absolute URLs differ."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_hosts(settings):
    settings.ALLOWED_HOSTS = ["www.example.fr", "example.fr"]


def canonical(response):
    html = response.content.decode()
    start = html.index('rel="canonical" href="') + len('rel="canonical" href="')
    return html[start : html.index('"', start)]


def test_each_allowed_host_gets_its_own_copy(two_hosts, make_article):
    url = make_article(title="Les urgences en tension").get_absolute_url()
    first = Client().get(url, HTTP_HOST="www.example.fr")
    other = Client().get(url, HTTP_HOST="example.fr")
    again = Client().get(url, HTTP_HOST="example.fr")
    assert (first["X-Cache"], other["X-Cache"], again["X-Cache"]) == ("miss", "miss", "hit")
    assert canonical(first).startswith("http://www.example.fr/")
    assert canonical(other).startswith("http://example.fr/")
    assert canonical(again) == canonical(other)


def test_https_and_http_answers_are_kept_apart(two_hosts, make_article):
    url = make_article(title="Le budget des hôpitaux").get_absolute_url()
    plain = Client().get(url, HTTP_HOST="example.fr")
    secure = Client().get(url, HTTP_HOST="example.fr", secure=True)
    assert (plain["X-Cache"], secure["X-Cache"]) == ("miss", "miss")
    assert canonical(secure).startswith("https://example.fr/")


def test_a_host_outside_allowed_hosts_is_refused_not_stored(two_hosts, make_article):
    url = make_article(title="La santé mentale des jeunes").get_absolute_url()
    assert Client().get(url, HTTP_HOST="evil.example").status_code == 400
    assert Client().get(url, HTTP_HOST="example.fr")["X-Cache"] == "miss"
