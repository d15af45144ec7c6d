"""A list's count (« Page 1 sur N », « N articles ») is counted once, then kept in the
cache until the list changes (pagecache.counts): a save from any path, a scheduled
publication or an expiry at its minute. Pages are rendered every time here
(page_cache_off), so only the kept count can make them wrong."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Status

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache_off]

TAG_PAGE = "/tags/hopital/"


def shown_count(anonymous, url=TAG_PAGE):
    """The count the tag page shows, e.g. « 3 articles »."""
    text = anonymous.get(url).content.decode()
    return text.split('<p class="page-intro">')[1].split("</p>")[0]


def counts_run(anonymous, url):
    with CaptureQueriesContext(connection) as queries:
        assert anonymous.get(url).status_code == 200
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now().replace(second=0, microsecond=0), tick=False) as t:
        yield t


def test_a_list_is_counted_once_then_kept(anonymous, make_article, author, settings):
    settings.ARTICLES_PER_PAGE = 1
    first = make_article(tags=["hôpital"])
    make_article(tags=["hôpital"])
    section_page = first.section.get_absolute_url()
    for url in (TAG_PAGE, section_page, author.get_absolute_url()):
        assert len(counts_run(anonymous, url)) == 1, url
        assert counts_run(anonymous, url) == [], url
    assert "Page 1 sur 2" in anonymous.get(section_page).content.decode()


def test_a_publication_or_an_unpublication_changes_the_count_at_once(anonymous, make_article):
    make_article(tags=["hôpital"])
    assert shown_count(anonymous) == "1 article"
    second = make_article(tags=["hôpital"])
    assert shown_count(anonymous) == "2 articles"
    second.status = Status.DRAFT
    second.save()
    assert shown_count(anonymous) == "1 article"


def test_bulk_updates_and_deletions_change_the_count(anonymous, make_article):
    make_article(tags=["hôpital"])
    kept = make_article(tags=["hôpital"])
    assert shown_count(anonymous) == "2 articles"
    Article.objects.filter(pk=kept.pk).update(status=Status.DRAFT)  # no post_save
    assert shown_count(anonymous) == "1 article"
    Article.objects.filter(pk=kept.pk).update(status=Status.PUBLISHED)
    assert shown_count(anonymous) == "2 articles"
    kept.delete()
    assert shown_count(anonymous) == "1 article"


def test_an_article_moved_between_sections_moves_its_count(
    anonymous, make_article, sections, settings
):
    settings.ARTICLES_PER_PAGE = 1
    moving = make_article()
    make_article()
    old = moving.section.get_absolute_url()
    assert "Page 1 sur 2" in anonymous.get(old).content.decode()
    moving.section = sections["esante"]
    moving.save()
    assert "Page 1 sur 2" not in anonymous.get(old).content.decode()
    assert anonymous.get(old + "?page=2").status_code == 404


def test_a_scheduled_article_is_counted_at_its_minute(clock, anonymous, make_article):
    make_article(tags=["hôpital"])
    at = timezone.now() + timedelta(minutes=30)
    make_article(status=Status.SCHEDULED, published_at=at, tags=["hôpital"])
    assert shown_count(anonymous) == "1 article"
    clock.move_to(at - timedelta(seconds=1))
    assert counts_run(anonymous, TAG_PAGE) == []  # kept until the minute
    assert shown_count(anonymous) == "1 article"
    clock.move_to(at)
    assert shown_count(anonymous) == "2 articles"


def test_an_expiry_leaves_the_count_at_its_minute(clock, anonymous, make_article):
    make_article(tags=["hôpital"])
    until = timezone.now() + timedelta(minutes=10)
    make_article(unpublish_at=until, tags=["hôpital"])
    assert shown_count(anonymous) == "2 articles"
    clock.move_to(until - timedelta(seconds=1))
    assert shown_count(anonymous) == "2 articles"
    clock.move_to(until)
    assert shown_count(anonymous) == "1 article"


def test_a_cache_that_is_down_counts_every_time(anonymous, make_article):
    from django.core.cache import caches

    from pagecache.store import reset_health

    make_article(tags=["hôpital"])
    with mock.patch.object(type(caches["default"]), "get_many", side_effect=OSError("down")):
        assert shown_count(anonymous) == "1 article"
        make_article(tags=["hôpital"])
        reset_health()
        assert shown_count(anonymous) == "2 articles"
    reset_health()
    assert shown_count(anonymous) == "2 articles"


def test_an_evicted_version_means_counting_again(anonymous, make_article):
    from django.core.cache import cache

    from pagecache import keys

    tagged = make_article(tags=["hôpital"])
    assert shown_count(anonymous) == "1 article"
    cache.delete(keys.version(keys.tag_list(tagged.tags.get().pk)))
    assert len(counts_run(anonymous, TAG_PAGE)) == 1


def test_a_moved_section_moves_its_articles_between_counts(
    anonymous, make_article, sections, settings
):
    settings.ARTICLES_PER_PAGE = 1
    make_article()  # in « Politique de santé », under « Financement… »
    make_article()
    make_article(section=sections["esante"])
    old, new = sections["financement"], sections["esante"]
    assert "Page 1 sur 2" in anonymous.get(old.get_absolute_url()).content.decode()
    assert "Page 1 sur 2" not in anonymous.get(new.get_absolute_url()).content.decode()
    moving = sections["politique"]
    moving.parent = new
    moving.save()
    assert anonymous.get(old.get_absolute_url() + "?page=2").status_code == 404
    assert "Page 1 sur 3" in anonymous.get(new.get_absolute_url()).content.decode()
