"""RSS 2.0 feeds: latest articles, per section (with its subsections), per tag, per author.

Every feed starts from ``Article.objects.published()``: visibility is decided when the feed
is requested, so a scheduled article enters the feeds at its minute. Each feed runs a fixed
number of queries (``for_feed()`` preloads sections, bylines and tags).
"""

import re
from contextvars import ContextVar

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from taggit.models import Tag

from articles.models import Article, ListingEntry, Section
from articles.plaintext import one_line, rss_text
from authors.public import public_authors
from images.renditions import share_rendition

ITEMS_PER_FEED = 30
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
# What a section path can look like; anything else is a 404 without a query.
SECTION_PATH = re.compile(r"[-\w]+(?:/[-\w]+)*", re.ASCII)
SECTION_PATH_MAX_LENGTH = Section._meta.get_field("path").max_length

# The request being answered, for the few item_* hooks that need it (absolute URLs of
# enclosures, the host in guids). Feed instances are shared between threads: no state
# on ``self``.
_current_request = ContextVar("feed_request", default=None)


# Fields that readers render as HTML (RSS titles and descriptions): plain text from the
# newsroom (titles, standfirsts, section, tag and author names in the channel title) is
# escaped as text here, in one place, so that no Feed hook can forget it
# (articles.plaintext.rss_text). <category> and <dc:creator> are plain text by their
# specifications (and for feed parsers): only made XML-safe, on one line.
CHANNEL_HTML_FIELDS = ("title", "description", "subtitle")
CHANNEL_TEXT_FIELDS = ("author_name", "feed_copyright")
ITEM_HTML_FIELDS = ("title", "description", "comments")
ITEM_TEXT_FIELDS = ("author_name",)


def _text(value):
    return None if value is None else one_line(value)


