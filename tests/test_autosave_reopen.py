"""Reopening an article after a closed tab or a crash offers the newest autosaved text."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from reversion.models import Revision

from articles.models import Article
from tests.helpers import change_url, form_values
from tests.test_admin_articles import form_errors
from tests.test_autosave import autosave, autosave_url, autosaves_of, new_draft, opened

# 18:42 UTC is 19h42 in Paris in March (winter time).
TYPED_AT = datetime(2027, 3, 1, 18, 42, tzinfo=UTC)
OFFER = (
    "Un texte enregistré automatiquement le 1er mars 2027 à 19h42 est plus récent que la "
    "version enregistrée."
)


def page(client, article, query=""):
    response = client.get(change_url(article) + query)
    assert response.status_code == 200
    return response.content.decode()


def page_version(html):
    return re.search(r'name="article_version" value="(\d+)"', html).group(1)


@pytest.fixture
def draft(make_article, journalist):
    return new_draft(make_article, journalist)


@pytest.fixture
def crashed(journalist_client, journalist, draft):
    """The journalist typed a new title and paragraph, then the browser crashed."""
    data = opened(journalist_client, draft)
    response = autosave(
        journalist_client,
        draft,
        data,
        title="Titre retrouvé",
        body="<p>Paragraphe retrouvé après la panne.</p>",
        tags="hôpital, urgences",
    )
    assert response.json()["saved"] is True
    [version] = autosaves_of(draft, journalist)
    # Its date, for the banner (the session would not survive travelling in time).
    Revision.objects.filter(pk=version.revision_id).update(date_created=TYPED_AT)
    version.revision.refresh_from_db()
    return version


def test_the_author_is_offered_the_newer_text_and_no_one_else(
    journalist_client, editor_client, draft, crashed
):
    html = page(journalist_client, draft)
    assert OFFER in html
    assert f'href="?reprendre={crashed.revision_id}">Reprendre ce texte</a>' in html
    assert "data-autosave-ignore>Ignorer</button>" in html
    # The form itself still shows the saved version until they choose.
    assert "Paragraphe retrouvé" not in html

    other = page(editor_client, draft)
    assert "enregistré automatiquement le" not in other
    assert "Titre retrouvé" not in other


def test_taking_it_back_fills_the_form_and_saving_keeps_it(journalist_client, draft, crashed):
    before = Article.objects.values().get(pk=draft.pk)
    url = f"{change_url(draft)}?reprendre={crashed.revision_id}"
    html = page(journalist_client, draft, f"?reprendre={crashed.revision_id}")

    assert "Titre retrouvé" in html
    assert "Paragraphe retrouvé après la panne." in html
    assert 'value="hôpital, urgences"' in html
    assert "repris dans le formulaire ci-dessous. Il n'est pas encore enregistré" in html
    assert page_version(html) == str(draft.version)  # typed on the current version
    assert Article.objects.values().get(pk=draft.pk) == before  # nothing saved yet

    data = form_values(journalist_client, url)
    response = journalist_client.post(change_url(draft), data | {"_continue": ["1"]})
    assert response.status_code == 302, form_errors(response)
    draft.refresh_from_db()
    assert draft.title == "Titre retrouvé"
    assert draft.body == "<p>Paragraphe retrouvé après la panne.</p>"
    assert sorted(draft.tags.names()) == ["hôpital", "urgences"]
    assert autosaves_of(draft) == []
    assert "enregistré automatiquement le" not in page(journalist_client, draft)


def test_ignoring_it_drops_it(journalist_client, draft, crashed):
    response = journalist_client.post(
        f"{autosave_url(draft)}ignorer/", {"revision": crashed.revision_id}
    )
    assert response.status_code == 200
    assert autosaves_of(draft) == []
    assert "enregistré automatiquement le" not in page(journalist_client, draft)
    draft.refresh_from_db()
    assert draft.title == "Titre enregistré"


def test_while_it_is_offered_the_pages_autosaves_do_not_replace_it(
    journalist_client, journalist, draft, crashed
):
    data = form_values(journalist_client, change_url(draft))
    response = autosave(
        journalist_client,
        draft,
        data | {"_autosave_keep": [str(crashed.revision_id)]},
        title="Tapé sans avoir choisi",
    )
    assert response.status_code == 200
    titles = sorted(v.field_dict["title"] for v in autosaves_of(draft, journalist))
    assert titles == ["Tapé sans avoir choisi", "Titre retrouvé"]


def test_a_text_typed_before_a_colleagues_save_brings_back_the_conflict_screen(
    journalist_client, editor_client, draft, crashed
):
    editor_data = form_values(editor_client, change_url(draft))
    response = editor_client.post(
        change_url(draft), editor_data | {"standfirst": ["Chapô relu par l'éditeur."]}
    )
    assert response.status_code == 302, form_errors(response)
    # The editor's save came after the crash.
    Article.objects.filter(pk=draft.pk).update(modified=TYPED_AT + timedelta(hours=1))
    draft.refresh_from_db()

    html = page(journalist_client, draft)
    assert "le 1er mars 2027 à 19h42 n'a pas été enregistré" in html
    assert "votre prochain enregistrement signalera un conflit" in html

    url = f"{change_url(draft)}?reprendre={crashed.revision_id}"
    html = page(journalist_client, draft, f"?reprendre={crashed.revision_id}")
    # The version it was typed on, not the current one: the lock still sees the colleague.
    assert page_version(html) == str(crashed.revision.article_info.base_version)
    assert page_version(html) != str(draft.version)
    assert re.search(r'class="autosave-warning" role="alert" data-autosave-warning>', html)

    response = journalist_client.post(url, form_values(journalist_client, url))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Conflit de modification" in html
    assert "Titre retrouvé" in html  # their text, still in the form
    draft.refresh_from_db()
    assert draft.title == "Titre enregistré"
    assert draft.standfirst == "Chapô relu par l'éditeur."


def test_no_offer_when_the_autosaved_text_is_the_saved_one(journalist_client, draft, crashed):
    # Saved meanwhile by other means (a restore, a script): the autosave is left over.
    draft.title, draft.body = "Titre retrouvé", "<p>Paragraphe retrouvé après la panne.</p>"
    draft.save()
    draft.tags.set(["urgences", "hôpital"])
    assert autosaves_of(draft) == [crashed]
    assert "enregistré automatiquement le" not in page(journalist_client, draft)
