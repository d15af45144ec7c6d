"""Autosave on the add page: the first autosave creates the article as a draft, as a
normal add would, and the page goes on as that draft's change form."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from django.templatetags.static import static

from articles.models import Article, Status
from articles.revisions import saved_versions
from tests.helpers import ADD_URL, form_values, logged_in
from tests.test_admin_articles import form_errors
from tests.test_autosave import autosave, autosaves_of

ADD_AUTOSAVE_URL = f"{ADD_URL}autosave/"


@pytest.fixture
def new_page(journalist_client, sections):
    """The add page, filled in as far as the first autosave needs."""
    data = form_values(journalist_client, ADD_URL)
    return data | {
        "title": ["Les urgences sous tension"],
        "standfirst": ["Un hiver difficile."],
        "body": ["<p>Premier paragraphe.</p>"],
        "section": [str(sections["politique"].pk)],
    }


def test_the_add_page_autosaves_to_the_add_url(journalist_client, sections):
    html = journalist_client.get(ADD_URL).content.decode()
    assert f'data-url="{ADD_AUTOSAVE_URL}" data-add' in html
    assert static("articles/admin/autosave.js") in html


def test_the_first_autosave_creates_a_draft_like_a_normal_add(
    journalist_client, journalist, new_page
):
    response = journalist_client.post(ADD_AUTOSAVE_URL, new_page)

    assert response.status_code == 200
    body = response.json()
    article = Article.objects.get()
    assert body["created"] is True
    assert body["change_url"] == f"/admin/articles/article/{article.pk}/change/"
    assert body["autosave_url"] == f"/admin/articles/article/{article.pk}/autosave/"
    assert body["version"] == article.version
    assert (article.title, article.created_by, article.status) == (
        "Les urgences sous tension", journalist, Status.DRAFT,
    )  # fmt: skip
    assert article.slug == "les-urgences-sous-tension"
    [version] = saved_versions(article)
    assert version.revision.comment == "Création du brouillon (enregistrement automatique)"
    assert LogEntry.objects.filter(object_id=str(article.pk), action_flag=ADDITION).exists()


def test_the_page_then_saves_as_the_drafts_change_form(
    journalist_client, journalist, new_page, author
):
    new_page |= {"bylines-0-author": [str(author.pk)], "bylines-0-position": ["0"]}
    created = journalist_client.post(ADD_AUTOSAVE_URL, new_page).json()
    article = Article.objects.get()
    # What autosave.js does: the form now posts to the change form, with the version.
    page = new_page | {"article_version": [str(created["version"])]}

    later = autosave(journalist_client, article, page, body="<p>Deuxième paragraphe.</p>")
    assert later.json()["conflict"] is False
    response = journalist_client.post(
        created["change_url"], page | {"title": ["Les urgences sous tension cet hiver"]}
    )

    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.title == "Les urgences sous tension cet hiver"
    # The byline form of the add page was left to this save: one byline, not two.
    assert [b.author for b in article.bylines.all()] == [author]
    assert autosaves_of(article) == []
    assert Article.objects.count() == 1


def test_an_incomplete_new_article_is_not_created(journalist_client, new_page):
    response = journalist_client.post(ADD_AUTOSAVE_URL, new_page | {"section": [""]})
    assert response.status_code == 400
    assert "Rubrique : Ce champ est obligatoire." in response.json()["errors"]
    assert not Article.all_objects.exists()


def test_a_journalist_cannot_create_a_featured_article_by_autosave(journalist_client, new_page):
    response = journalist_client.post(ADD_AUTOSAVE_URL, new_page | {"featured": ["on"]})
    assert response.status_code == 400
    assert not Article.all_objects.exists()


def test_an_autosave_cannot_submit_the_new_article(journalist_client, new_page):
    response = journalist_client.post(ADD_AUTOSAVE_URL, new_page | {"_transition": ["submit"]})
    assert response.status_code == 400
    assert not Article.all_objects.exists()


def test_no_add_permission_no_article(django_user_model, new_page):
    user = django_user_model.objects.create_user(username="relectrice", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_article"))
    response = logged_in(user).post(ADD_AUTOSAVE_URL, new_page)
    assert response.status_code == 403
    assert not Article.all_objects.exists()


def test_a_retried_first_autosave_does_not_create_a_second_draft(
    journalist_client, new_page, django_capture_on_commit_callbacks
):
    """The answer to the first autosave was lost: the page sends it again (same page id).
    It gets the draft already created, not a new one."""
    new_page |= {"_autosave_tab": ["2f6c2b1e-8a43-4c57-9d2e-5b7a9c1d3e4f"]}
    with django_capture_on_commit_callbacks(execute=True):
        first = journalist_client.post(ADD_AUTOSAVE_URL, new_page).json()
    again = journalist_client.post(ADD_AUTOSAVE_URL, new_page).json()

    assert Article.objects.count() == 1
    assert again["created"] is True and again["change_url"] == first["change_url"]
    # Another page (another id) is another article.
    other = new_page | {"_autosave_tab": ["9a9c2b1e-8a43-4c57-9d2e-5b7a9c1d3e4f"]}
    with django_capture_on_commit_callbacks(execute=True):
        journalist_client.post(ADD_AUTOSAVE_URL, other)
    assert Article.objects.count() == 2


def test_a_page_id_cannot_hand_over_a_colleagues_draft(
    journalist_client,
    other_journalist_client,
    other_journalist,
    new_page,
    django_capture_on_commit_callbacks,
):
    tab = {"_autosave_tab": ["3f6c2b1e-8a43-4c57-9d2e-5b7a9c1d3e4f"]}
    with django_capture_on_commit_callbacks(execute=True):
        journalist_client.post(ADD_AUTOSAVE_URL, new_page | tab)
    data = form_values(other_journalist_client, ADD_URL) | {
        key: new_page[key] for key in ("title", "standfirst", "body", "section")
    }
    with django_capture_on_commit_callbacks(execute=True):
        answer = other_journalist_client.post(ADD_AUTOSAVE_URL, data | tab).json()
    # The key is per user: the colleague's page creates their own draft.
    assert Article.objects.count() == 2
    pk = int(answer["change_url"].rstrip("/").split("/")[-2])
    assert Article.objects.get(pk=pk).created_by == other_journalist
