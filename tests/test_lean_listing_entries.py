"""Listing entries stay exact on every write path (articles.models.listing_entries).

Section, tag and author pages, the home blocks and related articles read them: after
each way of writing an article, its bylines, its tags or its section, the entries must
be exactly what a rebuild from the source tables gives, and the pages show it. The
page cache is off here: what is checked is the uncached page.
"""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.admin.tags import merge_tags
from articles.models import Article, ArticleAuthor, ListingEntry, Section, Status
from articles.models.listing_entries import rebuild_all_listing_entries
from articles.trash import restore_article, trash_articles
from authors.models import Author

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE_ENABLED = False


def snapshot():
    rows = ListingEntry.objects.values_list(
        "article_id", "section_id", "tag_id", "author_id", "published_at", "unpublish_at"
    )
    return sorted(rows, key=repr)


def assert_exact():
    """The entries are what a rebuild from scratch makes."""
    before = snapshot()
    rebuild_all_listing_entries()
    assert before == snapshot()


def titles(client, url):
    response = client.get(url)
    if response.status_code == 404:
        return None
    assert response.status_code == 200
    return [article.title for article in response.context["page_obj"]]


def test_an_article_is_listed_on_its_section_ancestors_tags_and_authors(
    client, make_article, sections, author
):
    article = make_article(title="Lu partout", section=sections["politique"], tags=["PLFSS"])
    assert_exact()
    assert titles(client, sections["politique"].get_absolute_url()) == ["Lu partout"]
    assert titles(client, sections["financement"].get_absolute_url()) == ["Lu partout"]
    assert titles(client, sections["esante"].get_absolute_url()) == []
    assert titles(client, "/tags/plfss/") == ["Lu partout"]
    assert titles(client, author.get_absolute_url()) == ["Lu partout"]
    kinds = {(e.section_id, e.tag_id, e.author_id) for e in ListingEntry.objects.all()}
    tag = Tag.objects.get(slug="plfss")
    assert kinds == {
        (sections["politique"].pk, None, None),
        (sections["financement"].pk, None, None),
        (None, tag.pk, None),
        (None, None, author.pk),
    }
    assert article.pk == ListingEntry.objects.values_list("article_id", flat=True).first()


def test_drafts_have_no_entries_until_published(client, make_article, sections):
    article = make_article(title="Brouillon", status=Status.DRAFT, tags=["PLFSS"])
    assert not ListingEntry.objects.exists()
    assert titles(client, "/tags/plfss/") is None  # embargo: no published article
    article.status = Status.PUBLISHED
    article.published_at = timezone.now() - timedelta(minutes=1)
    article.save()
    assert_exact()
    assert titles(client, "/tags/plfss/") == ["Brouillon"]


def test_a_scheduled_article_appears_at_its_minute_and_expires(client, make_article, sections):
    now = timezone.now()
    make_article(title="Ancien", tags=["PLFSS"], published_at=now - timedelta(days=1))
    make_article(
        title="Programmé",
        status=Status.SCHEDULED,
        tags=["PLFSS"],
        published_at=now + timedelta(minutes=10),
        unpublish_at=now + timedelta(minutes=30),
    )
    url = sections["politique"].get_absolute_url()
    assert titles(client, url) == ["Ancien"]
    with time_machine.travel(now + timedelta(minutes=11), tick=False):
        assert titles(client, url) == ["Programmé", "Ancien"]
        assert titles(client, "/tags/plfss/") == ["Programmé", "Ancien"]
    with time_machine.travel(now + timedelta(minutes=31), tick=False):
        assert titles(client, "/tags/plfss/") == ["Ancien"]


def test_trash_and_restore(client, make_article, sections, editor):
    article = make_article(title="À la corbeille", tags=["PLFSS"])
    trash_articles([article], editor)
    assert not ListingEntry.objects.exists()
    assert titles(client, "/tags/plfss/") is None
    restore_article(article.pk, editor)
    assert_exact()
    assert titles(client, "/tags/plfss/") == ["À la corbeille"]


