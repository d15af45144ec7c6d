"""A reader who pastes an article's exact title finds that article first, whatever its
age, on PostgreSQL and on the SQLite fallback alike; never an article readers may not
see, never one the filters leave out.

The newer look-alikes below match every word of the title and outnumber MAX_RESULTS:
before, the old article was not even among the candidates (the most recent matches).
"""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Status
from search import engines
from tests.helpers import ago, shown

TITLE = re.compile(r'<h2 class="card__title"><a href="[^"]*">(.*?)</a></h2>', re.S)

OLD_TITLE = "Le numérique s’ancre à l’hôpital : les établissements publics accélèrent"


@pytest.fixture
def look_alikes(make_article, monkeypatch):
    """Five recent articles holding every word of OLD_TITLE, more than MAX_RESULTS."""
    monkeypatch.setattr(engines, "MAX_RESULTS", 3)
    for i in range(5):
        make_article(
            title=f"Le numérique à l’hôpital, volet {i}",
            body="<p>Les établissements publics accélèrent ; le numérique s’ancre.</p>",
            published_at=ago(days=i + 1),
        )


def search(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return response


def found(client, **params):
    """The titles of the results, as the reader reads them (French typography)."""
    return [html.unescape(t) for t in TITLE.findall(search(client, **params).content.decode())]


def test_an_old_article_comes_first_for_its_exact_title(client, make_article, look_alikes):
    make_article(title=OLD_TITLE, published_at=ago(days=3650))
    assert found(client, q=OLD_TITLE)[0] == shown(OLD_TITLE)


def test_a_recent_article_comes_first_for_its_exact_title(client, make_article, look_alikes):
    make_article(title=OLD_TITLE, published_at=ago(minutes=5))
    assert found(client, q=OLD_TITLE)[0] == shown(OLD_TITLE)


def test_case_accents_and_punctuation_of_the_paste_do_not_matter(client, make_article, look_alikes):
    make_article(title="Santé mentale : l’œuvre des soignants", published_at=ago(days=4000))
    for paste in (
        "sante mentale l'oeuvre des soignants",
        "  SANTÉ MENTALE — L’ŒUVRE DES SOIGNANTS ! ",
    ):
        assert found(client, q=paste)[0] == shown("Santé mentale : l’œuvre des soignants"), paste


def test_titles_that_read_as_search_syntax_or_stop_words(client, make_article):
    # "-3 %" reads as an exclusion, and this title is only stop-words: pasted whole,
    # each still finds its article.
    make_article(title="Ondam 2025 : -3 % pour les hôpitaux", published_at=ago(days=900))
    make_article(title="Où en est-on ?", published_at=ago(days=900))
    assert found(client, q="Ondam 2025 : -3 % pour les hôpitaux") == [
        shown("Ondam 2025 : -3 % pour les hôpitaux")
    ]
    assert found(client, q="Où en est-on ?") == [shown("Où en est-on ?")]


def test_an_excluded_word_is_search_syntax_not_a_title(client, make_article):
    make_article(title="Financement hôpital", published_at=ago(days=10))
    make_article(title="Santé", published_at=ago(days=10))
    assert found(client, q="financement -hôpital") == []
    assert found(client, q="-santé") == []


def test_a_title_match_never_shows_what_readers_may_not_see(client, make_article):
    make_article(title=OLD_TITLE, status=Status.DRAFT)
    make_article(title=OLD_TITLE, status=Status.PUBLISHED, published_at=ago(days=-1))
    make_article(title=OLD_TITLE, published_at=ago(days=10), unpublish_at=ago(days=1))
    page = search(client, q=OLD_TITLE).content.decode()
    assert "Aucun résultat" in page


def test_a_title_match_obeys_the_filters(client, make_article, sections, look_alikes):
    make_article(title=OLD_TITLE, section=sections["esante"], published_at=ago(days=3000))
    assert shown(OLD_TITLE) not in found(
        client, q=OLD_TITLE, rubrique="financement-et-politiques-publiques"
    )
    assert found(client, q=OLD_TITLE, rubrique="e-sante") == [shown(OLD_TITLE)]
    assert shown(OLD_TITLE) not in found(client, q=OLD_TITLE, du="2020-01-01", au="2020-12-31")


def test_sorted_by_date_a_title_match_takes_its_place_by_date(client, make_article):
    make_article(title=OLD_TITLE, published_at=ago(days=3650))
    make_article(title=f"{OLD_TITLE} (suite)", published_at=ago(days=1))
    assert found(client, q=OLD_TITLE, tri="date") == [
        shown(f"{OLD_TITLE} (suite)"),
        shown(OLD_TITLE),
    ]


def test_same_title_twice_newest_first_then_the_others(client, make_article, look_alikes):
    make_article(title=OLD_TITLE, published_at=ago(days=3000))
    make_article(title=OLD_TITLE, published_at=ago(days=2000))
    # MAX_RESULTS (3) in all: the two titles, then the best of the rest.
    assert found(client, q=OLD_TITLE) == [
        shown(OLD_TITLE),
        shown(OLD_TITLE),
        shown("Le numérique à l’hôpital, volet 0"),
    ]


def test_a_title_paste_costs_a_constant_number_of_queries(client, make_article, look_alikes):
    def count():
        with CaptureQueriesContext(connection) as queries:
            search(client, q=OLD_TITLE)
        return len(queries)

    make_article(title=OLD_TITLE, published_at=ago(days=3000), tags=["Numérique"])
    search(client, q=OLD_TITLE)  # PostgreSQL's word statistics, read every few minutes
    few = count()
    for i in range(10):
        make_article(title=OLD_TITLE, published_at=ago(days=100 + i), tags=[f"Tag {i}"])
    assert count() == few
