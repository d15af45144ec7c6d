"""Two search engines behind one interface.

``engine.ranked_ids(params, now)`` returns the ids of the matching articles, best
first, at most MAX_RESULTS of them; ``engine.page(ids, params, now)`` loads one page of
those articles for display, each with an ``excerpt`` (safe HTML, matches in <mark>).

Every result comes from Article.objects.published(now): visibility is decided at
query time, whatever the index holds. Both engines pick their candidates from the
SearchEntry table alone (its date and section columns are copies, used only to
choose), then check them against the articles themselves.

- PostgresEngine: French full-text search (french_unaccent configuration), ranked by
  ts_rank with weights title A > standfirst and tags B > body C, times a gentle
  recency boost; excerpts by ts_headline.
- FallbackEngine (SQLite, the demo): every word of the query, folded to ASCII and
  crudely stemmed, must start a word of the folded text; articles whose title holds
  them all come first, then by date. Only portable lookups: it runs anywhere.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import reduce
from operator import and_

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    DateTimeField,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
)
from django.utils import timezone
from taggit.models import TaggedItem

from articles.models import Article, ArticleAuthor
from search.highlight import START_SEL, STOP_SEL, highlight, marked_to_html
from search.indexing import CONFIG, PLAIN_BODY_SQL
from search.models import SearchEntry
from search.normalize import query_stems

# Results are the best of at most this many candidates, the most recent matches:
# bounded time (and a bounded count) however common the words are.
MAX_RESULTS = 1000

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


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def entry_filters(params):
    """Conditions on SearchEntry (copied columns) that choose candidates."""
    conditions = Q()
    if params.section_ids:
        conditions &= Q(section_id__in=params.section_ids)
    if params.date_from:
        conditions &= Q(published_at__gte=_day_start(params.date_from))
    if params.date_to:
        conditions &= Q(published_at__lt=_day_start(params.date_to + timedelta(days=1)))
    if params.tag is not None:
        conditions &= Q(
            article_id__in=TaggedItem.objects.filter(
                tag=params.tag, content_type=ContentType.objects.get_for_model(Article)
            ).values("object_id")
        )
    if params.author is not None:
        conditions &= Q(
            article_id__in=ArticleAuthor.objects.filter(author=params.author).values("article_id")
        )
    return conditions


def article_filters(params):
    """The same filters, checked on the articles themselves (authoritative)."""
    conditions = Q()
    if params.section_ids:
        conditions &= Q(section_id__in=params.section_ids)
    if params.date_from:
        conditions &= Q(published_at__gte=_day_start(params.date_from))
    if params.date_to:
        conditions &= Q(published_at__lt=_day_start(params.date_to + timedelta(days=1)))
    return conditions


def _in_order(articles, ids):
    by_id = {article.pk: article for article in articles}
    return [by_id[pk] for pk in ids if pk in by_id]


class Engine:
    def candidates(self, params, now):
        """Matching entries (a SearchEntry queryset), or None when nothing can match."""
        raise NotImplementedError

    def ranked(self, queryset, params, now):
        """``queryset`` of published articles, best match first."""
        raise NotImplementedError

    def excerpts(self, articles, params):
        raise NotImplementedError

    def ranked_ids(self, params, now=None):
        now = now or timezone.now()
        published = Article.objects.published(now).filter(article_filters(params))
        if not params.q:
            # Filters alone: the latest articles that pass them.
            ids = published.values_list("pk", flat=True)[:MAX_RESULTS]
            return list(ids)
        # Only stop-words (or punctuation): nothing to look for, on both engines.
        candidates = self.candidates(params, now) if query_stems(params.q) else None
        if candidates is None:
            return []
        candidates = candidates.filter(entry_filters(params), published_at__lte=now)
        chosen = candidates.order_by("-published_at").values("article_id")[:MAX_RESULTS]
        matches = published.filter(pk__in=chosen)
        if params.sort == DATE:
            matches = matches.order_by("-published_at", "-pk")
        else:
            matches = self.ranked(matches, params, now)
        return list(matches.values_list("pk", flat=True))

    def page(self, ids, params, now=None):
        """The articles of ``ids`` (one page), in that order, each with an ``excerpt``."""
        now = now or timezone.now()
        articles = Article.objects.published(now).filter(pk__in=list(ids)).for_listing()
        articles = self.excerpts(articles, params) if params.q else articles.defer("body")
        return _in_order(articles, ids)


class RecencyBoost(Func):
    """1 + 0.5 × 90 / (90 + age in days): ×1.5 today, ×1.25 at three months, ×1.1 at
    a year, ×1.02 at five years. Gentle: a title match (weight A) still outranks a body
    match (weight C) however old it is."""

    arg_joiner = " - "
    template = (
        "(1 + 0.5 * 90.0 / (90.0 + GREATEST(CAST(EXTRACT(EPOCH FROM (%(expressions)s))"
        " AS double precision), 0) / 86400.0))"
    )
    output_field = FloatField()

    def __init__(self, now):
        super().__init__(Value(now, output_field=DateTimeField()), F("published_at"))


class ExcerptSource(Func):
    """Standfirst + body as plain text (tags removed as in search.indexing), without
    the highlight sentinels, for ts_headline."""

    arg_joiner = " || ' ' || "
    template = "translate(%(expressions)s, U&'\\E000\\E001', '')"
    output_field = TextField()

    def __init__(self):
        super().__init__(
            Func(F("standfirst"), template="coalesce(%(expressions)s, '')"),
            Func(F("body"), template=PLAIN_BODY_SQL.format(body="%(expressions)s")),
        )


class PostgresEngine(Engine):
    def query(self, params):
        return SearchQuery(params.q, search_type="websearch", config=CONFIG)

    def candidates(self, params, now):
        # No word at all (only stop-words or punctuation) matches nothing; only
        # negations ("-santé") would read the whole index: no result either.
        if self._query_tree(params) in ("", "T"):
            return None
        return SearchEntry.objects.filter(vector=self.query(params))

    def _query_tree(self, params):
        """querytree(): '' for a query without words, 'T' when it cannot use the index."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT querytree(websearch_to_tsquery(%s::regconfig, %s))", [CONFIG, params.q]
            )
            return cursor.fetchone()[0]

    def ranked(self, queryset, params, now):
        score = SearchRank(F("search_entry__vector"), self.query(params)) * RecencyBoost(now)
        return queryset.annotate(score=score).order_by("-score", "-published_at", "-pk")

    def excerpts(self, articles, params):
        headline = SearchHeadline(
            ExcerptSource(),
            self.query(params),
            config=CONFIG,
            start_sel=START_SEL,
            stop_sel=STOP_SEL,
            max_words=35,
            min_words=20,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        articles = list(articles.defer("body").annotate(headline=headline))
        for article in articles:
            article.excerpt = marked_to_html(article.headline, article.standfirst)
        return articles


class FallbackEngine(Engine):
    def candidates(self, params, now):
        stems = query_stems(params.q)
        if not stems:
            return None
        return SearchEntry.objects.filter(
            reduce(and_, (Q(text__contains=f" {stem}") for stem in stems))
        )

    def ranked(self, queryset, params, now):
        stems = query_stems(params.q)
        in_title = reduce(and_, (Q(search_entry__title_text__contains=f" {s}") for s in stems))
        title_match = Case(When(in_title, then=1), default=0, output_field=IntegerField())
        return queryset.annotate(title_match=title_match).order_by(
            "-title_match", "-published_at", "-pk"
        )

    def excerpts(self, articles, params):
        stems = query_stems(params.q)
        articles = list(articles)
        for article in articles:
            article.excerpt = highlight(article.standfirst, article.body, stems)
        return articles


def get_engine():
    """Full-text search on PostgreSQL, the fallback elsewhere."""
    return PostgresEngine() if connection.vendor == "postgresql" else FallbackEngine()
