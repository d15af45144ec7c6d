"""Autosave and the version lock: never over a colleague, never a false conflict,
and the saved history (conflict diffs, compare, restore) is never mistaken for an autosave."""

import pytest
from reversion.models import Revision

from articles import revisions
from articles.models import Article
from tests.helpers import change_url
from tests.test_admin_articles import form_errors
from tests.test_autosave import autosave, autosaves_of, opened
from tests.test_revisions import compare_url, restore_url

CONFLICT = (
    "Un collègue a enregistré cet article entre-temps ; votre texte est sauvegardé "
    "automatiquement, mais votre prochain enregistrement signalera un conflit."
)
TAB = "0f6c2b1e-8a43-4c57-9d2e-5b7a9c1d3e4f"


@pytest.fixture
def article(make_article):
    """Published, its state recorded: Alice and Bruno (editors) both open it."""
    article = make_article(title="Titre d'origine", body="<p>Premier paragraphe.</p>")
    with revisions.article_revision(article, comment="Publication"):
        pass
    return article


def test_two_tabs_the_autosave_after_a_colleagues_save_is_kept_and_flagged(editors, article):
    alice, bruno = editors
    tab_a, tab_b = opened(alice, article), opened(bruno, article)
    response = bruno.post(change_url(article), tab_b | {"title": ["Titre de Bruno"]})
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    saved_by_bruno = Article.objects.values().get(pk=article.pk)

    response = autosave(alice, article, tab_a, title="Titre d'Alice en cours")

    assert response.status_code == 200
    assert response.json() | {"saved_at": None} == {
        "message": CONFLICT,
        "saved": True,
        "conflict": True,
        "revision": response.json()["revision"],
        "saved_at": None,
    }
    # Bruno's text is untouched; Alice's is kept, over the version she opened.
    assert Article.objects.values().get(pk=article.pk) == saved_by_bruno
    [kept] = autosaves_of(article)
    assert kept.field_dict["title"] == "Titre d'Alice en cours"
    assert kept.revision.article_info.base_version == int(tab_a["article_version"][0])


def test_two_tabs_the_next_manual_save_meets_the_real_conflict_screen(editors, article):
    """The diff is from the version Alice opened, the colleague named is Bruno: neither is
    taken from Alice's autosave (which holds her opened version's number)."""
    alice, bruno = editors
    tab_a, tab_b = opened(alice, article), opened(bruno, article)
    autosave(alice, article, tab_a, title="Brouillon intermédiaire")
    bruno.post(change_url(article), tab_b | {"title": ["Titre de Bruno"]})
    autosave(alice, article, tab_a, title="Brouillon intermédiaire bis")
    revisions_before = Revision.objects.count()

    response = alice.post(change_url(article), tab_a | {"title": ["Version finale"]})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Cet article a été modifié par Bruno Petit le " in html
    assert "Conflit de modification" in html
    assert "<del>d&#x27;origine</del><ins>de Bruno</ins>" in html
    assert "intermédiaire" not in html
    article.refresh_from_db()
    assert article.title == "Titre de Bruno"
    # Refused, rolled back: Alice's autosave is still there to fall back on.
    assert Revision.objects.count() == revisions_before
    assert len(autosaves_of(article)) == 1


def test_the_state_before_a_save_is_recorded_even_after_an_autosave(editors, make_article, editor):
    """Saved outside any revision, then autosaved: the next save must still keep the
    state it replaces (the autosave has the same version number, not the same text)."""
    alice, _ = editors
    article = make_article(title="Écrit par un script")
    tab = opened(alice, article)
    autosave(alice, article, tab, title="Titre tapé")

    alice.post(change_url(article), tab | {"title": ["Titre enregistré"]})

    kept = [v.field_dict["title"] for v in revisions.saved_versions(article)]
    assert kept == ["Titre enregistré", "Écrit par un script"]


def test_saved_versions_keep_revisions_without_information(article):
    with revisions.article_revision(article):
        pass
    revision = revisions.article_versions(article).first().revision
    revision.article_info.delete()  # as revisions made before tags were recorded
    assert revisions.saved_versions(article).first().revision == revision
    assert revisions.revision_for_version(article, article.version) == revision


def test_compare_and_restore_ignore_autosaves(editors, article):
    alice, _ = editors
    autosave(alice, article, opened(alice, article), title="Titre tapé")
    [kept] = autosaves_of(article)
    rid = kept.revision_id
    assert alice.get(compare_url(article), {"de": rid, "vers": "actuelle"}).status_code == 404
    assert alice.get(restore_url(article, kept.revision)).status_code == 404
    assert alice.post(restore_url(article, kept.revision), {}).status_code == 404
    article.refresh_from_db()
    assert article.title == "Titre d'origine"


# --- A manual save during an autosave -----------------------------------------------------


def test_an_autosave_landing_during_the_manual_save_does_not_break_it(
    editors, article, monkeypatch
):
    """The autosave is recorded after the admin read the article for the save, before it
    checks the form and writes: the save still lands (an autosave never moves the
    version) and supersedes it."""
    alice, _ = editors
    tab = opened(alice, article) | {"_autosave_tab": [TAB]}
    racing = []
    before_change = revisions.ensure_current_state_recorded

    def autosave_meanwhile(current):
        racing.append(autosave(alice, article, tab, title="Jet envoyé juste avant"))
        return before_change(current)

    monkeypatch.setattr(revisions, "ensure_current_state_recorded", autosave_meanwhile)
    response = alice.post(change_url(article), tab | {"title": ["Titre enregistré"]})

    assert racing[0].json()["saved"] is True
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.title == "Titre enregistré"
    assert autosaves_of(article) == []


def test_an_autosave_arriving_after_its_pages_manual_save_is_dropped(
    editors, article, django_capture_on_commit_callbacks
):
    alice, _ = editors
    tab = opened(alice, article) | {"_autosave_tab": [TAB]}
    with django_capture_on_commit_callbacks(execute=True):
        alice.post(change_url(article), tab | {"title": ["Titre enregistré"]})
    article.refresh_from_db()
    saved = Article.objects.values().get(pk=article.pk)

    # Sent by the page just before it was submitted, over the version it had opened.
    response = autosave(alice, article, tab, title="Titre enregistr")

    assert response.status_code == 200
    assert response.json()["superseded"] is True
    assert autosaves_of(article) == []
    assert Article.objects.values().get(pk=article.pk) == saved
    # Another page of the same writer, opened on the old version, is a conflict, kept.
    other_tab = tab | {"_autosave_tab": [TAB.replace("0", "1")]}
    assert autosave(alice, article, other_tab, title="Autre onglet").json()["conflict"] is True
    assert len(autosaves_of(article)) == 1
