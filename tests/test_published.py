"""Only published articles whose time has come ever reach readers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Status


@pytest.fixture
def draft(make_article):
    return make_article(title="Brouillon confidentiel", status=Status.DRAFT)


@pytest.fixture
def future(make_article):
    return make_article(
        title="Article programmé demain", published_at=timezone.now() + timedelta(days=1)
    )


@pytest.fixture
def live(make_article):
    return make_article(title="Article en ligne")


def test_published_returns_only_live_articles(draft, future, live):
    assert list(Article.objects.published()) == [live]


def test_published_at_its_exact_minute(make_article):
    at = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=2)
    article = make_article(published_at=at)
    assert article not in Article.objects.published(now=at - timedelta(seconds=1))
    assert article in Article.objects.published(now=at)


def test_draft_with_past_date_is_not_published(make_article):
    article = make_article(status=Status.DRAFT, published_at=timezone.now() - timedelta(days=3))
    assert article not in Article.objects.published()


@pytest.mark.parametrize("fixture_name", ["draft", "future"])
def test_public_pages_hide_unpublished(request, client, fixture_name, author, sections):
    article = request.getfixturevalue(fixture_name)
    article.tags.add("secret-tag")
    assert client.get(article.get_absolute_url()).status_code == 404
    for url in (
        "/",
        sections["financement"].get_absolute_url(),
        sections["politique"].get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert article.title not in response.content.decode(), url
    # Its author signs nothing published: no page yet (tests/security/test_embargo.py).
    response = client.get(author.get_absolute_url())
    assert response.status_code == 404
    assert article.title not in response.content.decode()
    # A tag used only by unpublished work does not even reveal its name.
    assert client.get("/tags/secret-tag/").status_code == 404


def test_publishing_without_date_stamps_now(sections):
    before = timezone.now()
    article = Article.objects.create(
        title="Publié sans date",
        standfirst="…",
        section=sections["esante"],
        status=Status.PUBLISHED,
    )
    assert article.published_at >= before
    assert article in Article.objects.published()
