"""The trash's detail page reads in French when an article had no byline nor tag.

The second tour's screenshots showed « Signatures : None » and « Mots-clés : None »: the
admin prints a read-only callable's None as is (only lists use the empty placeholder).
"""

import pytest
from django.contrib.auth.models import Group

from articles import trash
from articles.models import ArticleAuthor
from newsroom import roles
from tests.helpers import TRASH_URL, logged_in
from tests.security.payloads import parse_html

pytestmark = pytest.mark.django_db


def detail(editor, article):
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    trash.trash_articles([article], editor)
    response = logged_in(editor).get(f"{TRASH_URL}{article.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def field_text(page, name):
    (row,) = parse_html(page).xpath(
        f"//div[contains(@class, 'field-{name}')]//div[contains(@class, 'readonly')]"
    )
    return row.text_content().strip()


def test_no_byline_nor_tag_reads_in_french(editor, make_article):
    # No creator either (an article imported, or its account deleted since).
    article = make_article(title="Sans signature ni mot-clé", created_by=None)
    ArticleAuthor.objects.filter(article=article).delete()
    page = detail(editor, article)
    assert field_text(page, "bylines_display") == "Aucune signature"
    assert field_text(page, "tags_display") == "Aucun mot-clé"
    assert ">None<" not in page


def test_bylines_and_tags_listed(editor, make_article, author):
    article = make_article(title="Signé et classé", tags=["PLFSS", "hôpital"])
    page = detail(editor, article)
    assert field_text(page, "bylines_display") == author.name
    assert field_text(page, "tags_display") == "hôpital, PLFSS"
