"""Related articles: a journalist can neither pick nor see a colleague's unpublished work."""

import pytest

from articles.models import Article, Status
from tests.helpers import change_url, logged_in
from tests.test_admin_articles import article_form_data, form_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(make_article, journalist, other_journalist):
    mine = make_article(title="Mon brouillon", status=Status.DRAFT, created_by=journalist)
    theirs = make_article(
        title="Scoop confidentiel du collègue", status=Status.DRAFT, created_by=other_journalist
    )
    return mine, theirs


def test_a_forged_id_of_a_colleagues_draft_is_refused(journalist, drafts, make_article):
    mine, theirs = drafts
    public = make_article(title="Article publié")
    data = article_form_data(mine.section, article=mine)
    data["related_articles"] = [str(public.pk), str(theirs.pk)]

    response = logged_in(journalist).post(change_url(mine), data)

    assert response.status_code == 200
    assert "related_articles" in response.context["adminform"].form.errors
    assert theirs.title not in response.content.decode()
    assert not mine.related_articles.exists()


def test_a_published_article_may_be_linked(journalist, drafts, make_article):
    mine, _ = drafts
    public = make_article(title="Article publié")
    data = article_form_data(mine.section, article=mine) | {"related_articles": str(public.pk)}
    response = logged_in(journalist).post(change_url(mine), data)
    assert response.status_code == 302, form_errors(response)
    assert list(mine.related_articles.all()) == [public]


def test_an_editors_link_to_a_hidden_draft_is_neither_shown_nor_lost(journalist, drafts):
    mine, theirs = drafts
    mine.related_articles.add(theirs)  # an editor's choice
    client = logged_in(journalist)

    page = client.get(change_url(mine))
    assert page.status_code == 200
    assert theirs.title not in page.content.decode()

    # The journalist's form cannot carry it: saving keeps it all the same.
    data = article_form_data(mine.section, article=mine, title="Mon brouillon relu")
    response = client.post(change_url(mine), data)
    assert response.status_code == 302, form_errors(response)
    mine.refresh_from_db()
    assert mine.title == "Mon brouillon relu"
    assert list(mine.related_articles.all()) == [theirs]
    assert Article.objects.get(pk=theirs.pk).title == "Scoop confidentiel du collègue"
