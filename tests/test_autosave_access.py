"""Autosave and the staff policy: a journalist autosaves only what they may change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Status
from tests.helpers import change_url, logged_in, title_in_form
from tests.test_admin_articles import article_form_data
from tests.test_autosave import autosave, autosave_url, autosaves_of, opened


def posted(article, **fields):
    data = article_form_data(article.section, article=article, **fields)
    return {key: [value] for key, value in data.items()}


def test_a_colleagues_draft_is_a_404_and_nothing_is_kept(
    make_article, journalist_client, other_journalist
):
    theirs = make_article(
        title="Enquête du collègue", status=Status.DRAFT, created_by=other_journalist
    )
    response = autosave(journalist_client, theirs, posted(theirs, title="Piraté"))
    assert response.status_code == 404
    assert "Enquête" not in response.content.decode()
    assert autosaves_of(theirs) == []
    # Nor is its autosave, guessed by id, dropped or shown to someone else.
    owner = logged_in(other_journalist)
    autosave(owner, theirs, opened(owner, theirs), title="Jet du collègue")
    [kept] = autosaves_of(theirs)
    ignore = journalist_client.post(
        f"{autosave_url(theirs)}ignorer/", {"revision": kept.revision_id}
    )
    assert ignore.status_code == 404
    assert autosaves_of(theirs) == [kept]


def test_an_article_an_editor_scheduled_meanwhile_is_refused(make_article, journalist):
    draft = make_article(title="Brouillon", status=Status.DRAFT, created_by=journalist)
    client = logged_in(journalist)
    data = opened(client, draft)
    draft.status, draft.published_at = Status.SCHEDULED, timezone.now() + timedelta(days=1)
    draft.save()

    response = autosave(client, draft, data, title="Ma version")

    assert response.status_code == 403
    assert "Vous ne pouvez pas modifier cet article" in response.json()["message"]
    assert autosaves_of(draft) == []
    assert Article.objects.get(pk=draft.pk).title == "Brouillon"


def test_someone_who_may_only_read_articles_cannot_autosave(make_article, django_user_model):
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user(username="lectrice-staff", is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename="view_article"))
    article = make_article(title="Article publié")
    response = autosave(logged_in(reader), article, posted(article, title="Autre"))
    assert response.status_code == 403
    assert autosaves_of(article) == []


def test_taking_back_someone_elses_autosave_shows_nothing_of_it(
    make_article, journalist, editor_client, editor
):
    draft = make_article(
        title="Brouillon du journaliste", status=Status.DRAFT, created_by=journalist
    )
    autosave(editor_client, draft, opened(editor_client, draft), title="Jet de l'éditeur")
    [kept] = autosaves_of(draft, editor)
    response = logged_in(journalist).get(f"{change_url(draft)}?reprendre={kept.revision_id}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jet de l" not in html
    assert "Brouillon du journaliste" in html


@pytest.mark.parametrize("value", ["abc", "-1", "9" * 40, ""])
def test_a_malformed_revision_is_ignored(journalist_client, journalist, make_article, value):
    draft = make_article(title="Brouillon", status=Status.DRAFT, created_by=journalist)
    response = journalist_client.get(f"{change_url(draft)}?reprendre={value}")
    assert response.status_code == 200
    # The article's own saved text, as if the parameter were not there.
    assert title_in_form(response.content) == "Brouillon"
    ignore = journalist_client.post(f"{autosave_url(draft)}ignorer/", {"revision": value})
    assert ignore.status_code == 404
    assert autosaves_of(draft) == []
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Brouillon", Status.DRAFT)


def test_a_forged_cross_site_autosave_is_refused(journalist, make_article):
    draft = make_article(title="Brouillon", status=Status.DRAFT, created_by=journalist)
    client = logged_in(journalist, enforce_csrf_checks=True)
    data = posted(draft, title="Écrit par un autre site")
    data.pop("csrfmiddlewaretoken", None)
    assert client.post(autosave_url(draft), data).status_code == 403
    assert autosaves_of(draft) == []
