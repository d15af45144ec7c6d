"""Conflict-safe editing: a stale form is refused, explained, and loses nothing."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import transaction
from django.db.models import F
from django.db.models.signals import pre_save
from django.utils import timezone
from reversion.models import Revision

from articles import workflow
from articles.models import Article, StaleArticleError, Status, Transition
from articles.revisions import article_revision
from authors.models import Author
from tests.helpers import change_url, logged_in, title_in_form
from tests.test_admin_articles import article_form_data, form_errors
from tests.test_revisions import editor_data

# 14:05 in Paris.
A_SAVES_AT = datetime(2026, 3, 12, 13, 5, tzinfo=UTC)


@pytest.fixture
def article(make_article):
    return make_article(
        title="Titre d'origine",
        standfirst="Chapô d'origine.",
        body="<p>Premier paragraphe.</p><p>Second paragraphe.</p>",
        tags=["hôpital"],
    )


@pytest.fixture
def second_author(db):
    return Author.objects.create(name="Marc Lefèvre")


def opened_form(client, article):
    """Open the change page like a browser: the form as it was built, version included."""
    html = client.get(change_url(article)).content.decode()
    version = re.search(r'name="article_version" value="(\d+)"', html)
    assert version, "the change form carries the version it was built from"
    return editor_data(article) | {"article_version": version.group(1)}


def test_a_stale_form_is_refused_with_a_french_message_and_nothing_lost(
    editors, article, author, second_author
):
    alice, bruno = editors
    form_a, form_b = opened_form(alice, article), opened_form(bruno, article)

    with time_machine.travel(A_SAVES_AT, tick=False):
        form_a |= {"title": "Titre d'Alice", "tags": "hôpital, urgences"}
        response = alice.post(change_url(article), form_a)
        assert response.status_code == 302, form_errors(response)

    form_b |= {
        "title": "Titre de Bruno",
        "body": "<p>Premier paragraphe réécrit par Bruno.</p>",
        "tags": "pharmacie",
        "bylines-0-author": str(second_author.pk),
    }
    revisions_before = Revision.objects.count()
    response = bruno.post(change_url(article), form_b)

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Cet article a été modifié par Alice Martin le 12 mars 2026 à 14:05 pendant que "
        "vous l&#x27;éditiez. Vos modifications n&#x27;ont pas été enregistrées"
    ) in html
    # Bruno's text is still in the form...
    assert title_in_form(html) == "Titre de Bruno"
    assert "réécrit par Bruno" in html
    assert 'value="pharmacie"' in html
    # ...and what Alice changed meanwhile is shown.
    assert "Conflit de modification" in html
    assert "<del>d&#x27;origine</del><ins>d&#x27;Alice</ins>" in html
    assert "<ins>urgences</ins>" in html
    # The database has Alice's version, and nothing of Bruno's: no byline, no tag.
    article.refresh_from_db()
    assert article.title == "Titre d'Alice"
    assert "Second paragraphe" in article.body
    assert [b.author for b in article.bylines.all()] == [author]
    assert sorted(article.tags.names()) == ["hôpital", "urgences"]
    assert Revision.objects.count() == revisions_before


def test_saving_again_after_seeing_the_conflict_replaces_the_current_version(editors, article):
    alice, bruno = editors
    form_a, form_b = opened_form(alice, article), opened_form(bruno, article)
    alice.post(change_url(article), form_a | {"title": "Titre d'Alice"})
    refused = bruno.post(change_url(article), form_b | {"title": "Titre de Bruno"})
    # The re-displayed form is now based on Alice's version.
    new_base = re.search(r'name="article_version" value="(\d+)"', refused.content.decode())
    article.refresh_from_db()
    assert new_base.group(1) == str(article.version)
    response = bruno.post(
        change_url(article), form_b | {"title": "Titre de Bruno", "article_version": new_base[1]}
    )
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.title == "Titre de Bruno"


def test_a_save_racing_past_the_form_check_is_refused_by_the_update(editors, article, author):
    """Someone saves between the form's check and the UPDATE: the UPDATE itself refuses."""
    alice, _ = editors
    form = opened_form(alice, article)
    raced = []

    def concurrent_save(sender, instance, **kwargs):
        if instance.pk == article.pk and not raced:
            raced.append(True)
            Article.objects.filter(pk=article.pk).update(
                title="Titre concurrent", version=F("version") + 1
            )

    pre_save.connect(concurrent_save, sender=Article)
    try:
        response = alice.post(
            change_url(article), form | {"title": "Titre d'Alice", "tags": "nouveau"}
        )
    finally:
        pre_save.disconnect(concurrent_save, sender=Article)

    assert raced
    assert response.status_code == 200
    html = response.content.decode()
    assert "pendant que vous l&#x27;éditiez" in html
    assert title_in_form(html) == "Titre d'Alice"
    article.refresh_from_db()
    # The admin's transaction was rolled back as a whole (the racing write with it, here,
    # since it used the same connection): nothing of the refused save was kept.
    assert article.title == "Titre d'origine"
    assert sorted(article.tags.names()) == ["hôpital"]
    assert [b.author for b in article.bylines.all()] == [author]