def test_bulk_update_of_status_dates_or_section(client, make_article, sections):
    article = make_article(title="En masse", section=sections["politique"])
    Article.objects.filter(pk=article.pk).update(status=Status.UNPUBLISHED)
    assert not ListingEntry.objects.exists()
    Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED)
    Article.objects.filter(pk=article.pk).update(section=sections["esante"])
    assert_exact()
    assert titles(client, sections["esante"].get_absolute_url()) == ["En masse"]
    assert titles(client, sections["financement"].get_absolute_url()) == []
    later = timezone.now() + timedelta(hours=1)
    Article.objects.filter(pk=article.pk).update(published_at=later)
    assert_exact()
    assert titles(client, sections["esante"].get_absolute_url()) == []


def test_moving_a_section_moves_its_articles_lists(client, make_article, sections):
    make_article(title="Déménage", section=sections["politique"])
    politique = sections["politique"]
    politique.parent = sections["esante"]
    politique.save()
    assert_exact()
    assert titles(client, sections["esante"].get_absolute_url()) == ["Déménage"]
    assert titles(client, sections["financement"].get_absolute_url()) == []


def test_moving_a_branch_moves_its_grandchildren(client, make_article, sections):
    plfss = Section.objects.create(name="PLFSS", slug="plfss", parent=sections["politique"])
    make_article(title="Tout en bas", section=plfss)
    financement = sections["financement"]
    financement.parent = sections["esante"]
    financement.save()
    assert_exact()
    assert titles(client, sections["esante"].get_absolute_url()) == ["Tout en bas"]


def test_tags_added_removed_merged_deleted(client, make_article):
    article = make_article(title="Étiqueté", tags=["PLFSS"])
    article.tags.add("Ondam")
    assert_exact()
    assert titles(client, "/tags/ondam/") == ["Étiqueté"]
    article.tags.remove("PLFSS")
    assert_exact()
    assert titles(client, "/tags/plfss/") is None
    merge_tags([Tag.objects.get(slug="ondam").pk], "Hôpital")
    assert_exact()
    assert titles(client, "/tags/hopital/") == ["Étiqueté"]
    Tag.objects.get(slug="hopital").delete()
    assert_exact()
    assert not ListingEntry.objects.filter(tag__isnull=False).exists()


def test_tagged_items_written_directly(client, make_article):
    article = make_article(title="Direct")
    tag = Tag.objects.create(name="Ondam")
    item = TaggedItem.objects.create(content_object=article, tag=tag)
    assert_exact()
    assert titles(client, "/tags/ondam/") == ["Direct"]
    item.delete()
    assert_exact()


def test_bylines_added_and_removed(client, make_article, author):
    other = Author.objects.create(name="Paul Martin", job_title="Pigiste")
    article = make_article(title="Signé")
    assert titles(client, other.get_absolute_url()) is None  # no published article yet
    byline = ArticleAuthor.objects.create(article=article, author=other, position=1)
    assert_exact()
    assert titles(client, other.get_absolute_url()) == ["Signé"]
    byline.delete()
    assert_exact()
    assert titles(client, other.get_absolute_url()) is None


def test_deleting_an_article_for_good(make_article, author):
    article = make_article(tags=["PLFSS", "Ondam"])
    article.delete()
    assert not ListingEntry.objects.exists()


def test_generate_articles_fills_the_entries(sections, author):
    call_command("generate_articles", "30", "--seed", "3", stdout=io.StringIO())
    assert ListingEntry.objects.filter(section__isnull=False).exists()
    assert ListingEntry.objects.filter(tag__isnull=False).exists()
    assert_exact()


def test_pages_past_the_last_are_404(client, make_article, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        make_article(title=f"Page {n}", tags=["PLFSS"])
    assert len(titles(client, "/tags/plfss/?page=3")) == 1
    assert client.get("/tags/plfss/?page=4").status_code == 404
