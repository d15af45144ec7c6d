"""No cached page outlives the next scheduled publication or expiry: a scheduled
article appears on already-cached lists at its minute, an expiring one disappears."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(settings):
    # A soft TTL longer than the travels: a miss below is the boundary, not the TTL.
    settings.PAGE_CACHE_TTL = 7200
    with time_machine.travel(timezone.now().replace(second=0, microsecond=0), tick=False) as t:
        yield t


def lists(article):
    return ["/", article.section.get_absolute_url(), "/tags/hopital/"]


def test_a_scheduled_article_appears_on_cached_lists_at_its_minute(clock, make_article, seen):
    make_article(title="Déjà publié", tags=["hôpital"])
    at = timezone.now() + timedelta(minutes=30)
    scheduled = make_article(
        title="Publié à la minute", status=Status.SCHEDULED, published_at=at, tags=["hôpital"]
    )
    for url in lists(scheduled):
        seen(url)
    clock.move_to(at - timedelta(seconds=1))
    for url in lists(scheduled):
        label, response = seen(url)
        assert label == "hit", url
        assert "Publié à la minute" not in response.content.decode()
    clock.move_to(at)
    for url in lists(scheduled):
        label, response = seen(url)
        assert label == "miss", url
        assert "Publié à la minute" in response.content.decode(), url
    assert seen(scheduled.get_absolute_url())[1].status_code == 200


def test_an_expiring_article_disappears_at_its_minute(clock, make_article, seen):
    until = timezone.now() + timedelta(minutes=10)
    expiring = make_article(title="Retiré à la minute", unpublish_at=until, tags=["hôpital"])
    urls = [*lists(expiring), expiring.get_absolute_url()]
    for url in urls:
        seen(url)
    clock.move_to(until - timedelta(seconds=1))
    for url in urls:
        assert seen(url)[0] == "hit", url
    clock.move_to(until)
    for url in urls[:-1]:
        assert "Retiré à la minute" not in seen(url)[1].content.decode(), url
    assert seen(expiring.get_absolute_url())[1].status_code == 404


def test_the_http_lifetime_ends_at_the_boundary(clock, make_article, seen):
    make_article(title="Déjà publié")
    at = timezone.now() + timedelta(seconds=20)
    make_article(title="Bientôt", status=Status.SCHEDULED, published_at=at)
    seen("/")
    response = seen("/")[1]
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age <= 20


def test_the_boundary_is_cached_and_refreshed_by_article_saves(
    clock, make_article, seen, django_assert_max_num_queries
):
    from django.core.cache import cache

    from pagecache import keys

    make_article(title="Déjà publié")
    seen("/")
    assert cache.get(keys.BOUNDARY)[0] is None  # nothing scheduled
    at = timezone.now() + timedelta(minutes=3)
    make_article(title="Programmé ensuite", status=Status.SCHEDULED, published_at=at)
    seen("/")  # the save bumped "schedule": recomputed
    assert cache.get(keys.BOUNDARY)[0] == at.timestamp()
    clock.move_to(at)
    assert "Programmé ensuite" in seen("/")[1].content.decode()