def test_journalist_stale_draft_is_refused_too(make_article, journalist, editor):
    draft = make_article(title="Brouillon", status=Status.DRAFT, created_by=journalist)
    client = logged_in(journalist)
    html = client.get(change_url(draft)).content.decode()
    version = re.search(r'name="article_version" value="(\d+)"', html).group(1)
    draft.title = "Relu par l'éditeur"
    draft.save()
    data = article_form_data(draft.section, article=draft, title="Ma version")
    response = client.post(change_url(draft), data | {"article_version": version})
    assert response.status_code == 200
    assert "pendant que vous l&#x27;éditiez" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Relu par l'éditeur"


@pytest.mark.parametrize("value", ["abc", "-1", "1" * 40])
def test_a_tampered_version_is_a_form_error(editors, article, value):
    alice, _ = editors
    response = alice.post(change_url(article), editor_data(article, article_version=value))
    assert response.status_code == 200
    assert "rechargez l&#x27;article" in response.content.decode()
    assert Article.objects.get(pk=article.pk).version == article.version


def test_two_copies_in_memory_cannot_overwrite_each_other(article):
    first = Article.objects.get(pk=article.pk)
    second = Article.objects.get(pk=article.pk)
    first.title = "Premier arrivé"
    first.save()
    second.title = "Second arrivé"
    # Atomic as any caller would be: the failed save leaves the transaction to roll back.
    with pytest.raises(StaleArticleError), transaction.atomic():
        second.save()
    assert second.version == article.version  # the copy keeps the version it read
    article.refresh_from_db()
    assert article.title == "Premier arrivé"
    assert article.version == first.version


# --- No version, no save ------------------------------------------------------------------


def test_a_form_without_its_version_is_refused_and_a_colleagues_save_is_kept(editors, article):
    alice, bruno = editors
    form_a = editor_data(article, title="Titre d'Alice")
    del form_a["article_version"]  # an old page, a script, a forged POST
    save_as_bruno = opened_form(bruno, article) | {"title": "Titre de Bruno"}
    assert bruno.post(change_url(article), save_as_bruno).status_code == 302
    revisions_before = Revision.objects.count()

    response = alice.post(change_url(article), form_a)

    assert response.status_code == 200
    html = response.content.decode()
    assert "ne dit pas quelle version de l&#x27;article vous avez modifiée" in html
    assert title_in_form(html) == "Titre d'Alice"  # her text is still in the form
    article.refresh_from_db()
    assert article.title == "Titre de Bruno"
    assert Revision.objects.count() == revisions_before


def test_a_journalist_form_without_its_version_saves_nothing(make_article, journalist):
    draft = make_article(title="Brouillon", status=Status.DRAFT, created_by=journalist)
    data = article_form_data(draft.section, article=draft, title="Sans version")
    del data["article_version"]
    response = logged_in(journalist).post(change_url(draft), data)
    assert response.status_code == 200
    assert "ne dit pas quelle version" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Brouillon"


