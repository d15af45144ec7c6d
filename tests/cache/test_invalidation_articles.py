"""Article changes, through every save path, refresh every cached page that shows them.

Each test first fills the cache (a "miss" then a "hit" proves the page was stored), then
changes data the way an editor, a command or a script would, then reads again.
"""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Status
from articles.trash import restore_article, trash_articles

pytestmark = pytest.mark.django_db


def lists_of(article, author):
    return [
        "/",
        article.section.get_absolute_url(),
        article.section.parent.get_absolute_url(),
        "/tags/hopital/",
        author.get_absolute_url(),
        "/flux/",
        "/sitemap-articles.xml",
    ]


def test_title_change_refreshes_the_article_and_every_list(story, author, warm, seen):
    urls = [story.get_absolute_url(), *lists_of(story, author)]
    warm(*urls)
    story.title = "Le budget des hôpitaux, revu"
    story.save()
    for url in urls:
        label, response = seen(url)
        assert label == "miss", url
        if "sitemap" not in url:  # sitemaps show no title
            assert "revu" in response.content.decode(), url


def test_publishing_shows_the_article_on_already_cached_lists(make_article, author, warm, seen):
    other = make_article(title="Déjà là", tags=["hôpital"])
    warm(*lists_of(other, author), other.get_absolute_url())
    draft = make_article(title="Tout nouveau", status=Status.DRAFT, tags=["hôpital"])
    draft.status = Status.PUBLISHED
    draft.published_at = timezone.now() - timedelta(minutes=1)
    draft.save()
    for url in lists_of(other, author)[:-1]:
        assert "Tout nouveau" in seen(url)[1].content.decode(), url
    # The related block of an article sharing its tag.
    assert "Tout nouveau" in seen(other.get_absolute_url())[1].content.decode()


def test_unpublishing_removes_it_everywhere(story, author, warm, seen):
    url = story.get_absolute_url()
    warm(url, *lists_of(story, author)[:2])
    story.status = Status.UNPUBLISHED
    story.save()
    assert seen(url)[1].status_code == 404
    for list_url in lists_of(story, author)[:2]:
        assert "Le budget des hôpitaux" not in seen(list_url)[1].content.decode()


def test_a_draft_save_changes_nothing_public(make_article, story, author, warm, seen):
    draft = make_article(title="Brouillon", status=Status.DRAFT, tags=["hôpital"])
    warm(*lists_of(story, author))
    draft.title = "Brouillon modifié"
    draft.save()
    draft.tags.add("budget")
    for url in lists_of(story, author):
        assert seen(url)[0] == "hit", url


def test_moving_an_article_refreshes_its_old_and_new_sections(story, sections, warm, seen):
    old, new = sections["politique"].get_absolute_url(), sections["esante"].get_absolute_url()
    warm(old, new)
    story.section = sections["esante"]
    story.save()
    assert "Le budget des hôpitaux" not in seen(old)[1].content.decode()
    assert "Le budget des hôpitaux" in seen(new)[1].content.decode()


def test_tags_removed_and_added_refresh_both_tag_pages(story, make_article, warm, seen):
    make_article(title="Garde le mot-clé", tags=["hôpital", "budget"])
    warm("/tags/hopital/", "/tags/budget/")
    story.tags.set(["budget"])
    assert "Le budget des hôpitaux" not in seen("/tags/hopital/")[1].content.decode()
    assert "Le budget des hôpitaux" in seen("/tags/budget/")[1].content.decode()


def test_bylines_refresh_both_author_pages(story, author, make_article, warm, seen):
    from articles.models import ArticleAuthor
    from authors.models import Author

    other = Author.objects.create(name="Paul Martin")
    make_article(title="De Paul", authors=[other])
    warm(author.get_absolute_url(), other.get_absolute_url(), story.get_absolute_url())
    byline = ArticleAuthor.objects.get(article=story, author=author)
    byline.author = other
    byline.save()
    assert "Le budget des hôpitaux" in seen(other.get_absolute_url())[1].content.decode()
    assert "Paul Martin" in seen(story.get_absolute_url())[1].content.decode()
    assert seen(author.get_absolute_url())[1].status_code == 404  # no article left


def test_deleting_an_article_for_good(story, author, warm, seen):
    warm(*lists_of(story, author)[:2])
    Article.objects.filter(pk=story.pk).delete()
    assert "Le budget des hôpitaux" not in seen("/")[1].content.decode()


def test_trash_and_restore(story, editor, warm, seen):
    url = story.get_absolute_url()
    warm(url, "/", "/tags/hopital/")
    trash_articles([story], editor)
    assert seen(url)[1].status_code == 404
    assert "Le budget des hôpitaux" not in seen("/")[1].content.decode()
    warm("/")
    restore_article(story.pk, editor)
    assert "Le budget des hôpitaux" in seen("/")[1].content.decode()
    assert seen(url)[1].status_code == 200


def test_bulk_update_from_a_script(story, author, warm, seen):
    warm(*lists_of(story, author))
    Article.objects.filter(pk=story.pk).update(title="Titre corrigé en masse")
    for url in lists_of(story, author)[:-1]:
        assert "Titre corrigé en masse" in seen(url)[1].content.decode(), url
    warm("/")
    Article.objects.filter(pk=story.pk).update(status=Status.DRAFT)
    assert "Titre corrigé en masse" not in seen("/")[1].content.decode()


def test_a_related_pick_published_later_appears_under_the_article(story, make_article, warm, seen):
    pick = make_article(title="Lecture conseillée", status=Status.DRAFT)
    story.related_articles.add(pick)
    warm(story.get_absolute_url())
    pick.status = Status.PUBLISHED
    pick.published_at = timezone.now() - timedelta(minutes=1)
    pick.save()
    assert "Lecture conseillée" in seen(story.get_absolute_url())[1].content.decode()


def test_a_related_article_renamed_refreshes_the_block(story, make_article, warm, seen):
    neighbour = make_article(title="Voisin", tags=["hôpital"])
    warm(story.get_absolute_url())
    neighbour.title = "Voisin renommé"
    neighbour.save()
    assert "Voisin renommé" in seen(story.get_absolute_url())[1].content.decode()


def test_bulk_load_command_refreshes_the_home_page(story, warm, seen):
    from django.core.management import call_command

    warm("/")
    call_command("generate_articles", "3", stdout=io.StringIO())
    assert seen("/")[0] == "miss"


def test_a_bulk_load_writes_a_few_cache_keys_however_many_articles(story, warm, seen, monkeypatch):
    """generate_articles loads thousands of rows a batch: naming each article's keys
    would write thousands of versions (files list their folder on each write)."""
    from django.core.management import call_command

    from pagecache.store import Store

    written = []
    original = Store._call

    def record(self, method, *args, **kwargs):
        if method == "set_many":
            written.append(len(args[0]))
        return original(self, method, *args, **kwargs)

    monkeypatch.setattr(Store, "_call", record)
    warm("/", story.get_absolute_url())
    call_command("generate_articles", "40", stdout=io.StringIO())
    assert written and max(written) <= 3  # the epoch, "all" and "schedule"
    assert seen("/")[0] == "miss"
    assert seen(story.get_absolute_url())[0] == "miss"
