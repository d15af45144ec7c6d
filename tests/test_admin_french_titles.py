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


def test_change_page_says_modifier_or_consulter(editor_client, journalist_client, make_article):
    """« Modifier l'article » for who may change it, « Consulter l'article » for who may
    only read it (a journalist on a published article) — never « Affichage de article »."""
    article = make_article(title="Budget de la Sécu", status="published")
    url = f"/admin/articles/article/{article.pk}/change/"
    _, heading, html = titles(editor_client.get(url))
    assert "Modifier l'article" in heading or "Modifier l&#x27;article" in heading
    _, heading, html = titles(journalist_client.get(url))
    assert "Consulter l" in heading, heading
    assert "Affichage de" not in html and "Modification de" not in html


def test_the_tags_are_listed_as_mots_cles(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert re.search(r'<a href="/admin/taggit/tag/"[^>]*>Mots-clés</a>', html), "Tags"
    assert ">Tags<" not in html


def test_saving_says_so_in_plain_french(editor_client, sections):
    """Not « L'objet article « … » a été ajouté avec succès » (locale/fr/ catalogue)."""
    response = editor_client.post(
        "/admin/articles/section/add/",
        {"name": "Hôpital numérique", "slug": "hopital-numerique", "position": 0, "_continue": "1"},
        follow=True,
    )
    messages = [re.sub(r"<[^>]+>", "", str(m)) for m in response.context["messages"]]
    assert messages == [
        "Enregistrement effectué : rubrique « Hôpital numérique ». "
        "Vous pouvez continuer ci-dessous."
    ], messages


def test_inline_add_links_do_not_say_objet_supplementaire(editor_client):
    html = editor_client.get("/admin/articles/article/add/").content.decode()
    assert "supplémentaire" not in html
    assert "Ajouter : Ressource" in html or "Ajouter : ressource" in html