class NewsroomRssFeed(Rss201rev2Feed):
    """RSS 2.0 with one ``<dc:creator>`` per author instead of a single joined name.

    Every text field carries text: HTML-escaped where readers render HTML, XML-safe
    everywhere (no control character: it would make the whole feed invalid).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in CHANNEL_HTML_FIELDS:
            self.feed[key] = rss_text(self.feed.get(key))
        for key in CHANNEL_TEXT_FIELDS:
            self.feed[key] = _text(self.feed.get(key))
        self.feed["categories"] = [one_line(name) for name in self.feed.get("categories") or ()]

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC_NAMESPACE}

    def add_item_elements(self, handler, item):
        item = {
            **item,
            **{key: rss_text(item.get(key)) for key in ITEM_HTML_FIELDS},
            **{key: _text(item.get(key)) for key in ITEM_TEXT_FIELDS},
            "categories": [one_line(name) for name in item.get("categories") or ()],
        }
        super().add_item_elements(handler, item)
        for name in item.get("creators", ()):
            handler.addQuickElement("dc:creator", one_line(name))


class ArticleFeed(Feed):
    """What every article feed shares; subclasses choose the subject and its articles."""

    feed_type = NewsroomRssFeed
    language = "fr"

    def __call__(self, request, *args, **kwargs):
        token = _current_request.set(request)
        try:
            return super().__call__(request, *args, **kwargs)
        finally:
            _current_request.reset(token)

    # Channel -------------------------------------------------------------

    def subject(self, obj):
        """What the feed is about, after the site name in its title ("" for the main feed)."""
        return ""

    def title(self, obj):
        subject = self.subject(obj)
        return f"{settings.SITE_NAME} — {subject}" if subject else settings.SITE_NAME

    def description(self, obj):
        subject = self.subject(obj)
        if subject:
            return f"Les derniers articles de {settings.SITE_NAME} : {subject}."
        return (
            f"L'actualité des politiques de santé : les derniers articles de {settings.SITE_NAME}."
        )

    def link(self, obj):
        return obj.get_absolute_url() if obj is not None else reverse("articles:home")

    # Items ----------------------------------------------------------------

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return self.articles(obj).for_feed()[:ITEMS_PER_FEED]

    def item_title(self, item):
        # Plain text: NewsroomRssFeed escapes every text field (Django's default
        # item_title escapes too: it would be escaped twice).
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # Stable even if the article's slug or section changes later: not a permalink.
        request = _current_request.get()
        host = request.get_host().partition(":")[0] if request else "localhost"
        return f"tag:{host},2025:article-{item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at if item.was_updated else None

    def item_author_name(self, item):
        # None: the authors are written as <dc:creator> elements (item_extra_kwargs).
        return None

    def item_extra_kwargs(self, item):
        return {"creators": [byline.author.name for byline in item.bylines.all()]}

    def item_categories(self, item):
        """The section, then the tags, without duplicates (case-insensitive)."""
        seen, categories = set(), []
        for name in [item.section.name, *(tag.name for tag in item.tags.all())]:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                categories.append(name)
        return categories

    def item_enclosures(self, item):
        """The hero image as a JPEG rendition (already generated when the image was saved).

        Its byte length would cost a storage request per item (S3): "0" is RSS's "unknown".
        """
        rendition = share_rendition(item.hero_image) if item.hero_image_id else None
        if rendition is None:
            return []
        url = rendition.url
        request = _current_request.get()
        if request is not None:
            url = request.build_absolute_uri(url)
        return [Enclosure(url, "0", rendition.mime)]


class LatestArticlesFeed(ArticleFeed):
    def get_object(self, request):
        return None


class SectionFeed(ArticleFeed):
    """A section and all its subsections, at any depth."""

    def get_object(self, request, path):
        if len(path) > SECTION_PATH_MAX_LENGTH or not SECTION_PATH.fullmatch(path):
            raise Http404("Aucune rubrique à cette adresse.")
        return get_object_or_404(Section, path=path)

    def subject(self, obj):
        return obj.name

    def articles(self, obj):
        return latest_listed(ListingEntry.objects.filter(section=obj))


def latest_listed(entries):
    """Article.objects.published() among the list's latest entries (an index range)."""
    now = timezone.now()
    latest = entries.visible(now).article_ids()[:ITEMS_PER_FEED]
    return Article.objects.published(now).filter(pk__in=latest)


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        if not ListingEntry.objects.visible(timezone.now()).filter(tag=tag).exists():
            # As on the tag page: a tag used only on unpublished articles stays secret.
            raise Http404("Aucun article publié avec ce mot-clé.")
        return tag

    def subject(self, obj):
        return f"mot-clé « {obj.name} »"

    def link(self, obj):
        return reverse("articles:tag", kwargs={"slug": obj.slug})

    def articles(self, obj):
        return latest_listed(ListingEntry.objects.filter(tag=obj))


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        # As on the author page: an author who only signs unpublished articles stays
        # secret (embargo), the same 404 as an unknown one.
        return get_object_or_404(public_authors(), slug=slug)

    def subject(self, obj):
        return f"articles de {obj.name}"

    def articles(self, obj):
        return latest_listed(ListingEntry.objects.filter(author=obj))


def feed_links_for(section=None, tag=None, author=None):
    """[(title, url), …]: the feeds a page should announce besides the main one.

    Pass the page's section (or an article's section), tag or author. No query.
    """
    links = []
    if section is not None:
        links.append(
            (
                f"{settings.SITE_NAME} — {section.name}",
                reverse("seo:section_feed", kwargs={"path": section.path}),
            )
        )
    if tag is not None:
        links.append(
            (
                f"{settings.SITE_NAME} — mot-clé « {tag.name} »",
                reverse("seo:tag_feed", kwargs={"slug": tag.slug}),
            )
        )
    if author is not None:
        links.append(
            (
                f"{settings.SITE_NAME} — articles de {author.name}",
                reverse("seo:author_feed", kwargs={"slug": author.slug}),
            )
        )
    return links
