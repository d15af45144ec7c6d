"""Long queries are searched whole, up to a bound any title fits in; past it the
reader is told what was searched (tests/test_search_bad_input.py has the huge query).
"""

import html
import re

from django.template.loader import render_to_string

from articles.models import Article
from search.normalize import MAX_QUERY_LENGTH
from tests.helpers import ago

TITLE = re.compile(r'<h2 class="card__title"><a href="[^"]*">(.*?)</a></h2>', re.S)
WORDS = "dialyse rénale pédiatrique hospitalisation domicile infirmière coordinatrice réseau"


def found(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return [html.unescape(t) for t in TITLE.findall(response.content.decode())]


def test_every_word_of_a_long_query_counts(client, make_article):
    # The same eight words, and a ninth that tells them apart (it used to be dropped).
    make_article(title="Premier", body=f"<p>{WORDS} bretonne.</p>", published_at=ago(days=2))
    make_article(title="Second", body=f"<p>{WORDS} normande.</p>", published_at=ago(days=1))
    assert found(client, q=f"{WORDS} bretonne") == ["Premier"]
    assert found(client, q=f"{WORDS} normande") == ["Second"]


def test_the_longest_title_is_searched_whole(client, make_article):
    title = ("Financement des hôpitaux publics " * 8)[:254].strip()
    assert len(title) > 250
    make_article(title=title, published_at=ago(days=2000))
    make_article(title="Financement des hôpitaux publics", published_at=ago(hours=1))
    response = client.get("/recherche/", {"q": title})
    page = response.content.decode()
    assert [html.unescape(t) for t in TITLE.findall(page)][0] == title
    assert "dépassait" not in page


def test_search_inputs_accept_the_whole_bound():
    # A browser cuts a paste at maxlength, silently: both inputs take the whole bound.
    header = render_to_string("search/_header_form.html", {})
    assert f'maxlength="{MAX_QUERY_LENGTH}"' in header
    assert Article._meta.get_field("title").max_length <= MAX_QUERY_LENGTH


def test_results_form_accepts_the_whole_bound(client, make_article):
    make_article(title="Dialyse")
    page = client.get("/recherche/", {"q": "dialyse"}).content.decode()
    assert f'id="id_q" value="dialyse" maxlength="{MAX_QUERY_LENGTH}"' in page
