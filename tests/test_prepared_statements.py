"""On PostgreSQL, public pages' queries are prepared once per connection (newsroom.env),
but full-text search is planned for its own words on every call (newsroom.db): a
prepared statement's generic plan made a search 8× slower at 100 000 articles."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.page_cache_off,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own statements"),
]


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_an_article_page_read_again_runs_prepared_statements(client, make_article):
    article = make_article(tags=["hôpital"])
    for _ in range(3):
        assert client.get(article.get_absolute_url()).status_code == 200
    assert any("articles_article" in each for each in prepared_statements())


def test_search_is_never_prepared(client, make_article):
    make_article(title="Le budget des hôpitaux", tags=["hôpital"])
    for _ in range(4):
        response = client.get("/recherche/", {"q": "budget hôpitaux"})
        assert "Le budget des hôpitaux" in response.content.decode()
    # The index's own writes (on save) may be prepared; its reads never.
    searched = [
        each
        for each in prepared_statements()
        if "search_search" in each and each.lstrip().upper().startswith("SELECT")
    ]
    assert searched == []
    # …and the connection prepares again afterwards.
    assert connection.connection.prepare_threshold == 2
