"""The admin's titles in natural French (newsroom/admin_titles.py): « Nouvel article »,
« Choisir un article à modifier », a « Mots-clés » section — not Django's wording built
from the model's name (« Ajout de article », « Sélectionnez l'objet article à changer »)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def titles(response):
    html = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    return title, heading, html


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/admin/articles/article/add/", "Nouvel article"),
        ("/admin/articles/article/", "Choisir un article à modifier"),
        ("/admin/articles/section/add/", "Nouvelle rubrique"),
        ("/admin/taggit/tag/", "Choisir un mot-clé à modifier"),
        ("/admin/authors/author/add/", "Nouvel auteur"),
    ],
)
def test_pages_have_natural_french_titles(editor_client, url, expected):
    title, heading, html = titles(editor_client.get(url))
    assert title.startswith(expected) and expected in heading, (title, heading)
    assert "Ajout de" not in html and "Sélectionnez l" not in html


def test_the_tags_section_is_called_mots_cles(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "Mots-clés" in html
    assert "Taggit" not in html and "TAGGIT" not in html
