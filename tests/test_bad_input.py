"""Unknown addresses and odd parameters get a French 404, never a 500."""

import pytest


@pytest.fixture
def article(make_article):
    return make_article(title="Le PLFSS adopté", tags=["plfss"])


def assert_french_404(response):
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/rubrique-inconnue/",
        "/financement-et-politiques-publiques/article-inconnu/",
        "/financement-et-politiques-publiques/politique-de-sante/inconnu/",
        "/financement-et-politiques-publiques/politique-de-sante/a/b/c/",
        "/tags/inconnu/",
        "/auteurs/personne/",
        "/%C3%A9t%C3%A9/",
        "/..%2F..%2Fetc/passwd/",
    ],
)
def test_unknown_addresses(client, sections, url):
    assert_french_404(client.get(url))


def test_article_under_wrong_section_path(client, article, sections):
    assert client.get(article.get_absolute_url()).status_code == 200
    wrong = f"/{sections['esante'].path}/{article.slug}/"
    assert_french_404(client.get(wrong))
    # The parent section alone is not the article's address either.
    assert_french_404(client.get(f"/{sections['financement'].path}/{article.slug}/"))


@pytest.mark.parametrize(
    "page", ["0", "-1", "abc", "2", "99999999999999999999", "1.5", " 1", "²", "１", ""]
)
@pytest.mark.parametrize(
    "url", ["/financement-et-politiques-publiques/", "/tags/plfss/", "/auteurs/claire-dubois/"]
)
def test_page_numbers_out_of_range_or_not_numbers(client, article, url, page):
    response = client.get(url, {"page": page})
    if page == "":
        assert response.status_code == 200
    else:
        assert_french_404(response)


def test_first_page_exists_even_when_empty(client, sections):
    response = client.get("/e-sante/", {"page": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aucun article publié dans cette rubrique pour le moment." in html
    assert "Page introuvable" not in html


@pytest.mark.parametrize(
    "url", ["/a%00b/", "/financement-et-politiques-publiques/?page=%00", "/tags/x/?%00=1"]
)
def test_nul_bytes_are_a_bad_request_not_a_500(client, sections, url):
    # PostgreSQL refuses NUL in text: without the guard this reaches a lookup and fails.
    response = client.get(url)
    assert response.status_code == 400
    # A short plain-text answer (newsroom.middleware), before any page is built.
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == "Requête invalide."
