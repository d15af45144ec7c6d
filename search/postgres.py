"""The PostgreSQL search engine: French full-text search on SearchEntry.

Candidates: the MAX_RESULTS most recent entries whose ``terms`` match the query (and
the filters, which are tokens of the same vector), so that the work stays bounded
however common the words. PostgreSQL picks between walking the entries newest first
(common words) and its GIN index (rare words) from its statistics. It estimates
several words as independent, which they are not ("intelligence artificielle"): when
every word of the query is common, the most recent WINDOW entries are tried first,
and the planner only asked if fewer than MAX_RESULTS of them match.

Ranking: ts_rank on ``head`` (title A, standfirst and tags B) plus BODY_ONLY_RANK, so
that a match in the body alone (C) ranks below, times a gentle recency boost.
"""

import re
import time

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import DateTimeField, F, FloatField, Func, Value
from django.db.models.expressions import RawSQL

from search import engines
from search.indexing import CONFIG, FOLD_SQL
from search.models import SearchEntry
from search.normalize import query_stems, stem

# A match in the body alone ranks as this (a title match ranks about 0.6).
BODY_ONLY_RANK = 0.05
# Entries tried first when every word is common (see above).
WINDOW = 5000
# A word is common above this share of the entries (PostgreSQL's statistics).
COMMON = 0.03
STATISTICS_TTL = 600  # seconds

# In a tsquery's text form: a quoted lexeme, or a phrase operator (<->, <2>…).
_LEXEME_OR_PHRASE = re.compile(r"'((?:[^']|'')*)'|<(?:-|\d+)>")

CANDIDATES_SQL = """
SELECT e.article_id FROM {entry} e
WHERE e.terms @@ {match} AND e.published_at <= %s {period}
ORDER BY e.published_at DESC
LIMIT %s
"""

# The WINDOW most recent entries first; the planner's query only if they fall short.
WINDOW_FIRST_SQL = """
WITH recent AS MATERIALIZED (
    SELECT w.article_id FROM (
        SELECT e.article_id, e.published_at, e.terms FROM {entry} e
        WHERE e.published_at <= %s {period}
        ORDER BY e.published_at DESC
        LIMIT %s
    ) w
    WHERE w.terms @@ {match}
    ORDER BY w.published_at DESC
    LIMIT %s
)
SELECT article_id FROM recent WHERE (SELECT count(*) FROM recent) >= %s
UNION ALL
SELECT article_id FROM ({candidates}) c WHERE (SELECT count(*) FROM recent) < %s
"""

_statistics = {"at": None, "frequencies": {}}


def lexeme_frequencies():
    """{lexeme: share of entries} for the most common ones, from ANALYZE's statistics
    (read again every STATISTICS_TTL seconds)."""
    now = time.monotonic()
    if _statistics["at"] is None or now - _statistics["at"] > STATISTICS_TTL:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
                " WHERE tablename = %s AND attname = 'terms' AND schemaname = current_schema()",
                [SearchEntry._meta.db_table],
            )
            row = cursor.fetchone()
        _statistics["frequencies"] = dict(zip(*row, strict=False)) if row and row[0] else {}
        _statistics["at"] = now
    return _statistics["frequencies"]


class RecencyBoost(Func):
    """1 + 0.5 × 90 / (90 + age in days): ×1.5 today, ×1.25 at three months, ×1.1 at
    a year, ×1.02 at five years. Gentle: a title match still outranks a match in the
    body alone, however old it is."""

    arg_joiner = " - "
    template = (
        "(1 + 0.5 * 90.0 / (90.0 + GREATEST(CAST(EXTRACT(EPOCH FROM (%(expressions)s))"
        " AS double precision), 0) / 86400.0))"
    )
    output_field = FloatField()

    def __init__(self, now):
        super().__init__(Value(now, output_field=DateTimeField()), F("published_at"))