# --- Scheduled or published by an editor meanwhile -----------------------------------------


@pytest.fixture
def opened_draft(make_article, journalist):
    """A journalist's draft, its revision recorded, and its page open in their browser."""
    draft = make_article(
        title="Brouillon du journaliste",
        body="<p>Texte du brouillon.</p>",
        status=Status.DRAFT,
        created_by=journalist,
    )
    with article_revision(draft, journalist, "Brouillon"):
        pass
    client = logged_in(journalist)
    html = client.get(change_url(draft)).content.decode()
    version = re.search(r'name="article_version" value="(\d+)"', html).group(1)
    data = article_form_data(draft.section, article=draft) | {"article_version": version}
    return draft, client, data


def editor_moves(article, editor, name):
    """An editor schedules or publishes the article, with a new title, from elsewhere."""
    article.title = "Titre choisi par l'éditeur"
    if name == "schedule":
        article.published_at = timezone.now() + timedelta(days=1)
    with article_revision(article, editor, "Relu"):
        workflow.perform(article, name, editor)
    article.refresh_from_db()


@pytest.mark.parametrize(("name", "label"), [("schedule", "Programmé"), ("publish", "Publié")])
def test_journalist_locked_out_meanwhile_gets_the_conflict_page_with_their_text(
    opened_draft, editor, name, label
):
    draft, client, data = opened_draft
    editor.first_name, editor.last_name = "Élise", "Rédac"
    editor.save()
    editor_moves(draft, editor, name)
    before = Article.objects.values().get(pk=draft.pk)
    revisions_before, transitions_before = Revision.objects.count(), Transition.objects.count()

    data |= {"title": "Ma version enrichie", "body": "<p>Mon paragraphe ajouté.</p>"}
    response = client.post(change_url(draft), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"est passé au statut « {label} » (Élise Rédac, le " in html
    assert "vous ne pouvez plus le modifier" in html
    assert "Conflit de modification" in html
    assert "Un éditeur a pris la main sur cet article" in html
    # What changed meanwhile: the editor's title, against the version they had opened.
    assert "<del>Brouillon du journaliste</del> <ins>Titre choisi par l&#x27;éditeur</ins>" in html
    # Their text, kept in the form; but nothing to save it with.
    assert title_in_form(html) == "Ma version enrichie"
    assert "Mon paragraphe ajouté." in html
    assert 'name="_save"' not in html and 'name="_continue"' not in html
    assert 'name="_transition"' not in html
    assert Article.objects.values().get(pk=draft.pk) == before
    assert (Revision.objects.count(), Transition.objects.count()) == (
        revisions_before, transitions_before,
    )  # fmt: skip


def test_posting_the_locked_form_again_is_refused(opened_draft, editor):
    draft, client, data = opened_draft
    editor_moves(draft, editor, "schedule")
    response = client.post(change_url(draft), data | {"title": "Ma version"})
    current = re.search(r'name="article_version" value="(\d+)"', response.content.decode())
    before = Article.objects.values().get(pk=draft.pk)

    # The version the conflict page carries is the current one: no conflict any more,
    # and the article is the editors' now.
    again = data | {"title": "Ma version", "article_version": current.group(1)}
    assert client.post(change_url(draft), again).status_code == 403
    assert Article.objects.values().get(pk=draft.pk) == before


@pytest.mark.parametrize(("status", "refused"), [(Status.PUBLISHED, 403), (Status.DRAFT, 404)])
def test_an_old_version_does_not_open_a_colleagues_article(
    make_article, journalist, other_journalist, status, refused
):
    """The conflict page is for the article's writer: a forged version gains nothing."""
    article = make_article(title="Article du collègue", status=status, created_by=other_journalist)
    article.save()  # version 2
    before = Article.objects.values().get(pk=article.pk)
    data = article_form_data(article.section, article=article, title="Piraté")
    response = logged_in(journalist).post(change_url(article), data | {"article_version": "1"})
    assert response.status_code == refused
    assert "Piraté" not in response.content.decode()
    assert Article.objects.values().get(pk=article.pk) == before
