"""The checklist in the article admin: shown beside the form, refreshed by a POST-only
fragment that saves nothing and answers only who may change the article, and enforced
by the workflow: an editor's "schedule" or "publish" is refused while an item blocks,
unless they tick the override, which the history records. Journalists forge POSTs.
"""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.templatetags.static import static
from django.utils import timezone

from articles.models import Article, Status, Transition
from tests.helpers import ADD_URL, CHANGELIST_URL, change_url, logged_in
from tests.test_admin_articles import article_form_data, form_errors, publication_data

CHECKLIST_ADD_URL = f"{CHANGELIST_URL}liste-de-controle/"


def checklist_url(article_or_pk):
    return f"{CHANGELIST_URL}{getattr(article_or_pk, 'pk', article_or_pk)}/liste-de-controle/"


def without_bylines(data):
    """The POST with every byline row ticked for deletion."""
    rows = int(data["bylines-TOTAL_FORMS"])
    return data | {f"bylines-{i}-DELETE": "on" for i in range(rows)}


@pytest.fixture
def draft(make_article, journalist):
    return make_article(
        title="Brouillon de la journaliste", status=Status.DRAFT, created_by=journalist
    )


# --- Shown beside the form ------------------------------------------------------------------


def test_the_change_page_shows_the_checklist_with_states_in_words(editor_client, make_article):
    article = make_article(body="<h2></h2><p>Texte.</p>")
    html = editor_client.get(change_url(article)).content.decode()
    assert 'aria-labelledby="checklist-heading"' in html and ">Avant publication</h2>" in html
    assert "À corriger" in html and "À vérifier" in html and "Intertitre vide" in html
    assert f'data-checklist-url="{checklist_url(article)}"' in html
    assert static("articles/admin/checklist.js") in html and 'aria-live="polite"' in html
    # The override is an editor's: in their form, not in a journalist's.
    assert 'name="checklist_override"' in html


def test_a_journalist_has_the_checklist_but_no_override(journalist_client, draft):
    html = journalist_client.get(change_url(draft)).content.decode()
    assert ">Avant publication</h2>" in html and 'name="checklist_override"' not in html


def test_the_add_page_offers_the_add_pages_checklist(journalist_client, sections):
    html = journalist_client.get(ADD_URL).content.decode()
    assert f'data-checklist-url="{CHECKLIST_ADD_URL}"' in html and "Choisissez une rubrique" in html


# --- The live fragment ------------------------------------------------------------------------


