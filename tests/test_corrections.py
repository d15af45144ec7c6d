"""Updates and corrections: editors announce them, readers see "Mis à jour le" and the list."""

from datetime import datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import ArticleUpdate, Status, UpdateKind
from tests.helpers import change_url

PREFIX = "public_updates"
PARIS = ZoneInfo("Europe/Paris")
PUBLISHED_AT = datetime(2019, 2, 4, 9, 30, tzinfo=PARIS)


class _FormReader(HTMLParser):
    """The values a browser would send for the article form, as rendered."""

    def __init__(self):
        super().__init__()
        self.data, self._in_form, self._select, self._textarea = {}, False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "article_form":
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            if "multiple" not in attrs:  # a multiple select with nothing chosen sends nothing
                self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_data(client, article):
    """What the change page would POST back untouched (other helpers' fields included)."""
    response = client.get(change_url(article))
    assert response.status_code == 200
    reader = _FormReader()
    reader.feed(response.content.decode())
    data = {k: v for k, v in reader.data.items() if "__prefix__" not in k}
    data["_save"] = "Enregistrer"
    return data


def with_new_update(data, kind, note):
    total = int(data[f"{PREFIX}-TOTAL_FORMS"])
    data[f"{PREFIX}-{total}-kind"] = kind
    data[f"{PREFIX}-{total}-note"] = note
    data[f"{PREFIX}-TOTAL_FORMS"] = str(total + 1)
    return data


def saved(response):
    """A POST that should have saved: show the form errors when it did not."""
    if response.status_code == 302:
        return True
    context = response.context
    errors = [context["adminform"].form.errors] if context else []
    for inline in context["inline_admin_formsets"] if context else []:
        errors += [inline.formset.errors, inline.formset.non_form_errors()]
    pytest.fail(f"status {response.status_code}, errors: {errors}")


@pytest.fixture
def published(make_article):
    return make_article(
        title="Le PLFSS 2019 adopté", status=Status.PUBLISHED, published_at=PUBLISHED_AT
    )


def test_editor_adds_a_correction(editor_client, editor, published, client):
    data = form_data(editor_client, published)
    data = with_new_update(data, UpdateKind.CORRECTION, "Le montant de l'Ondam a été corrigé.")
    when = datetime(2019, 2, 4, 18, 7, 30, tzinfo=PARIS)
    with time_machine.travel(when, tick=False):
        assert saved(editor_client.post(change_url(published), data))

    update = ArticleUpdate.objects.get()
    assert update.article == published
    assert update.kind == UpdateKind.CORRECTION
    assert update.by == editor
    assert update.at == when
    published.refresh_from_db()
    assert published.updated_at == when

    html = client.get(published.get_absolute_url()).content.decode()  # a reader: anonymous
    assert "Mis à jour le" in html
    assert "04 février 2019 à 18h07" in html
    assert "Mises à jour et corrections" in html
    assert "Correction" in html
    assert "Le montant de l’Ondam a été corrigé." in html  # French typography: ’


def test_a_later_update_moves_the_date_and_both_are_listed(editor_client, published):
    first = datetime(2019, 2, 4, 18, 7, tzinfo=PARIS)
    second = datetime(2019, 2, 6, 8, 15, tzinfo=PARIS)
    with time_machine.travel(first, tick=False):
        data = with_new_update(
            form_data(editor_client, published), UpdateKind.CORRECTION, "Chiffre corrigé."
        )
        assert saved(editor_client.post(change_url(published), data))
    with time_machine.travel(second, tick=False):
        data = with_new_update(
            form_data(editor_client, published), UpdateKind.UPDATE, "Réaction de la FHF."
        )
        assert saved(editor_client.post(change_url(published), data))
    published.refresh_from_db()
    assert published.updated_at == second
    html = editor_client.get(published.get_absolute_url()).content.decode()
    # Newest first.
    assert html.index("Réaction de la FHF.") < html.index("Chiffre corrigé.")
    assert "06 février 2019 à 08h15" in html and "04 février 2019 à 18h07" in html


