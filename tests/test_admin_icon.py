"""Admin pages name the site's icon, so browsers don't ask for /favicon.ico (a 404)."""

import pytest
from django.templatetags.static import static

from tests.helpers import logged_in


def icon():
    # Production's hashed name (tests/settings.py); read once collectstatic has run.
    return f'<link rel="icon" href="{static("img/favicon.svg")}" type="image/svg+xml">'


@pytest.mark.django_db
def test_login_page_names_the_icon(client):
    assert icon() in client.get("/admin/login/").content.decode()


def test_admin_pages_name_the_icon_once(editor, make_article):
    article = make_article()
    client = logged_in(editor)
    for url in (
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
    ):
        assert client.get(url).content.decode().count(icon()) == 1, url