def test_the_fragment_reflects_the_posted_form_and_saves_nothing(journalist_client, draft):
    data = article_form_data(draft.section, article=draft, title="x" * 92)
    data |= {"_transition": "submit", "_save": "Enregistrer"}
    response = journalist_client.post(checklist_url(draft), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le titre fait 92 caractères : 70 au plus pour les moteurs de recherche." in html
    assert "<html" not in html and 'class="checklist__list"' in html
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Brouillon de la journaliste", Status.DRAFT)
    assert not Transition.objects.filter(article=draft).exists()


def test_the_fragment_counts_bylines_ticked_for_deletion_as_gone(journalist_client, draft):
    data = article_form_data(draft.section, article=draft)
    assert (
        "Ajoutez au moins un auteur"
        not in journalist_client.post(checklist_url(draft), data).content.decode()
    )
    response = journalist_client.post(checklist_url(draft), without_bylines(data))
    assert "Ajoutez au moins un auteur" in response.content.decode()


def test_the_fragment_answers_post_only(journalist_client, draft):
    assert journalist_client.get(checklist_url(draft)).status_code == 405
    assert journalist_client.get(CHECKLIST_ADD_URL).status_code == 405


LONG_TITLE_ITEM = "Le titre fait 92 caractères : 70 au plus pour les moteurs de recherche."


def probe(article):
    """The article's own form, with a title the checklist would flag."""
    return article_form_data(article.section, article=article, title="x" * 92)


def assert_no_checklist(response, article=None):
    """A refusal: no checklist computed from the posted form, the article unchanged."""
    html = response.content.decode()
    assert 'class="checklist__list"' not in html and LONG_TITLE_ITEM not in html
    if article is not None:
        saved = (article.title, article.status)
        article.refresh_from_db()
        assert (article.title, article.status) == saved


def test_a_colleagues_unpublished_article_is_a_404(other_journalist_client, draft):
    response = other_journalist_client.post(checklist_url(draft), probe(draft))
    assert response.status_code == 404
    assert_no_checklist(response, draft)
    assert "Brouillon de la journaliste" not in response.content.decode()
    assert "Page introuvable" in response.content.decode()
    assert other_journalist_client.post(checklist_url(987654), probe(draft)).status_code == 404


def test_an_article_the_journalist_may_only_read_is_refused(journalist_client, make_article):
    published = make_article()  # visible to everyone, changed by editors only
    response = journalist_client.post(checklist_url(published), probe(published))
    assert response.status_code == 403
    assert_no_checklist(response, published)


def test_the_fragment_needs_the_csrf_token(journalist, draft):
    client = logged_in(journalist, enforce_csrf_checks=True)
    response = client.post(checklist_url(draft), probe(draft))
    assert response.status_code == 403
    assert "La vérification CSRF a échoué" in response.content.decode()
    assert_no_checklist(response, draft)


def test_anonymous_visitors_get_the_login_page(outsider, draft):
    response = outsider.post(checklist_url(draft), {})
    assert response.status_code == 302 and "/login/" in response["Location"]


FORGED = [
    {"section": "abc"},
    {"section": "99999999999999999999999999"},
    {"hero_image": "-1"},
    {"hero_image": "1e400"},
    {"tags": '"' * 5000},
    {"bylines-0-author": "99999999999999999999999999", "bylines-TOTAL_FORMS": "1"},
    {"bylines-0-author": "nan", "bylines-TOTAL_FORMS": "99999999999"},
    {"published_at_0": "32/13/99999", "published_at_1": "99:99"},
    {"body": "<h2>" * 20000 + '<a href="http://[::1">x</a>' * 2000},
    {"body": "".join(f'<a href="/r/{n}/">x</a>' for n in range(5000))},
]


@pytest.mark.reporting_500s
@pytest.mark.parametrize("forged", FORGED, ids=lambda f: next(iter(f)))
def test_forged_values_never_give_a_500(editor_client, journalist_client, draft, forged):
    for client in (editor_client, journalist_client):
        data = article_form_data(draft.section, article=draft) | forged
        for url in (checklist_url(draft), CHECKLIST_ADD_URL):
            response = client.post(url, data)
            assert response.status_code in (200, 400), (url, forged, response.status_code)
            if response.status_code == 200:  # the checklist of what could be read
                assert 'class="checklist__list"' in response.content.decode(), (url, forged)
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Brouillon de la journaliste", Status.DRAFT)
    assert Article.objects.count() == 1


@pytest.mark.reporting_500s
def test_garbage_ids_in_the_address_are_a_404(editor_client):
    for pk in ("abc", "99999999999999999999999999", "-1", "1%2F2"):
        response = editor_client.post(checklist_url(pk), {})
        assert response.status_code == 404, pk
        assert "Page introuvable" in response.content.decode(), pk
        assert_no_checklist(response)


# --- Blocking the workflow ---------------------------------------------------------------------


def post_transition(client, article, name, *, override=False, **fields):
    data = without_bylines(article_form_data(article.section, article=article, **fields))
    data |= publication_data(article) | {"_transition": name, "transition_comment": "Go"}
    if override:
        data["checklist_override"] = "on"
    return client.post(change_url(article), data)


@pytest.mark.parametrize(
    ("name", "fields"),
    [("publish", {}), ("schedule", {"published_at_0": "01/01/2099", "published_at_1": "09:00"})],
)
def test_an_editor_is_refused_while_an_item_blocks_and_nothing_is_saved(
    editor_client, make_article, name, fields
):
    article = make_article(title="En relecture", status=Status.REVIEW)
    response = post_transition(editor_client, article, name, title="Nouveau titre", **fields)
    assert response.status_code == 200
    errors = str(form_errors(response))
    assert "est refusé : la liste de contrôle signale 1 point à corriger" in errors
    assert "Signature (Ajoutez au moins un auteur" in errors
    assert "Publier malgré la liste de contrôle" in errors
    article.refresh_from_db()
    assert (article.status, article.title, article.published_at) == (
        Status.REVIEW, "En relecture", None,
    )  # fmt: skip
    assert article.bylines.count() == 1
    assert not Transition.objects.filter(article=article).exists()


def test_a_new_article_published_with_blocking_items_is_not_created(editor_client, sections):
    data = article_form_data(sections["politique"], body="<h2> </h2>", _transition="publish")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Intertitres (Intertitre vide" in str(form_errors(response))
    assert not Article.objects.exists()


def test_the_editors_override_publishes_and_the_history_says_so(editor_client, make_article):
    article = make_article(title="En relecture", status=Status.REVIEW)
    response = post_transition(editor_client, article, "publish", override=True)
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.bylines.count() == 0
    entry = Transition.objects.get(article=article)
    assert entry.comment.startswith("Publié malgré la liste de contrôle : Signature (Ajoutez")
    assert entry.comment.endswith("\nGo")
    log = LogEntry.objects.get(object_id=str(article.pk))
    assert "Publié malgré la liste de contrôle : Signature" in log.get_change_message()


def test_scheduling_over_the_checklist_is_recorded_as_such(editor_client, make_article):
    article = make_article(status=Status.REVIEW)
    when = timezone.localtime(timezone.now() + timedelta(days=2))
    fields = {"published_at_0": when.strftime("%d/%m/%Y"), "published_at_1": "09:00"}
    response = post_transition(editor_client, article, "schedule", override=True, **fields)
    assert response.status_code == 302, form_errors(response)
    entry = Transition.objects.get(article=article)
    assert entry.to_status == Status.SCHEDULED
    assert entry.comment.startswith("Programmé malgré la liste de contrôle : Signature")


def test_an_override_with_nothing_blocking_records_no_note(editor_client, make_article):
    article = make_article(status=Status.REVIEW)
    data = article_form_data(article.section, article=article) | publication_data(article)
    data |= {"_transition": "publish", "checklist_override": "on", "transition_comment": ""}
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, form_errors(response)
    assert Transition.objects.get(article=article).comment == ""


def test_a_journalist_cannot_override(journalist_client, draft):
    data = without_bylines(article_form_data(draft.section, article=draft, title="Forgé"))
    data |= {"_transition": "submit", "checklist_override": "on"}
    response = journalist_client.post(change_url(draft), data)
    assert response.status_code == 200
    assert "Vous ne pouvez pas modifier ces champs : Publier malgré la liste de contrôle" in str(
        form_errors(response)
    )
    draft.refresh_from_db()
    assert (draft.title, draft.status, draft.bylines.count()) == (
        "Brouillon de la journaliste", Status.DRAFT, 1,
    )  # fmt: skip


def test_a_refused_publication_shows_the_checklist_of_what_was_typed(editor_client, make_article):
    article = make_article(status=Status.REVIEW)
    response = post_transition(editor_client, article, "publish", title="x" * 92)
    html = response.content.decode()
    assert "Le titre fait 92 caractères" in html and "Ajoutez au moins un auteur" in html
