"""Cards read only what they show: a list page does not fetch each article's body."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article


def _article_queries(ctx):
    table = Article._meta.db_table
    return [q["sql"] for q in ctx.captured_queries if f'FROM "{table}"' in q["sql"]]


def test_a_section_page_does_not_fetch_the_bodies(client, make_article, sections):
    make_article(body="<p>Un texte que seule la page de l'article affiche.</p>")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(sections["politique"].get_absolute_url())
    assert response.status_code == 200
    selects = _article_queries(ctx)
    assert selects
    assert not any('"body"' in sql for sql in selects)


def test_the_article_page_still_shows_its_body(client, make_article):
    article = make_article(body="<p>Un texte que seule la page de l'article affiche.</p>")
    response = client.get(article.get_absolute_url())
    assert "Un texte que seule la page de" in response.text
    card = Article.objects.filter(pk=article.pk).for_listing().get()
    assert card.body == article.body  # still there when asked (one more query)
