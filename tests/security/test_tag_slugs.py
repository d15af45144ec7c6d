"""A tag typed by a journalist with no letter nor digit ("🩺", "!!!", "{{") never breaks
a page.

Found by the stored-XSS suite: taggit slugifies such a name to "", and every template
that links to the tag (``{% url 'articles:tag' tag.slug %}``) then raises NoReverseMatch,
a 500 on the public article page, its share-link preview and the staff preview. The tag
must either be refused with a form error (nothing saved) or get a usable slug.
"""

import pytest
from taggit.models import Tag

from articles.models import Article, Status
from tests.helpers import ADD_URL, logged_in_reporting_500s
from tests.test_admin_articles import article_form_data

SYMBOL_TAGS = ["🩺", "!!!", "{{", "—"]


# A 500 (the NoReverseMatch found) is a status to assert on, not a traceback.
pytestmark = pytest.mark.reporting_500s


@pytest.mark.parametrize("name", SYMBOL_TAGS)
def test_a_symbol_only_tag_is_refused_or_gets_a_slug(journalist_client, journalist, sections,
                                                     name):  # fmt: skip
    data = article_form_data(sections["politique"], title="Un article étiqueté", tags=name)
    response = journalist_client.post(ADD_URL, data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        # Refused: the reason is shown, nothing saved.
        assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()
        assert not Article.objects.exists()
        return
    assert all(tag.slug for tag in Tag.objects.all()), list(Tag.objects.values("name", "slug"))


@pytest.mark.parametrize("name", SYMBOL_TAGS)
def test_pages_of_an_article_with_a_symbol_only_tag_answer(make_article, editor, name):
    article = make_article(title="Article étiqueté", status=Status.PUBLISHED)
    article.tags.add(name)
    client = logged_in_reporting_500s()
    for url in ["/", article.get_absolute_url(), "/recherche/?q=etiquete", "/flux/"]:
        assert client.get(url).status_code == 200, url
    client.force_login(editor)
    for url in [
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/apercu/",
    ]:
        assert client.get(url).status_code == 200, url
