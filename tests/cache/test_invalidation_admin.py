"""Saves from the admin (change form, trash, restore, calendar, revision restore, tag
merge) refresh cached pages just as the ORM does: the invalidation hangs on the models."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.admin.tags import merge_tags
from articles.calendar import PARIS
from articles.models import Article, Status
from tests.helpers import delete_url, trash_restore_url
from tests.test_revisions import restore_url, save_as

pytestmark = pytest.mark.django_db
CAL_URL = "/admin/articles/article/calendrier/"


def test_change_form_post(story, editor_client, warm, seen):
    warm(story.get_absolute_url(), "/", "/tags/hopital/")
    save_as(editor_client, story, title="Titre changé dans l'admin")
    for url in (story.get_absolute_url(), "/", "/tags/hopital/"):
        assert "Titre changé dans l" in seen(url)[1].content.decode(), url


def test_trash_and_restore_in_the_admin(story, editor_client, warm, seen):
    url = story.get_absolute_url()
    warm(url, "/")
    editor_client.post(delete_url(story), {"post": "yes"})
    assert Article.all_objects.get(pk=story.pk).deleted_at is not None
    assert seen(url)[1].status_code == 404
    assert "Le budget des hôpitaux" not in seen("/")[1].content.decode()
    warm("/")
    editor_client.post(trash_restore_url(story))
    assert "Le budget des hôpitaux" in seen("/")[1].content.decode()


def test_revision_restore(story, editor_client, warm, seen):
    save_as(editor_client, story, title="Première version")
    save_as(editor_client, story, title="Seconde version")
    from articles.revisions import article_versions

    first = min(article_versions(story), key=lambda v: v.revision.date_created).revision
    warm(story.get_absolute_url(), "/")
    response = editor_client.post(restore_url(story, first), {"article_version": story.version})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title != "Seconde version"
    for url in (story.get_absolute_url(), "/"):
        assert story.title in seen(url)[1].content.decode(), url


def test_calendar_scheduling_shows_the_article_at_its_minute(make_article, editor_client, seen):
    make_article(title="Déjà publié")
    waiting = make_article(title="Programmé au calendrier", status=Status.REVIEW)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        at = (timezone.now() + timedelta(minutes=5)).astimezone(PARIS)
        at = at.replace(second=0, microsecond=0)
        seen("/")
        assert seen("/")[0] == "hit"
        data = {"published_at": at.strftime("%Y-%m-%dT%H:%M"), "version": str(waiting.version)}
        response = editor_client.post(f"{CAL_URL}{waiting.pk}/reprogrammer/", data)
        assert response.status_code == 302
        waiting.refresh_from_db()
        assert waiting.status == Status.SCHEDULED and waiting.published_at == at
        warm_label, page = seen("/")
        assert "Programmé au calendrier" not in page.content.decode()
        assert seen("/")[0] == "hit"
        traveller.move_to(at)
        label, page = seen("/")
        assert label == "miss" and "Programmé au calendrier" in page.content.decode()


def test_tag_merge(make_article, warm, seen):
    from taggit.models import Tag

    article = make_article(title="Deux mots-clés", tags=["hôpital", "hopitaux"])
    warm("/tags/hopital/", "/tags/hopitaux/", article.get_absolute_url())
    ids = list(Tag.objects.filter(name__in=["hôpital", "hopitaux"]).values_list("pk", flat=True))
    merge_tags(ids, "Hôpital public")
    assert seen("/tags/hopital/")[1].status_code == 404
    assert seen("/tags/hopitaux/")[1].status_code == 404
    assert "Hôpital public" in seen(article.get_absolute_url())[1].content.decode()
    assert "Deux mots-clés" in seen("/tags/hopital-public/")[1].content.decode()


def test_staff_pages_are_never_stored(story, editor_client, seen):
    for _ in range(2):
        response = editor_client.get(story.get_absolute_url())
        assert response["X-Cache"] == "bypass"
        assert "no-store" in response["Cache-Control"]
    # Nor did the staff's visit fill the entry anonymous readers get.
    assert seen(story.get_absolute_url())[0] == "miss"
