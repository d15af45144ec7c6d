"""The real « Journaliste » role (the group the migrations create) trashes its own drafts.

Deleting only moves an article to the trash, so the role holds delete_article; which
articles it may delete is access.staff.can_delete_article's decision.
"""

import pytest
from django.contrib.auth.models import Group

from articles.models import Article, Status
from newsroom import roles
from tests.helpers import delete_url, logged_in


@pytest.fixture
def role_journalist(django_user_model):
    user = django_user_model.objects.create_user(
        username="journaliste-du-groupe", password="motdepasse-de-test", is_staff=True
    )
    user.groups.add(Group.objects.get(name=roles.JOURNALIST))
    return user


def trashed(article):
    return Article.all_objects.get(pk=article.pk).deleted_at is not None


def test_the_journalist_role_trashes_its_own_draft(role_journalist, make_article):
    draft = make_article(status=Status.DRAFT, created_by=role_journalist)

    response = logged_in(role_journalist).post(delete_url(draft), {"post": "yes"})

    assert response.status_code == 302
    assert trashed(draft)


@pytest.mark.parametrize("status", [Status.REVIEW, Status.PUBLISHED])
def test_once_submitted_the_article_is_the_editors(role_journalist, make_article, status):
    article = make_article(status=status, created_by=role_journalist)

    response = logged_in(role_journalist).post(delete_url(article), {"post": "yes"})

    assert response.status_code == 403
    assert not trashed(article)


def test_a_colleagues_draft_does_not_exist_for_the_role(
    role_journalist, other_journalist, make_article
):
    draft = make_article(status=Status.DRAFT, created_by=other_journalist)

    response = logged_in(role_journalist).post(delete_url(draft), {"post": "yes"})

    assert response.status_code == 404
    assert not trashed(draft)
