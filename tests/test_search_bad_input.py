"""Whatever readers type in the search form, they get a normal page, never a 500."""

import time

import pytest

from authors.models import Author
from tests.helpers import shown_html

ODD_QUERIES = [
    "",
    "   ",
    '"',
    "'",
    '"santé',
    'santé"\'"',
    "&|!:*()",
    "sante:*",
    "!!! ((( )))",
    "<->",
    "a <2> b",
    '"l\'hôpital public" -"santé mentale" e-santé',
    "'''' '' '",
    "- - -",
    "-santé",
    "or",
    "santé or",
    "' OR 1=1; DROP TABLE articles_article; --",
    "%_\\",
    "😷💉🏥",
    "le la les de",
    "\u202e\u200b\ufeff",
    "\ue000hôpital\ue001",
    "a" * 500,
    "hôpital " * 1250,  # 10 000 characters
]


TITLE = "La santé à l'hôpital"
TITLE_HTML = shown_html(TITLE)  # as the page writes it: "l’hôpital" (French typography)


@pytest.fixture
def article(make_article):
    return make_article(title=TITLE, tags=["Hôpital"])


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_give_a_normal_page(client, article, query):
    started = time.monotonic()
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    assert time.monotonic() - started < 5
    page = response.content.decode()
    assert '<h1 class="page-title">Recherche</h1>' in page
    # Either the results (or their absence) for the query, or the invitation to type one.
    searched = 'class="page-intro search-summary"' in page
    assert searched != ("Saisissez un ou plusieurs mots pour rechercher" in page), query
    if searched:
        assert (TITLE_HTML in page) != ("Aucun résultat" in page), query
    if "<" in query:  # echoed escaped, never as markup
        assert query.strip() not in page


def test_nul_bytes_are_refused_before_the_search(client, article):
    # Site-wide rule (newsroom.middleware): a NUL byte is a 400, never a 500.
    response = client.get("/recherche/", {"q": "\x00santé"})
    assert response.status_code == 400
    assert response.content.decode() == "Requête invalide."
    assert TITLE_HTML not in response.content.decode()


def test_huge_query_is_cut_and_the_reader_told(client, article):
    response = client.get("/recherche/", {"q": "hôpital " * 1250})
    page = response.content.decode()
    assert TITLE_HTML in page
    echoed = page.split("pour « ", 1)[1].split(" »", 1)[0]
    assert len(echoed) <= 300
    assert "Votre recherche dépassait 300 caractères" in page


def test_a_query_within_the_bound_is_not_said_to_be_cut(client, article):
    page = client.get("/recherche/", {"q": "hôpital " * 37}).content.decode()
    assert TITLE_HTML in page
    assert "dépassait" not in page


def test_only_stop_words_says_so(client, article):
    page = client.get("/recherche/", {"q": "le la les de"}).content.decode()
    assert "Aucun résultat" in page
    assert "mots trop courants" in page


@pytest.mark.parametrize(
    "params, error",
    [
        ({"rubrique": "rubrique-inconnue"}, "Sélectionnez un choix valide"),
        ({"tag": "inconnu"}, "Aucun mot-clé ne porte ce nom."),
        ({"tag": "x" * 300}, "Assurez-vous que cette valeur comporte au plus 200"),
        ({"auteur": "personne"}, "Sélectionnez un choix valide"),
        ({"du": "2024-13-45"}, "Saisissez une date valide"),
        ({"au": "hier"}, "Saisissez une date valide"),
        ({"du": "0001-01-01"}, "Saisissez une date entre 1900 et 2200"),
        ({"au": "9999-12-31"}, "Saisissez une date entre 1900 et 2200"),
        ({"du": "2025-06-01", "au": "2025-01-01"}, "Cette date précède la date de début."),
        ({"tri": "n'importe quoi"}, "Sélectionnez un choix valide"),
    ],
)
def test_invalid_filters_are_shown_and_ignored(client, article, params, error):
    response = client.get("/recherche/", {"q": "santé", **params})
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert "Ce filtre n'a pas été appliqué." in page
    # The search itself still runs, without the invalid filter.
    assert TITLE_HTML in page


def test_repeated_and_unknown_parameters(client, article):
    response = client.get("/recherche/?q=santé&q=hôpital&rubrique=&inconnu=1&tri=date&tri=x")
    assert response.status_code == 200
    page = response.content.decode()
    # The last value counts, as everywhere in Django: the search is for « hôpital »…
    assert "1 résultat pour « hôpital »" in page
    assert TITLE_HTML in page
    # …and the last order, « x », is refused and said so; the unknown parameter is ignored.
    assert "Sélectionnez un choix valide. x n’en fait pas partie." in page
    assert "Ce filtre n'a pas été appliqué." in page


def test_valid_filters_still_apply_next_to_invalid_ones(client, article, make_article):
    other = Author.objects.create(name="Marc Petit")
    make_article(title="La santé des internes", authors=[other])
    page = client.get(
        "/recherche/", {"q": "santé", "auteur": other.slug, "du": "pas une date"}
    ).content.decode()
    assert "La santé des internes" in page
    assert TITLE_HTML not in page


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99", "1.5", "²"])
def test_page_numbers_out_of_range_are_404(client, article, page):
    response = client.get("/recherche/", {"q": "santé", "page": page})
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
