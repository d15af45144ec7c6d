"""Deleting an article puts it in the trash: gone from every surface, restorable, purged later."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Revision, Version
from taggit.models import TaggedItem

from articles import trash
from articles.models import Article, Resource, ShareLink, Status, TrashedArticle
from articles.revisions import article_revision, article_versions
from search import indexing
from search.models import SearchEntry
from tests.helpers import CHANGELIST_URL, TRASH_URL, delete_url, logged_in, trash_restore_url


@pytest.fixture
def rich_article(make_article, author, media_root, editor):
    """A published article with everything that must survive the trash."""
    article = make_article(title="Le PLFSS 2027 adopté", tags=["PLFSS", "hôpital"])
    Resource.objects.create(
        article=article, title="Le rapport", file=ContentFile(b"%PDF-1.4 rapport", "rapport.pdf")
    )
    Resource.objects.create(article=article, title="Le site", url="https://example.org/")
    # Two revisions in its history.
    for standfirst in ("Première version du chapô.", "Chapô revu."):
        with article_revision(article, editor, standfirst):
            article.standfirst = standfirst
            article.save()
    article.refresh_from_db()
    return article


def trash_in_admin(client, article):
    response = client.post(delete_url(article), {"post": "yes"}, follow=True)
    assert response.redirect_chain == [(CHANGELIST_URL, 302)]
    assert f"L'article « {article.title} » a été placé dans la corbeille" in (
        response.content.decode().replace("&#x27;", "'")
    )
    return response


def test_delete_page_says_trash_not_loss(editor_client, rich_article):
    html = editor_client.get(delete_url(rich_article)).content.decode()
    assert "corbeille" in html
    assert "30 jours" in html
    # Only the article is listed: its bylines, resources and history stay with it.
    assert "Le rapport" not in html


def test_deleted_article_leaves_every_surface(editor_client, rich_article, client):
    url = rich_article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert SearchEntry.objects.filter(article=rich_article).exists()
    resource = rich_article.resources.exclude(file="").get()
    section_page = client.get(f"/{rich_article.section.path}/").content.decode()
    assert rich_article.title in section_page

    trash_in_admin(editor_client, rich_article)

    assert client.get(url).status_code == 404
    assert rich_article.title not in client.get(f"/{rich_article.section.path}/").content.decode()
    assert rich_article.title not in client.get("/").content.decode()
    assert rich_article.title not in client.get("/flux/").content.decode()
    assert rich_article.title not in client.get("/tags/plfss/").content.decode()
    assert url not in client.get("/sitemap-news.xml").content.decode()
    assert client.get(f"/ressources/{resource.pk}/").status_code == 404
    assert not SearchEntry.objects.filter(article=rich_article).exists()
    assert rich_article.title not in client.get("/recherche/?q=PLFSS").content.decode()
    # Nor in the admin list, its search or the autocomplete of related articles.
    assert rich_article.title not in editor_client.get(CHANGELIST_URL).content.decode()
    assert rich_article.title not in editor_client.get(f"{CHANGELIST_URL}?q=PLFSS").content.decode()
    autocomplete = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "related_articles",
         "term": "PLFSS"},
    )  # fmt: skip
    assert autocomplete.json()["results"] == []
    # The row is still there, marked: nothing was lost.
    stored = Article.all_objects.get(pk=rich_article.pk)
    assert stored.deleted_at is not None
    assert stored.resources.count() == 2
    assert not Article.objects.filter(pk=rich_article.pk).exists()


def test_trash_lists_what_each_article_was(editor_client, editor, rich_article, make_article):
    live = make_article(title="Toujours en ligne")
    trash_in_admin(editor_client, rich_article)

    html = editor_client.get(TRASH_URL).content.decode()
    assert rich_article.title in html
    assert rich_article.section.name in html
    assert editor.username in html
    assert "Publié" in html  # its status before deletion
    assert live.title not in html
    assert "pendant 30 jours" in html

    detail = editor_client.get(f"{TRASH_URL}{rich_article.pk}/change/").content.decode()
    assert "Claire Dubois" in detail  # the byline
    assert "PLFSS" in detail
    assert "Restaurer cet article" in detail
    # Read-only: nothing to edit or save there.
    assert 'name="title"' not in detail
    assert 'name="_save"' not in detail


def test_restore_brings_everything_back(editor_client, rich_article, client, author):
    url = rich_article.get_absolute_url()
    revisions_before = list(article_versions(rich_article).values_list("pk", flat=True))
    trash_in_admin(editor_client, rich_article)

    response = editor_client.post(trash_restore_url(rich_article), follow=True)

    assert response.redirect_chain[-1][0] == f"{CHANGELIST_URL}{rich_article.pk}/change/"
    assert "restauré" in response.content.decode()
    article = Article.objects.get(pk=rich_article.pk)
    assert article.deleted_at is None and article.deleted_by is None
    assert client.get(url).status_code == 200
    assert [b.author for b in article.bylines.all()] == [author]
    assert sorted(article.tags.names()) == ["PLFSS", "hôpital"]
    assert sorted(article.resources.values_list("title", flat=True)) == ["Le rapport", "Le site"]
    resource = article.resources.exclude(file="").get()
    assert client.get(f"/ressources/{resource.pk}/").status_code == 200
    # Every revision is kept, and the restore is one more, in the history.
    versions = list(article_versions(article).values_list("pk", flat=True))
    assert versions[1:] == revisions_before
    comment = article_versions(article).first().revision.comment
    assert comment.startswith("Restauré depuis la corbeille (supprimé le ")
    assert comment.endswith(" par editeur)")
    assert SearchEntry.objects.filter(article=article).exists()
    assert rich_article.title in client.get("/recherche/?q=PLFSS").content.decode()
    assert not TrashedArticle.objects.exists()


def test_restore_with_a_slug_taken_meanwhile_picks_a_free_one(editor_client, make_article, client):
    old = make_article(title="Les urgences saturées")
    trash_in_admin(editor_client, old)
    # The address is free while the article is in the trash: a new article takes it.
    new = make_article(title="Les urgences saturées")
    assert new.slug == old.slug

    response = editor_client.post(trash_restore_url(old), follow=True)

    assert response.status_code == 200
    restored = Article.objects.get(pk=old.pk)
    assert restored.slug == f"{old.slug}-2"
    assert f"« {old.slug} » était pris" in response.content.decode()
    assert client.get(restored.get_absolute_url()).status_code == 200
    # The old address stays the new article's: no redirect steals it.
    page = client.get(new.get_absolute_url())
    assert page.status_code == 200 and page.context["article"].pk == new.pk


def test_restore_with_the_slug_taken_by_a_sister_section(editor_client, make_article, sections):
    from articles.models import Section

    old = make_article(title="Numérique", section=sections["financement"])
    trash_in_admin(editor_client, old)
    Section.objects.create(name="Numérique", slug=old.slug, parent=sections["financement"])

    editor_client.post(trash_restore_url(old))

    assert Article.objects.get(pk=old.pk).slug == f"{old.slug}-2"


def test_delete_selected_moves_them_all_to_the_trash(editor_client, make_article):
    first, second = make_article(), make_article(status=Status.DRAFT)
    data = {"action": "delete_selected", "_selected_action": [first.pk, second.pk]}

    confirmation = editor_client.post(CHANGELIST_URL, data).content.decode()
    assert "corbeille" in confirmation
    # The confirmation form posts the same selection and action back.
    for pk in (first.pk, second.pk):
        assert f'name="_selected_action" value="{pk}"' in confirmation
    assert 'name="action" value="delete_selected"' in confirmation
    assert Article.objects.filter(pk__in=[first.pk, second.pk]).count() == 2

    response = editor_client.post(CHANGELIST_URL, data | {"post": "yes"}, follow=True)

    assert "2 articles placé(s) dans la corbeille" in response.content.decode()
    assert not Article.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert TrashedArticle.objects.count() == 2


def test_restore_and_purge_selected_from_the_trash(editor_client, make_article, editor):
    kept, gone = make_article(), make_article()
    trash.trash_articles([kept, gone], editor)

    editor_client.post(TRASH_URL, {"action": "restore_selected", "_selected_action": [kept.pk]})
    assert Article.objects.filter(pk=kept.pk).exists()

    data = {"action": "purge_selected", "_selected_action": [gone.pk]}
    confirmation = editor_client.post(TRASH_URL, data).content.decode()
    assert "irréversible" in confirmation
    assert f'name="_selected_action" value="{gone.pk}"' in confirmation
    assert 'name="action" value="purge_selected"' in confirmation
    assert Article.all_objects.filter(pk=gone.pk).exists()
    editor_client.post(TRASH_URL, data | {"post": "oui"})
    assert not Article.all_objects.filter(pk=gone.pk).exists()


def test_a_stale_form_cannot_overwrite_a_trashed_then_restored_article(make_article, editor):
    article = make_article()
    stale = Article.objects.get(pk=article.pk)
    trash.trash_articles([article], editor)
    trash.restore_article(article.pk, editor)

    stale.title = "Écrasé"
    with pytest.raises(Exception, match="modifié entre-temps"):
        stale.save()


def test_trashed_article_is_not_related_nor_shared(editor_client, make_article, client, editor):
    shown = make_article(title="Article affiché")
    hidden = make_article(title="Article à supprimer")
    shown.related_articles.add(hidden)
    link = ShareLink.objects.create(
        article=hidden, created_by=editor, expires_at=ShareLink.default_expiry()
    )
    trash.trash_articles([hidden], editor)

    assert list(shown.related_articles.all()) == []
    assert hidden.title not in client.get(shown.get_absolute_url()).content.decode()
    assert client.get(f"/apercu/{link.token}/").status_code == 404
    # Restored, the editors' choice of related article comes back with it.
    trash.restore_article(hidden.pk, editor)
    assert list(shown.related_articles.all()) == [hidden]


# --- Purge ---------------------------------------------------------------------------


def purge(*args):
    out = StringIO()
    call_command("purge_trash", *args, stdout=out)
    return out.getvalue()


def test_purge_respects_the_delay(make_article, editor):
    old, recent = make_article(title="Ancien"), make_article(title="Récent")
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=31), tick=False):
        trash.trash_articles([old], editor)
    with time_machine.travel(now - timedelta(days=29), tick=False):
        trash.trash_articles([recent], editor)

    output = purge()

    assert "« Ancien »" in output and "Récent" not in output
    assert not Article.all_objects.filter(pk=old.pk).exists()
    assert TrashedArticle.objects.get().pk == recent.pk


def test_dry_run_deletes_nothing(make_article, editor):
    article = make_article(title="Ancien")
    with time_machine.travel(timezone.now() - timedelta(days=40), tick=False):
        trash.trash_articles([article], editor)

    output = purge("--dry-run")

    assert "serait supprimé : « Ancien »" in output
    assert TrashedArticle.objects.filter(pk=article.pk).exists()


def test_retention_delay_is_a_setting(make_article, editor, settings):
    settings.TRASH_RETENTION_DAYS = 7
    article = make_article()
    with time_machine.travel(timezone.now() - timedelta(days=8), tick=False):
        trash.trash_articles([article], editor)

    assert "plus de 7 jours" in purge()
    assert not Article.all_objects.filter(pk=article.pk).exists()


def test_purge_deletes_for_good_with_revisions_and_files(
    rich_article, editor, media_root, django_capture_on_commit_callbacks
):
    resource = rich_article.resources.exclude(file="").get()
    stored = media_root / resource.file.name
    assert stored.exists()
    revision_ids = list(article_versions(rich_article).values_list("revision_id", flat=True))
    # A document removed from the article earlier still sits in its revisions.
    with article_revision(rich_article, editor, "Avec une annexe"):
        annex = Resource.objects.create(
            article=rich_article, title="Annexe", file=ContentFile(b"%PDF-1.4 annexe", "a.pdf")
        )
    annex_file = media_root / annex.file.name
    annex.delete()
    with time_machine.travel(timezone.now() - timedelta(days=31), tick=False):
        trash.trash_articles([rich_article], editor)

    # Files go once the deletion is committed: a failed purge keeps them.
    with django_capture_on_commit_callbacks(execute=True):
        output = purge()

    assert "2 fichier(s) effacé(s)" in output
    assert not stored.exists() and not annex_file.exists()
    assert not Resource.objects.filter(article_id=rich_article.pk).exists()
    assert not TaggedItem.objects.filter(object_id=rich_article.pk).exists()
    assert not Revision.objects.filter(pk__in=revision_ids).exists()
    assert not Version.objects.filter(object_id=str(rich_article.pk)).exists()


def test_purge_keeps_a_file_another_article_still_uses(
    make_article, editor, media_root, django_capture_on_commit_callbacks
):
    purged, other = make_article(), make_article()
    shared = Resource.objects.create(
        article=purged, title="Rapport", file=ContentFile(b"%PDF-1.4 x", "r.pdf")
    )
    Resource.objects.create(article=other, title="Même rapport", file=shared.file.name)
    with time_machine.travel(timezone.now() - timedelta(days=31), tick=False):
        trash.trash_articles([purged], editor)

    with django_capture_on_commit_callbacks(execute=True):
        purge()

    assert (media_root / shared.file.name).exists()


def test_live_articles_are_never_purged(make_article):
    article = make_article()
    with pytest.raises(ValueError):
        trash.purge_article(article)
    purge()
    assert Article.objects.filter(pk=article.pk).exists()


def test_trashed_article_stays_out_of_the_search_index(make_article, editor):
    article = make_article(title="Les déserts médicaux", tags=["démographie"])
    trash.trash_articles([article], editor)

    # Re-indexing triggers (a tag renamed, a full rebuild) do not bring it back.
    tag = article.tags.get()
    tag.name = "démographie médicale"
    tag.save()
    indexing.rebuild()
    indexing.refresh([article.pk])

    assert not SearchEntry.objects.filter(article_id=article.pk).exists()


def test_hero_image_of_a_trashed_article_is_kept_for_its_restore(
    make_article, make_library_image, editor
):
    image = make_library_image()
    article = make_article(hero_image=image)
    trash.trash_articles([article], editor)

    # The library refuses to delete it (a clean page, not an error): restoring needs it.
    response = logged_in(editor).post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"})

    assert response.status_code == 200
    assert type(image).objects.filter(pk=image.pk).exists()
    trash.restore_article(article.pk, editor)
    assert Article.objects.get(pk=article.pk).hero_image == image
