"""The trash, tried as a journalist would: forged POSTs, guessed ids, other people's work.

A journalist may trash only what access.staff.can_delete_article allows (their own
drafts, with the delete permission) and never sees, restores or purges the trash.
"""

import pytest
from django.contrib.auth.models import Group

from articles import trash
from articles.models import Article, Status, TrashedArticle
from newsroom import roles
from tests.helpers import CHANGELIST_URL, TRASH_URL, delete_url, logged_in, trash_restore_url


@pytest.fixture
def deleting_journalist(journalist):
    """A journalist, whose group has the delete permission (articles 0010)."""
    assert journalist.has_perm("articles.delete_article")
    return journalist


@pytest.fixture
def deleting_journalist_client(deleting_journalist):
    return logged_in(deleting_journalist)


@pytest.fixture
def trashed(make_article, editor, deleting_journalist):
    """One of the journalist's own drafts, already in the trash."""
    article = make_article(status=Status.DRAFT, created_by=deleting_journalist)
    trash.trash_articles([article], editor)
    return article


def is_trashed(article):
    return Article.all_objects.get(pk=article.pk).deleted_at is not None


def test_journalist_trashes_their_own_draft(
    deleting_journalist_client, deleting_journalist, make_article
):
    draft = make_article(status=Status.DRAFT, created_by=deleting_journalist)

    response = deleting_journalist_client.post(delete_url(draft), {"post": "yes"})

    assert response.status_code == 302
    assert is_trashed(draft)
    assert Article.all_objects.get(pk=draft.pk).deleted_by == deleting_journalist


@pytest.mark.parametrize("kind", ["published", "own_submitted", "colleagues_draft"])
def test_journalist_cannot_trash_what_is_not_theirs_to_delete(
    deleting_journalist_client, deleting_journalist, other_journalist, make_article, kind
):
    article = {
        "published": lambda: make_article(created_by=deleting_journalist),
        "own_submitted": lambda: make_article(status=Status.REVIEW, created_by=deleting_journalist),
        "colleagues_draft": lambda: make_article(status=Status.DRAFT, created_by=other_journalist),
    }[kind]()

    response = deleting_journalist_client.post(delete_url(article), {"post": "yes"})
    # Forged "delete selected", confirmed in the same POST, mixed with a deletable draft.
    own_draft = make_article(status=Status.DRAFT, created_by=deleting_journalist)
    batch = deleting_journalist_client.post(
        CHANGELIST_URL,
        {
            "action": "delete_selected",
            "_selected_action": [article.pk, own_draft.pk],
            "post": "yes",
        },
    )

    # The delete view: 403 for what they may see, 302 to the admin home ("does not exist")
    # for a colleague's draft, which does not exist for them.
    assert response.status_code in (302, 403, 404)
    assert not is_trashed(article)
    if kind == "colleagues_draft":
        # An id they cannot see is not selected at all, as in Django's own changelist.
        assert set(TrashedArticle.objects.values_list("pk", flat=True)) <= {own_draft.pk}
    else:
        # One article they may not delete refuses the whole batch.
        assert batch.status_code == 403
        assert not TrashedArticle.objects.exists()


def test_journalist_cannot_see_the_trash(deleting_journalist_client, trashed):
    # Not even their own trashed draft: the trash is the editors'.
    assert deleting_journalist_client.get(TRASH_URL).status_code == 403
    assert deleting_journalist_client.get(f"{TRASH_URL}{trashed.pk}/change/").status_code == 403
    assert "corbeille" not in deleting_journalist_client.get("/admin/").content.decode().lower()
    assert trashed.title not in deleting_journalist_client.get(CHANGELIST_URL).content.decode()
    assert deleting_journalist_client.get(f"{CHANGELIST_URL}{trashed.pk}/change/").status_code in (
        302,
        404,
    )


@pytest.mark.parametrize("pk", ["own", "999999", "abc", "-1"])
def test_journalist_forged_restore_is_refused(deleting_journalist_client, trashed, pk):
    pk = trashed.pk if pk == "own" else pk

    response = deleting_journalist_client.post(trash_restore_url(pk))

    assert response.status_code == 403
    assert is_trashed(trashed)


@pytest.mark.parametrize("action", ["restore_selected", "purge_selected"])
def test_journalist_forged_trash_actions_are_refused(deleting_journalist_client, trashed, action):
    response = deleting_journalist_client.post(
        TRASH_URL, {"action": action, "_selected_action": [trashed.pk], "post": "oui"}
    )

    assert response.status_code == 403
    assert is_trashed(trashed)


def test_editor_without_delete_permission_has_no_trash(django_user_model, trashed):
    # Every permission of the « Éditeur » group but delete_article, granted directly: a
    # group member's permission cannot be taken away one user at a time.
    editor = django_user_model.objects.create_user(username="editeur-sans-corbeille", is_staff=True)
    editor.user_permissions.set(
        Group.objects.get(name=roles.EDITOR).permissions.exclude(codename="delete_article")
    )
    assert editor.has_perm("articles.publish_article")
    client = logged_in(editor)

    assert client.get(TRASH_URL).status_code == 403
    assert client.post(trash_restore_url(trashed.pk)).status_code == 403
    assert is_trashed(trashed)


@pytest.mark.parametrize("pk", ["999999", "abc", "0"])
def test_editor_restore_of_an_unknown_id_is_a_404(editor, trashed, pk):
    response = logged_in(editor).post(trash_restore_url(pk))
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert is_trashed(trashed)


def test_restore_of_a_live_article_is_a_404(editor, make_article):
    live = make_article()
    assert logged_in(editor).post(trash_restore_url(live.pk)).status_code == 404
    assert not is_trashed(live)


def test_restore_needs_a_post(editor, trashed):
    assert logged_in(editor).get(trash_restore_url(trashed.pk)).status_code == 405
    assert is_trashed(trashed)


def test_restore_is_csrf_protected(editor, trashed):
    client = logged_in(editor, enforce_csrf_checks=True)

    assert client.post(trash_restore_url(trashed.pk)).status_code == 403
    assert is_trashed(trashed)


def test_purge_from_the_trash_only_ever_touches_trashed_articles(editor, make_article, trashed):
    live = make_article()
    # A live article's id forged into the trash's purge action is simply not selected.
    logged_in(editor).post(
        TRASH_URL, {"action": "purge_selected", "_selected_action": [live.pk], "post": "oui"}
    )

    assert Article.objects.filter(pk=live.pk).exists()
