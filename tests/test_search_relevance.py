"""Relevance is decided over every match, not over the most recent ones: an old article
whose title holds the query comes before hundreds of newer articles that only mention
the words, and a title pasted with a word dropped, swapped or changed still finds its
article first (the last one on PostgreSQL only: the fallback needs every word).

Before, results were the best of the MAX_RESULTS (200) most recent matches: the old
article was not even among them.
"""

import html
import re

import pytest
from django.db import connection

from articles.models import Article, Status
from search import engines, indexing
from tests.helpers import ago

TITLE = re.compile(r'<h2 class="card__title"><a href="[^"]*">(.*?)</a></h2>', re.S)

OLD_TITLE = "Les ARS lancent une concertation sur les déserts médicaux"


def found(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return [html.unescape(t) for t in TITLE.findall(response.content.decode())]


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("Titres proches : pg_trgm et le classement de PostgreSQL")


def newer_mentions(sections, count, body):
    """``count`` recent articles that only mention the words in their body (bulk
    created, then indexed as the signals would)."""
    articles = Article.objects.bulk_create(
        [
            Article(
                title=f"Brève numéro {i}",
                slug=f"breve-{i}",
                standfirst="Une brève.",
                body=f"<p>{body}</p>",
                section=sections["esante"],
                status=Status.PUBLISHED,
                published_at=ago(hours=i + 1),
            )
            for i in range(count)
        ]
    )
    indexing.refresh([article.pk for article in articles])


def test_an_old_title_match_ranks_above_hundreds_of_newer_mentions(client, make_article, sections):
    assert engines.MAX_RESULTS == 200
    newer_mentions(sections, 210, "Il est question de télésurveillance en passant.")
    make_article(title="La télésurveillance gagne les Ehpad", published_at=ago(days=3650))
    result = found(client, q="télésurveillance")
    assert result[0] == "La télésurveillance gagne les Ehpad"
    assert len(result) == 10


@pytest.fixture
def look_alikes(make_article, monkeypatch):
    """Newer articles holding the words elsewhere than in their title, more than
    MAX_RESULTS, and a newer title that differs by its subject."""
    monkeypatch.setattr(engines, "MAX_RESULTS", 3)
    for i in range(5):
        make_article(
            title=f"Les ARS lancent une concertation sur la permanence des soins, volet {i}",
            body="<p>Les déserts médicaux reviennent dans la concertation.</p>",
            published_at=ago(days=i + 1),
        )
    make_article(
        title="Les cliniques privées lancent une concertation sur les déserts médicaux",
        published_at=ago(hours=2),
    )


@pytest.mark.parametrize(
    "query",
    [
        "Les ARS lancent une concertation sur les déserts",  # a word dropped
        "Les ARS lancent une concertation sur médicaux déserts",  # two words swapped
        "concertation déserts médicaux ARS",  # the key words, in another order
    ],
)
def test_a_title_with_a_word_dropped_or_swapped_finds_an_old_article(
    client, make_article, look_alikes, query
):
    make_article(title=OLD_TITLE, published_at=ago(days=3000))
    assert found(client, q=query)[0] == OLD_TITLE


def test_a_title_with_a_word_changed_finds_an_old_article(
    client, make_article, look_alikes, postgresql_only
):
    make_article(title=OLD_TITLE, published_at=ago(days=3000))
    # "sanitaires" is in no article: every word could not match.
    assert found(client, q="Les ARS lancent une concertation sur les déserts sanitaires") == [
        OLD_TITLE
    ]


def test_a_near_title_never_shows_what_readers_may_not_see(client, make_article, postgresql_only):
    make_article(title=OLD_TITLE, status=Status.DRAFT)
    make_article(title=OLD_TITLE, published_at=ago(days=-1))
    make_article(title=OLD_TITLE, published_at=ago(days=10), unpublish_at=ago(days=1))
    assert found(client, q="Les ARS lancent une concertation sur les déserts sanitaires") == []


def test_a_near_title_obeys_the_filters(client, make_article, sections, postgresql_only):
    make_article(title=OLD_TITLE, section=sections["esante"], published_at=ago(days=3000))
    query = "Les ARS lancent une concertation sur les déserts sanitaires"
    assert found(client, q=query, rubrique="e-sante") == [OLD_TITLE]
    assert found(client, q=query, rubrique="financement-et-politiques-publiques") == []
    assert found(client, q=query, du="2020-01-01", au="2020-12-31") == []


def test_a_title_two_words_away_is_not_a_near_title(client, make_article, postgresql_only):
    make_article(title="Les ARS lancent une concertation sur la permanence des soins")
    assert found(client, q=OLD_TITLE) == []


def test_a_near_title_ranks_above_a_newer_title_that_is_farther(
    client, make_article, look_alikes, postgresql_only
):
    # Both titles hold every word of the query; the old one is the closer.
    make_article(title=OLD_TITLE, published_at=ago(days=3000))
    result = found(client, q="Les ARS lancent concertation sur déserts médicaux")
    assert result[0] == OLD_TITLE


@pytest.mark.parametrize("window", [2, 50])
def test_common_words_rank_the_most_recent_heads(
    client, make_article, monkeypatch, postgresql_only, window
):
    from search import postgres

    # The word in every head: only the `window` most recent heads are ranked, and
    # the title matches among them still come before the mentions.
    monkeypatch.setattr(postgres, "head_statistics", lambda: ({"dialys": 1.0}, 10**6))
    monkeypatch.setattr(postgres, "HEAD_WINDOW", window)
    monkeypatch.setattr(engines, "MAX_RESULTS", 3)
    for i in range(4):
        make_article(title=f"Brève {i}", body="<p>La dialyse.</p>", published_at=ago(hours=i))
    make_article(title="La dialyse à domicile", published_at=ago(hours=1, minutes=30))
    assert found(client, q="dialyse")[0] == "La dialyse à domicile"
