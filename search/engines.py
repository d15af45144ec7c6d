"""Two search engines behind one interface.

``engine.ranked_ids(params, now)`` returns the ids of the matching articles, best
first, at most MAX_RESULTS of them; ``engine.page(ids, params, now)`` loads one page of
those articles for display, each with an ``excerpt`` (safe HTML, matches in <mark>).

An article whose title is exactly the query (folded: case, accents and punctuation
ignored) comes first, whatever its age: a reader pasting a title wants that article
(unless the query excludes a word: that is search syntax, not a title).
It is found by an indexed equality on SearchEntry.title_text, one more query, and must
pass the same visibility and filters as any result.

Otherwise both work in two steps. Candidates come from the search tables alone, each
part bounded however common the words are: the MAX_RESULTS most recent entries that
match and pass the filters (on PostgreSQL the tag, author and section filters are
tokens of the indexed terms), and the best of the matches whose title holds the words,
whatever their age (relevance over every match, not over the most recent ones). Then
the candidates are checked against the articles themselves
(Article.objects.published(now): visibility is decided at query time; section and dates
again) and ordered.

- PostgresEngine (search.postgres): French full-text search (french_unaccent
  configuration: stemming, accents ignored), websearch syntax (quoted phrases,
  -exclusions, "or"). Ranked by ts_rank on the title (weight A), standfirst and tags
  (B), plus a floor for a match in the body alone (C), times a gentle recency boost;
  a title-like query also finds and favours titles close to it (a word dropped,
  swapped or changed).
- FallbackEngine (SQLite, the demo): every word of the query, folded to ASCII and
  crudely stemmed, must start a word of the folded text ("-mot" excludes one; quotes
  are ignored); articles whose title holds them all come first (the MAX_RESULTS most
  recent of them are candidates too), then by date. Only portable lookups: it runs
  anywhere.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import reduce
from operator import and_

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    Case,
    IntegerField,
    Prefetch,
    Q,
    When,
)
from django.utils import timezone
from taggit.models import TaggedItem

from access.readers import shared_body
from articles.models import Article, ArticleAuthor
from search.highlight import excerpt, matcher, plain_text
from search.models import SearchEntry
from search.normalize import excluded_stems, fold, query_stems

# At most this many results (20 pages of 10), and this many candidates per part
# (search.postgres): bounded time and a bounded count, however common the words.
MAX_RESULTS = getattr(settings, "SEARCH_MAX_RESULTS", 200)

RELEVANCE = "pertinence"
DATE = "date"


@dataclass
class SearchParams:
    q: str = ""
    section_ids: list = field(default_factory=list)  # a section and its descendants
    tag: object = None
    author: object = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = RELEVANCE

    @property
    def has_filters(self):
        return bool(self.section_ids or self.tag or self.author or self.date_from or self.date_to)

    def period(self):
        """(start, end) aware datetimes of the date range, either may be None."""
        start = end = None
        if self.date_from:
            start = timezone.make_aware(datetime.combine(self.date_from, time.min))
        if self.date_to:
            end = timezone.make_aware(datetime.combine(self.date_to + timedelta(days=1), time.min))
        return start, end


def _tagged(tag):
    return TaggedItem.objects.filter(
        tag=tag, content_type=ContentType.objects.get_for_model(Article)
    ).values("object_id")


def _signed_by(author):
    return ArticleAuthor.objects.filter(author=author).values("article_id")


def article_filters(params, with_tag_and_author=True):
    """The filters, checked on the articles themselves at query time.

    Tag and author may be left out when the candidates already applied them.
    """
    conditions = Q()
    start, end = params.period()
    if params.section_ids:
        conditions &= Q(section_id__in=params.section_ids)
    if start:
        conditions &= Q(published_at__gte=start)
    if end:
        conditions &= Q(published_at__lt=end)
    if with_tag_and_author and params.tag is not None:
        conditions &= Q(pk__in=_tagged(params.tag))
    if with_tag_and_author and params.author is not None:
        conditions &= Q(pk__in=_signed_by(params.author))
    return conditions


def result_cards(queryset):
    """What a result card shows (section, byline), in a fixed number of queries.

    Article.objects.for_listing() without the tags and the image, which the result
    card does not show: taggit's prefetch builds a queryset per article, a good part
    of the page's time.
    """
    bylines = ArticleAuthor.objects.select_related("author").order_by("position")
    return queryset.select_related("section").prefetch_related(Prefetch("bylines", bylines))


def _merge(same_titles, matches, by_date):
    """Ids of both lists of (pk, published_at), each once, at most MAX_RESULTS: the
    exact titles first, or, sorted by date, everything newest first."""
    seen = {pk for pk, _ in same_titles}
    rows = same_titles + [row for row in matches if row[0] not in seen]
    if by_date:
        rows.sort(key=lambda row: (row[1], row[0]), reverse=True)
    return [pk for pk, _ in rows[:MAX_RESULTS]]


def _in_order(articles, ids):
    by_id = {article.pk: article for article in articles}
    return [by_id[pk] for pk in ids if pk in by_id]


class Engine:
    def candidates(self, params, now):
        """A subquery of the ids of the candidates that pass the filters (the
        MAX_RESULTS most recent matches and the best title matches), or None when
        nothing can match."""
        raise NotImplementedError

    def ranked(self, queryset, params, now):
        """``queryset`` of published articles, best match first."""
        raise NotImplementedError

    def highlight_prefixes(self, params):
        """Folded prefixes of the words to mark in excerpts."""
        return query_stems(params.q)

    def title_key(self, q):
        """The query as SearchEntry.title_text holds a title (folded the same way)."""
        return fold(q)

    def same_titles(self, params, published):
        """(pk, published_at) of the visible articles titled exactly as the query, that
        pass every filter, newest first: an index lookup, however old they are."""
        # "-mot" is search syntax, not a pasted title: "financement -hôpital" must not
        # list "Financement, hôpital". A number keeps a title whole ("Ondam : -3 %").
        excludes_a_word = any(not stem.isdigit() for stem in excluded_stems(params.q))
        if excludes_a_word or not fold(params.q).strip():
            return []
        titled = published.filter(
            article_filters(params), search_entry__title_text=self.title_key(params.q)
        )
        titled = titled.order_by("-published_at", "-pk").values_list("pk", "published_at")
        return list(titled[:MAX_RESULTS])

    def ranked_ids(self, params, now=None):
        now = now or timezone.now()
        published = Article.objects.published(now)
        if not params.q:
            # Filters alone: the latest articles that pass them.
            latest = published.filter(article_filters(params)).values_list("pk", flat=True)
            return list(latest[:MAX_RESULTS])
        same_titles = self.same_titles(params, published)
        # Only stop-words or punctuation: nothing to look for, on both engines.
        candidates = self.candidates(params, now) if query_stems(params.q) else None
        matches = []
        if candidates is not None:
            # Candidates applied every filter; section and dates are checked again on
            # the articles (cheap, on the row), tag and author come from the candidates.
            queryset = published.filter(article_filters(params, with_tag_and_author=False))
            queryset = self.exact(queryset.filter(pk__in=candidates), params)
            if params.sort == DATE:
                queryset = queryset.order_by("-published_at", "-pk")
            else:
                queryset = self.ranked(queryset, params, now)
            matches = list(queryset.values_list("pk", "published_at")[:MAX_RESULTS])
        return _merge(same_titles, matches, by_date=params.sort == DATE)

    def exact(self, queryset, params):
        """``queryset`` restricted to exact matches, when candidates are approximate."""
        return queryset

    def page(self, ids, params, now=None):
        """The articles of ``ids`` (one page), in that order, each with an ``excerpt``."""
        now = now or timezone.now()
        articles = list(result_cards(Article.objects.published(now).filter(pk__in=list(ids))))
        if params.q:
            pattern = matcher(self.highlight_prefixes(params))
            for article in articles:
                # Never from the reserved part of a subscriber article (access.readers).
                text = plain_text(article.standfirst, shared_body(article))
                article.excerpt = excerpt(text, pattern)
        return _in_order(articles, ids)


class FallbackEngine(Engine):
    def candidates(self, params, now):
        stems = query_stems(params.q)
        conditions = reduce(and_, (Q(text__contains=f" {s}") for s in stems))
        for excluded in excluded_stems(params.q):
            conditions &= ~Q(text__contains=f" {excluded}")
        start, end = params.period()
        if params.section_ids:
            conditions &= Q(section_id__in=params.section_ids)
        if start:
            conditions &= Q(published_at__gte=start)
        if end:
            conditions &= Q(published_at__lt=end)
        if params.tag is not None:
            conditions &= Q(article_id__in=_tagged(params.tag))
        if params.author is not None:
            conditions &= Q(article_id__in=_signed_by(params.author))
        entries = SearchEntry.objects.filter(conditions, published_at__lte=now)
        recent = entries.order_by("-published_at").values("article_id")[:MAX_RESULTS]
        # The articles whose title holds every word rank first (ranked()): the most
        # recent MAX_RESULTS of them are candidates too, however many newer articles
        # hold the words elsewhere.
        in_title = reduce(and_, (Q(title_text__contains=f" {s}") for s in stems))
        titled = entries.filter(in_title).order_by("-published_at").values("article_id")
        return SearchEntry.objects.filter(
            Q(article_id__in=recent) | Q(article_id__in=titled[:MAX_RESULTS])
        ).values("article_id")

    def ranked(self, queryset, params, now):
        stems = query_stems(params.q)
        in_title = reduce(and_, (Q(search_entry__title_text__contains=f" {s}") for s in stems))
        title_match = Case(When(in_title, then=1), default=0, output_field=IntegerField())
        return queryset.annotate(title_match=title_match).order_by(
            "-title_match", "-published_at", "-pk"
        )


def get_engine():
    """Full-text search on PostgreSQL, the fallback elsewhere."""
    if connection.vendor == "postgresql":
        from search.postgres import PostgresEngine

        return PostgresEngine()
    return FallbackEngine()