class PostgresEngine(engines.Engine):
    def __init__(self):
        self._trees = {}

    def query(self, params):
        return SearchQuery(params.q, search_type="websearch", config=CONFIG)

    def query_tree(self, q):
        """querytree(): the query's positive part, '' without words, 'T' with only
        negations (which no index can serve)."""
        if q not in self._trees:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT querytree(websearch_to_tsquery(%s::regconfig, %s))", [CONFIG, q]
                )
                self._trees[q] = cursor.fetchone()[0]
        return self._trees[q]

    def lexemes(self, params):
        """The lexemes the query requires or allows (not those it excludes)."""
        matches = _LEXEME_OR_PHRASE.finditer(self.query_tree(params.q))
        return [m.group(1).replace("''", "'") for m in matches if m.group(1) is not None]

    def has_phrase(self, params):
        tree = self.query_tree(params.q)
        return any(m.group(1) is None for m in _LEXEME_OR_PHRASE.finditer(tree))

    def all_words(self, params):
        """The query's positive part with phrases loosened to "all these words"."""
        tree = self.query_tree(params.q)
        return _LEXEME_OR_PHRASE.sub(lambda m: m.group() if m.group(1) is not None else "&", tree)

    def title_key(self, q):
        # Folded by the SQL that folds the indexed titles (unaccent, not unidecode):
        # both sides of the equality always agree.
        return RawSQL(FOLD_SQL.format(text="%s::text"), [q])  # noqa: S611  (a parameter)

    def candidates(self, params, now):
        if self.query_tree(params.q) in ("", "T"):
            return None
        sql, args = self._candidates_sql(params, now)
        # Reader input only travels as parameters; the SQL holds constants and ints.
        return RawSQL(sql, args)  # noqa: S611

    def _match(self, params):
        """(SQL, params) of the tsquery the terms must match, filters included."""
        # The terms carry no positions: with a phrase, the candidates are the entries
        # holding all the words that are not excluded (the query tree keeps those);
        # exact() then checks the whole query on those only.
        if self.has_phrase(params):
            sql, args = "%s::tsquery", [self.all_words(params)]
        else:
            sql, args = f"websearch_to_tsquery('{CONFIG}'::regconfig, %s)", [params.q]
        # Filters are tokens of the terms vector: one GIN lookup answers them all.
        tokens = []
        if params.section_ids:
            tokens.append("(" + " | ".join(f"'s={int(pk)}'" for pk in params.section_ids) + ")")
        if params.tag is not None:
            tokens.append(f"'t={int(params.tag.pk)}'")
        if params.author is not None:
            tokens.append(f"'a={int(params.author.pk)}'")
        if tokens:
            sql = f"({sql} && %s::tsquery)"
            args.append(" & ".join(tokens))
        return sql, args

    def _period(self, params):
        start, end = params.period()
        sql, args = "", []
        for bound, condition in ((start, ">="), (end, "<")):
            if bound:
                sql += f" AND e.published_at {condition} %s"
                args.append(bound)
        return sql, args

    def _all_common(self, params):
        """Several words, all common (statistics read at most every STATISTICS_TTL s)."""
        lexemes = self.lexemes(params)
        if len(lexemes) < 2:
            return False
        frequencies = lexeme_frequencies()
        return all(frequencies.get(lexeme, 0) >= COMMON for lexeme in lexemes)

    def _candidates_sql(self, params, now):
        """(sql, params) of the candidates query, placeholders in order."""
        limit = engines.MAX_RESULTS
        entry = connection.ops.quote_name(SearchEntry._meta.db_table)
        match, match_args = self._match(params)
        period, period_args = self._period(params)
        sql = CANDIDATES_SQL.format(entry=entry, match=match, period=period)
        args = [*match_args, now, *period_args, limit]
        if not self._all_common(params):
            return sql, args
        window_sql = WINDOW_FIRST_SQL.format(
            entry=entry, match=match, period=period, candidates=sql
        )
        window_args = [now, *period_args, WINDOW, *match_args, limit, limit]
        return window_sql, [*window_args, *args, limit]

    def exact(self, queryset, params):
        # The whole vector (out of line) is read for the phrase candidates only.
        if self.has_phrase(params):
            return queryset.filter(search_entry__vector=self.query(params))
        return queryset

    def ranked(self, queryset, params, now):
        rank = SearchRank(F("search_entry__head"), self.query(params)) + BODY_ONLY_RANK
        return queryset.annotate(score=rank * RecencyBoost(now)).order_by(
            "-score", "-published_at", "-pk"
        )

    def highlight_prefixes(self, params):
        # French stems are not always prefixes ("hôpitaux" -> "hopital"): cut them a
        # little ("hopita"), and add the query's own words, stemmed crudely.
        lexemes = [stem(lexeme) for lexeme in self.lexemes(params) if len(lexeme) > 1]
        return lexemes + query_stems(params.q)