def test_plain_save_does_not_change_the_date(editor_client, published):
    assert saved(editor_client.post(change_url(published), form_data(editor_client, published)))
    published.refresh_from_db()
    assert published.updated_at is None
    assert "Mis à jour le" not in editor_client.get(published.get_absolute_url()).content.decode()

    updated_at = datetime(2019, 2, 5, 10, 0, tzinfo=PARIS)
    published.mark_updated(updated_at)
    published.save()
    data = form_data(editor_client, published)
    data["title"] = "Le PLFSS 2019 adopté (coquille corrigée)"
    assert saved(editor_client.post(change_url(published), data))
    published.refresh_from_db()
    assert published.title == "Le PLFSS 2019 adopté (coquille corrigée)"
    assert published.updated_at == updated_at
    assert not ArticleUpdate.objects.exists()


def test_editing_an_existing_note_does_not_move_the_date(editor_client, editor, published):
    update = ArticleUpdate.objects.create(
        article=published, kind=UpdateKind.UPDATE, note="Reaction ajoutée", by=editor
    )
    published.mark_updated(update.at)
    published.save()
    data = form_data(editor_client, published)
    data[f"{PREFIX}-0-note"] = "Réaction ajoutée."
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert saved(editor_client.post(change_url(published), data))
    update.refresh_from_db()
    published.refresh_from_db()
    assert update.note == "Réaction ajoutée."
    assert published.updated_at == update.at


def test_no_update_on_an_unpublished_draft(editor_client, make_article):
    draft = make_article(status=Status.DRAFT)
    data = with_new_update(form_data(editor_client, draft), UpdateKind.UPDATE, "Trop tôt.")
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 200
    assert "ne se signale que sur un article déjà publié" in response.content.decode()
    assert not ArticleUpdate.objects.exists()


@pytest.mark.parametrize(
    "kind, note", [("autre", "Type inconnu."), (UpdateKind.UPDATE, ""), ("update", "x" * 301)]
)
def test_bad_update_is_a_form_error(editor_client, published, kind, note):
    data = with_new_update(form_data(editor_client, published), kind, note)
    assert editor_client.post(change_url(published), data).status_code == 200
    assert not ArticleUpdate.objects.exists()
    published.refresh_from_db()
    assert published.updated_at is None


def test_journalist_neither_sees_nor_posts_updates(client, journalist, make_article):
    own = make_article(status=Status.DRAFT, created_by=journalist)
    client.force_login(journalist)
    data = form_data(client, own)
    assert f"{PREFIX}-TOTAL_FORMS" not in data
    # Forged: the inline's fields, management form included.
    data |= {
        f"{PREFIX}-TOTAL_FORMS": "1",
        f"{PREFIX}-INITIAL_FORMS": "0",
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "1000",
        f"{PREFIX}-0-kind": UpdateKind.CORRECTION,
        f"{PREFIX}-0-note": "Correction forgée.",
    }
    client.post(change_url(own), data)
    assert not ArticleUpdate.objects.exists()
    own.refresh_from_db()
    assert own.updated_at is None


def test_journalist_cannot_add_updates_to_a_published_article(
    client, journalist, published, editor
):
    client.force_login(journalist)
    data = {
        f"{PREFIX}-TOTAL_FORMS": "1",
        f"{PREFIX}-INITIAL_FORMS": "0",
        f"{PREFIX}-0-kind": UpdateKind.CORRECTION,
        f"{PREFIX}-0-note": "Correction forgée.",
        "_save": "Enregistrer",
    }
    response = client.post(change_url(published), data)
    assert response.status_code in (200, 403)
    assert not ArticleUpdate.objects.exists()
    published.refresh_from_db()
    assert published.updated_at is None


def _queries(client, url):
    client.get(url)  # Warm the process-wide caches.
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.page_cache_off  # counts the render's queries (a page cache hit has none)
def test_article_page_query_count_does_not_grow_with_updates(client, published, editor):
    url = published.get_absolute_url()
    ArticleUpdate.objects.create(article=published, kind=UpdateKind.UPDATE, note="Une.", by=editor)
    one = _queries(client, url)
    for i in range(10):
        ArticleUpdate.objects.create(
            article=published, kind=UpdateKind.CORRECTION, note=f"Correction {i}.", by=editor
        )
    assert _queries(client, url) == one
    assert "Correction 9." in client.get(url).content.decode()
