"""A forged id in an autocomplete field is a form error, never a 500.

Found on the served demo (H8's tour): the admin's autocomplete widgets re-render the
selected option by querying ``pk__in=<posted values>``, so "abc" (ValueError) or an id
beyond the database's integers (OverflowError on SQLite, out of range on PostgreSQL)
posted in section, hero image, related articles, a byline's author, a section's parent
or an author's photo turned the redisplayed form into a 500.
"""

import pytest

from articles.models import Article, Section
from authors.models import Author
from tests.helpers import ADD_URL, logged_in_reporting_500s, page_text
from tests.test_admin_articles import article_form_data

BAD_IDS = ["abc", "99999999999999999999", "-1", "1.5", "1e3", " "]


# Django's own messages, in French: a one-value field, and a many-values field.
NOT_A_CHOICE = "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."


def refusal(field, bad):
    """The message the form shows next to ``field`` for the forged id ``bad``."""
    if field != "related_articles":
        return NOT_A_CHOICE
    if bad == "-1":  # a well-formed id, of no article
        return "Sélectionnez un choix valide. -1 n’en fait pas partie."
    return f"«\N{NO-BREAK SPACE}{bad}\N{NO-BREAK SPACE}» n’est pas une valeur correcte."


def assert_form_error(response, message):
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert "errorlist" in html or "errornote" in html
    assert message in page_text(response), message


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("field", ["section", "hero_image", "related_articles", "bylines-0-author"])
def test_article_form_with_a_forged_id(journalist, sections, author, field, bad):
    data = article_form_data(sections["politique"], title="Un article", bylines=[(author, 0)])
    data[field] = bad
    assert_form_error(logged_in_reporting_500s(journalist).post(ADD_URL, data), refusal(field, bad))
    assert not Article.objects.exists()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_section_and_author_forms_with_a_forged_id(editor, sections, bad):
    client = logged_in_reporting_500s(editor)
    before = Section.objects.count()
    response = client.post(
        "/admin/articles/section/add/", {"name": "Rubrique", "slug": "rubrique", "parent": bad}
    )
    assert_form_error(response, NOT_A_CHOICE)
    assert Section.objects.count() == before
    response = client.post("/admin/authors/author/add/", {"name": "Nom", "photo": bad})
    assert_form_error(response, NOT_A_CHOICE)
    assert not Author.objects.filter(name="Nom").exists()
