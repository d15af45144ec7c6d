"""Autosave: the text being typed is kept in the revision history, the article row untouched."""

import pytest
from reversion.models import Revision

from articles.models import Article, ArticleRevisionInfo, Status
from articles.revisions import article_revision, article_versions, snapshot_of_revision
from tests.helpers import change_url, form_values
from tests.test_admin_articles import form_errors

PAYLOAD = (
    '<p>Texte sûr.</p><script>alert("xss")</script>'
    '<p><a href="javascript:alert(1)">lien piégé</a><img src="x" onerror="alert(2)"></p>'
)


def autosave_url(article):
    return f"/admin/articles/article/{article.pk}/autosave/"


def opened(client, article):
    """The change form as the browser would post it back (version included)."""
    data = form_values(client, change_url(article))
    assert data["article_version"], "the page carries the version it was built from"
    return data


def autosave(client, article, data, **fields):
    """What autosave.js posts: the form, without any save button, ``fields`` changed."""
    return client.post(autosave_url(article), data | {k: [v] for k, v in fields.items()})


def autosaves_of(article, user=None):
    versions = article_versions(article).filter(revision__article_info__autosave=True)
    return list(versions.filter(revision__user=user) if user else versions)


def new_draft(make_article, journalist):
    """A journalist's draft, its creation recorded as a revision."""
    article = make_article(
        title="Titre enregistré",
        standfirst="Chapô enregistré.",
        body="<p>Texte enregistré.</p>",
        status=Status.DRAFT,
        created_by=journalist,
        tags=["hôpital"],
    )
    with article_revision(article, journalist, "Création"):
        pass
    return article


@pytest.fixture
def draft(make_article, journalist):
    return new_draft(make_article, journalist)


def test_an_autosave_keeps_the_typed_text_and_leaves_the_article_alone(
    journalist_client, journalist, draft
):
    before = Article.objects.values().get(pk=draft.pk)
    data = opened(journalist_client, draft)

    response = autosave(
        journalist_client,
        draft,
        data,
        title="Titre en cours de frappe",
        body="<p>Un paragraphe pas encore enregistré.</p>",
        tags="hôpital, urgences",
    )

    assert response.status_code == 200
    assert response.json()["saved"] is True
    assert response.json()["conflict"] is False
    # The row, its version and its tags are as they were.
    assert Article.objects.values().get(pk=draft.pk) == before
    assert sorted(draft.tags.names()) == ["hôpital"]
    [version] = autosaves_of(draft, journalist)
    info = version.revision.article_info
    assert (info.base_version, info.tags) == (draft.version, ["hôpital", "urgences"])
    assert version.revision.comment == "Enregistrement automatique"
    kept = snapshot_of_revision(draft, version.revision)
    assert kept.title == "Titre en cours de frappe"
    assert kept.body == "<p>Un paragraphe pas encore enregistré.</p>"


def test_the_manual_save_from_the_same_page_is_no_conflict_and_supersedes_the_autosave(
    journalist_client, journalist, draft
):
    data = opened(journalist_client, draft)
    autosave(journalist_client, draft, data, title="Premier jet")
    autosave(journalist_client, draft, data, title="Deuxième jet")

    response = journalist_client.post(
        change_url(draft), data | {"title": ["Version finale"], "_continue": ["1"]}
    )

    assert response.status_code == 302, form_errors(response)
    draft.refresh_from_db()
    assert draft.title == "Version finale"
    assert autosaves_of(draft) == []
    assert not ArticleRevisionInfo.objects.filter(autosave=True).exists()


def test_only_the_newest_autosave_of_each_writer_is_kept(
    journalist_client, editor_client, journalist, editor, draft
):
    data = opened(journalist_client, draft)
    for n in range(3):
        autosave(journalist_client, draft, data, title=f"Jet numéro {n}")
    editor_data = opened(editor_client, draft)
    autosave(editor_client, draft, editor_data, title="Jet de l'éditeur")

    [own] = autosaves_of(draft, journalist)
    assert own.field_dict["title"] == "Jet numéro 2"
    [editors] = autosaves_of(draft, editor)
    assert editors.field_dict["title"] == "Jet de l'éditeur"


def test_the_saved_text_again_is_not_kept_twice(journalist_client, journalist, draft):
    data = opened(journalist_client, draft)
    autosave(journalist_client, draft, data, title="Un détour")
    revisions_before = Revision.objects.count()

    # Typed back to what is saved: nothing unsaved any more.
    response = autosave(journalist_client, draft, data)

    assert response.status_code == 200
    assert response.json()["revision"] is None
    assert autosaves_of(draft) == []
    assert Revision.objects.count() == revisions_before - 1


def test_the_body_is_sanitised_before_it_is_kept(journalist_client, journalist, draft):
    data = opened(journalist_client, draft)
    autosave(journalist_client, draft, data, body=PAYLOAD)
    [version] = autosaves_of(draft, journalist)
    kept = version.field_dict["body"]
    assert "Texte sûr." in kept
    for bad in ("<script", "alert", "javascript:", "onerror"):
        assert bad not in kept

    resumed = journalist_client.get(f"{change_url(draft)}?reprendre={version.revision_id}")
    assert "Texte sûr." in resumed.content.decode()
    for bad in ("alert(", "javascript:alert", "onerror="):
        assert bad not in resumed.content.decode()


def test_a_journalist_cannot_autosave_editor_fields(journalist_client, journalist, draft):
    data = opened(journalist_client, draft)
    response = autosave(
        journalist_client, draft, data, title="Titre", featured="on", home_position="1"
    )
    assert response.status_code == 400
    assert "Vous ne pouvez pas modifier ces champs" in response.json()["message"]
    assert autosaves_of(draft) == []


def test_an_invalid_form_is_refused_in_french_and_nothing_is_kept(journalist_client, draft):
    data = opened(journalist_client, draft)
    response = autosave(journalist_client, draft, data, title="", standfirst="Toujours là.")
    assert response.status_code == 400
    assert response.json()["saved"] is False
    assert "Titre : Ce champ est obligatoire." in response.json()["errors"]
    assert autosaves_of(draft) == []


@pytest.mark.parametrize("version", [None, "abc", "999"])
def test_an_autosave_without_its_true_version_is_refused(journalist_client, draft, version):
    data = opened(journalist_client, draft)
    if version is None:
        del data["article_version"]
    else:
        data["article_version"] = [version]
    response = autosave(journalist_client, draft, data, title="Titre tapé")
    assert response.status_code == 400
    assert autosaves_of(draft) == []


@pytest.mark.parametrize("key", ["_save", "_continue", "_transition"])
def test_an_autosave_never_saves_nor_moves_the_article(journalist_client, draft, key):
    before = Article.objects.values().get(pk=draft.pk)
    data = opened(journalist_client, draft) | {key: ["submit"]}
    response = autosave(journalist_client, draft, data, title="Titre tapé")
    assert response.status_code == 400
    assert Article.objects.values().get(pk=draft.pk) == before
    assert autosaves_of(draft) == []


def test_get_is_not_allowed(journalist_client, draft):
    assert journalist_client.get(autosave_url(draft)).status_code == 405
    assert journalist_client.get(f"{autosave_url(draft)}ignorer/").status_code == 405
