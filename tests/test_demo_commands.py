"""generate_articles (bulk load). seed_demo's tests: test_seed_demo.py and
test_seed_demo_showcase.py."""

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from django.utils.html import escape
from taggit.models import Tag, TaggedItem

from articles.models import Article, Section, Status
from articles.sanitize import sanitize_body
from authors.models import Author

pytestmark = pytest.mark.django_db


def generate(count, *args):
    out = StringIO()
    call_command("generate_articles", str(count), *args, stdout=out)
    return out.getvalue()


# ---------------------------------------------------------------------------- generate_articles


def test_generate_articles_adds_published_articles(make_article):
    make_article(title="Un article existant")
    before = Article.objects.published().count()

    output = generate(500, "--batch-size", "200", "--seed", "7")

    assert "500/500" in output
    assert Article.objects.count() == before + 500
    assert Article.objects.published().count() == before + 500
    generated = Article.objects.exclude(title="Un article existant")
    assert not generated.exclude(status=Status.PUBLISHED).exists()
    assert not generated.filter(published_at__gt=timezone.now()).exists()
    assert not generated.annotate(n=Count("bylines")).filter(n=0).exists()
    assert not generated.annotate(n=Count("tags")).filter(n__lt=2).exists()
    slugs = list(Article.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == len(slugs)


def test_generate_articles_twice_adds_more_without_collisions(sections, author):
    generate(500, "--seed", "1")
    generate(500, "--seed", "1")  # same titles: only the per-run token keeps slugs apart
    assert Article.objects.published().count() == 1000
    slugs = list(Article.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 1000


def test_generated_rows_are_consistent(sections, author):
    generate(50, "--seed", "2")
    content_type = ContentType.objects.get_for_model(Article)
    ids = set(Article.objects.values_list("pk", flat=True))
    assert set(TaggedItem.objects.values_list("content_type", flat=True)) == {content_type.pk}
    assert set(TaggedItem.objects.values_list("object_id", flat=True)) == ids
    for article in Article.objects.prefetch_related("bylines", "tags"):
        assert article.section_id in {s.pk for s in sections.values()}
        assert [b.position for b in article.bylines.all()] == list(range(article.bylines.count()))
        assert article.created <= article.published_at <= article.modified <= timezone.now()
        assert sanitize_body(article.body) == article.body
        assert article.body.count("<h2>") == 2
        assert len(article.body) > 1000


def test_generate_articles_on_an_empty_database_creates_what_it_needs():
    generate(20)
    assert Section.objects.count() == 1
    assert Author.objects.exists()
    assert Tag.objects.count() >= 40
    assert Article.objects.published().count() == 20


def test_generated_article_renders_on_its_public_url(client, sections, author):
    # Needs the public templates (written in parallel with this command).
    generate(5)
    article = Article.objects.published().first()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert escape(article.title) in response.content.decode()


def test_generate_articles_restores_automatic_timestamps(sections, author, make_article):
    generate(3)
    before = timezone.now()
    article = make_article()
    assert article.created >= before
    assert article.modified >= before
