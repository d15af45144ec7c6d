"""One-line names typed in the admin refuse line breaks and control characters.

Titles, section and author names, tag names, alt texts and credits reach feeds,
sitemaps, e-mail subjects and <title>: a "\\x01" there made /sitemap-news.xml unreadable.
Whoever types one (journalist or editor, in a form or a forged POST) gets a form error
in French, and nothing is saved.
"""

import pytest
from taggit.models import Tag

from articles.models import Article, Section, Status
from authors.models import Author
from tests.helpers import ADD_URL, change_url, logged_in_reporting_500s
from tests.test_admin_articles import article_form_data

MESSAGE = "Ce champ tient sur une ligne"
# What each would do elsewhere: a header injection, an XML 1.0 error, a hidden break.
BAD = ["Budget\n2026", "Budget\r\n2026", "Budget\x012026", "Budget\u20282026", "Bud\x7fget"]


def refused(response):
    assert response.status_code == 200, response.status_code  # the form again, no redirect
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize("role", ["journalist", "editor"])
@pytest.mark.parametrize("title", BAD)
def test_article_title_on_one_line(request, role, sections, title):
    client = logged_in_reporting_500s(request.getfixturevalue(role))
    refused(client.post(ADD_URL, article_form_data(sections["politique"], title=title)))
    assert not Article.all_objects.exists()


@pytest.mark.parametrize("tags", ["hôpital, fusion\x01chu", '"fusion\nchu", hôpital', "a\u2029b"])
def test_tag_typed_on_an_article_on_one_line(journalist, sections, tags):
    client = logged_in_reporting_500s(journalist)
    refused(client.post(ADD_URL, article_form_data(sections["politique"], tags=tags)))
    assert not Article.all_objects.exists()
    assert not Tag.objects.exists()


def test_change_of_a_title_keeps_the_stored_one(journalist, make_article):
    article = make_article(title="Titre sage", status=Status.DRAFT, created_by=journalist)
    client = logged_in_reporting_500s(journalist)
    data = article_form_data(article.section, article=article, title="Titre\x0b piégé")
    refused(client.post(change_url(article), data))
    article.refresh_from_db()
    assert article.title == "Titre sage"
    # The same form with a clean title saves: the check is not a blanket refusal.
    data["title"] = "Titre corrigé"
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title == "Titre corrigé"


def test_hero_caption_on_one_line(editor, sections):
    data = article_form_data(sections["politique"], hero_caption="Légende\x1b[31m")
    refused(logged_in_reporting_500s(editor).post(ADD_URL, data))
    assert not Article.all_objects.exists()


@pytest.mark.parametrize("name", BAD)
def test_section_name_on_one_line(editor, sections, name):
    before = Section.objects.count()
    response = logged_in_reporting_500s(editor).post(
        "/admin/articles/section/add/", {"name": name, "slug": "budget", "position": 0}
    )
    refused(response)
    assert Section.objects.count() == before


@pytest.mark.parametrize("field", ["name", "job_title"])
def test_author_name_and_title_on_one_line(editor, db, field):
    data = {"name": "Jeanne Martin", "slug": "", "job_title": ""} | {field: "Jeanne\x00Martin"}
    refused(logged_in_reporting_500s(editor).post("/admin/authors/author/add/", data))
    assert not Author.objects.exists()


@pytest.mark.parametrize("name", BAD)
def test_tag_admin_name_on_one_line(editor, db, name):
    refused(
        logged_in_reporting_500s(editor).post(
            "/admin/taggit/tag/add/", {"name": name, "slug": "budget"}
        )
    )
    assert not Tag.objects.exists()


@pytest.mark.parametrize("field", ["alt_text", "credit"])
def test_image_alt_text_and_credit_on_one_line(editor, make_library_image, field):
    image = make_library_image()
    data = {
        "alt_text": "Couloir d'un hôpital", "caption": "Une légende\nsur deux lignes",
        "credit": "Rédaction", "focal_x": "0.5", "focal_y": "0.5",
    } | {field: "Couloir\x08 d'un hôpital"}  # fmt: skip
    client = logged_in_reporting_500s(editor)
    refused(client.post(f"/admin/images/image/{image.pk}/change/", data))
    image.refresh_from_db()
    assert (image.alt_text, image.credit) == ("Couloir d'un hôpital", "Rédaction")
    # A caption may break lines; clean values save.
    data[field] = "Couloir d'un hôpital" if field == "alt_text" else "AFP"
    assert client.post(f"/admin/images/image/{image.pk}/change/", data).status_code == 302
    image.refresh_from_db()
    assert "\n" in image.caption
