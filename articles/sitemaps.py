"""Sitemaps for search engines: articles (paginated), sections, tags, authors, Google News.

Only what ``Article.objects.published()`` allows at request time is listed; tags and
authors appear once they have a published article. Each sitemap page runs a fixed number
of queries. ``django.contrib.sites`` is not installed: the views use the request's host.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Max, OuterRef, Subquery
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section
from articles.plaintext import one_line
from authors.models import Author

NEWS_WINDOW = timedelta(hours=48)
# Google News reads at most 1 000 URLs per news sitemap.
NEWS_LIMIT = 1000


def _w3c(value):
    """Whole seconds: sitemaps show W3C datetimes without microseconds."""
    return value.replace(microsecond=0) if value else None


def _latest(*values):
    present = [v for v in values if v is not None]
    return _w3c(max(present)) if present else None


class NewsroomSitemap(Sitemap):
    # An empty urlset is not valid: an empty sitemap is a 404, and the index leaves it out.
    allow_empty = False

    @cached_property
    def paginator(self):
        # Once per request: the index asks for the page count and whether it is empty.
        return Paginator(self._items(), self.limit, allow_empty_first_page=self.allow_empty)


class ArticleSitemap(NewsroomSitemap):
    # Pages of 5 000 URLs (the protocol allows 50 000): smaller files, quicker to serve.
    limit = 5000

    def items(self):
        # Ordered (newest first, then pk) so that pages are stable; select_related so that
        # get_absolute_url() needs no query per row; only what the sitemap prints.
        return (
            Article.objects.published()
            .select_related("section")
            .only("slug", "published_at", "updated_at", "section__path")
        )

    def lastmod(self, item):
        return _latest(item.published_at, item.updated_at if item.was_updated else None)

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default loop over every article.
        latest = Article.objects.published().aggregate(p=Max("published_at"), u=Max("updated_at"))
        return _latest(latest["p"], latest["u"])


@dataclass(frozen=True)
class TagEntry:
    slug: str
    name: str
    latest: datetime


class TagSitemap(NewsroomSitemap):
    """Tags of published articles, each dated by its newest one.

    One GROUP BY over the published articles' tags (a correlated subquery per tag was
    several times slower on PostgreSQL: taggit's integer object_id is cast to join).
    """

    @cached_property
    def _tags(self):
        rows = (
            Article.objects.published()
            .order_by()
            .filter(tags__isnull=False)
            .values_list("tags__slug", "tags__name")
            .annotate(latest=Max("published_at"))
        )
        entries = (TagEntry(slug, name, latest) for slug, name, latest in rows)
        return sorted(entries, key=lambda tag: (tag.name.casefold(), tag.slug))

    def items(self):
        return self._tags

    def location(self, item):
        return reverse("articles:tag", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return _w3c(item.latest)

    def get_latest_lastmod(self):
        return _latest(*(tag.latest for tag in self._tags))


class AuthorSitemap(NewsroomSitemap):
    """Authors of published articles, each dated by the newest (the byline index serves it)."""

    def items(self):
        newest = (
            Article.objects.published()
            .filter(bylines__author=OuterRef("pk"))
            .values("published_at")
        )
        return (
            Author.objects.annotate(latest=Subquery(newest[:1]))
            .filter(latest__isnull=False)
            .only("slug")
            .order_by("name", "pk")
        )

    def lastmod(self, item):
        return _w3c(item.latest)

    def get_latest_lastmod(self):
        return _w3c(self.items().aggregate(m=Max("latest"))["m"])


class SectionSitemap(NewsroomSitemap):
    """Every section; lastmod is the newest published article in its branch."""

    @cached_property
    def _sections(self):
        sections = list(Section.objects.only("path").order_by("path"))
        newest = dict(
            Article.objects.published()
            .order_by()
            .values("section_id")
            .annotate(latest=Max("published_at"))
            .values_list("section_id", "latest")
        )
        by_path = {section.path: section for section in sections}
        for section in sections:
            section.latest = None
        for section in sections:
            latest = newest.get(section.pk)
            if latest is None:
                continue
            # An article counts for its section and every section above it.
            parts = section.path.split("/")
            for depth in range(1, len(parts) + 1):
                ancestor = by_path.get("/".join(parts[:depth]))
                if ancestor is not None and (ancestor.latest is None or latest > ancestor.latest):
                    ancestor.latest = latest
        return sections

    def items(self):
        return self._sections

    def lastmod(self, item):
        return _w3c(item.latest)

    def get_latest_lastmod(self):
        return _latest(*(section.latest for section in self._sections))


class NewsSitemap(NewsroomSitemap):
    """Google News: articles published in the last 48 hours, newest first."""

    limit = NEWS_LIMIT
    # robots.txt always names it: a quiet weekend gives an empty list, not an error.
    allow_empty = True

    def items(self):
        now = timezone.now()
        return (
            Article.objects.published(now)
            .filter(published_at__gte=now - NEWS_WINDOW)
            .select_related("section")
            .only("title", "slug", "published_at", "updated_at", "section__path")
        )

    def lastmod(self, item):
        return _latest(item.published_at, item.updated_at if item.was_updated else None)

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            url["publication_date"] = _w3c(url["item"].published_at)
            # A control character is not XML: one would make the whole file unreadable.
            url["title"] = one_line(url["item"].title)
        return urls


# The sections of /sitemap.xml, each served as /sitemap-<name>.xml. Classes, not
# instances: the views build a fresh one per request (some cache their rows).
SITEMAPS = {
    "articles": ArticleSitemap,
    "rubriques": SectionSitemap,
    "tags": TagSitemap,
    "auteurs": AuthorSitemap,
}


def sitemap_index(request):
    """/sitemap.xml: the non-empty sitemaps, each page of each (an empty urlset is invalid)."""
    sitemaps = {name: sitemap_class() for name, sitemap_class in SITEMAPS.items()}
    listed = {name: sitemap for name, sitemap in sitemaps.items() if sitemap.paginator.count}
    return sitemap_views.index(
        request, listed, template_name="sitemaps/index.xml", sitemap_url_name="seo:sitemap"
    )


def robots_txt(request):
    """Crawlers: stay out of the admin and the previews; here are the sitemaps."""
    context = {
        "sitemap_url": request.build_absolute_uri(reverse("seo:sitemap_index")),
        "news_sitemap_url": request.build_absolute_uri(reverse("seo:news_sitemap")),
    }
    return HttpResponse(
        render_to_string("robots.txt", context), content_type="text/plain; charset=utf-8"
    )
