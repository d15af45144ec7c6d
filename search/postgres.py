"""The PostgreSQL search engine: French full-text search on SearchEntry and SearchHead.

Candidates, each part bounded however common the words, then ranked exactly:

- recent: the MAX_RESULTS most recent entries whose ``terms`` match the query (and the
  filters, which are tokens of the same vector). PostgreSQL picks between walking the
  entries newest first (common words) and its GIN index (rare words) from its
  statistics. It estimates several words as independent, which they are not
  ("intelligence artificielle"): when every word of the query is common, the most
  recent WINDOW entries are tried first, and the planner only asked if fewer than
  MAX_RESULTS of them match. Body-only matches rank by date alone (below), so these
  are the best of them.
- heads: the MAX_RESULTS best-ranked of EVERY entry whose title, standfirst or tags
  hold the whole query (SearchHead.head, narrow rows, GIN index), whatever its age.
  When even the query's rarest word is in more than HEAD_BUDGET heads (statistics),
  only the HEAD_WINDOW most recent heads are ranked: bounded work.
- near titles, for a title-like query (NEAR_MIN_WORDS words or more, no phrase, no
  exclusion): titles holding all of its telling words but one (a word dropped,
  changed, or the words in another order), ranked the same way; they need not match
  every word.

Ranking: (ts_rank on the head (title A, standfirst and tags B) + BODY_ONLY_RANK, so
that a match in the body alone ranks below) times a gentle recency boost, plus, for a
title-like query (TITLE_LIKE_WORDS words or more), a bonus for a title close to it
(pg_trgm similarity of the folded title above NEAR_FLOOR), which does not fade with age.
"""

import re
import time

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import FloatField
from django.db.models.expressions import RawSQL

from search import engines
from search.indexing import CONFIG, FOLD_SQL
from search.models import SearchEntry, SearchHead
from search.normalize import query_stems, stem

# A match in the body alone ranks as this (a title match ranks about 0.6).
BODY_ONLY_RANK = 0.05
# Entries tried first when every word is common (see above).
WINDOW = 5000
# A word is common above this share of the entries (PostgreSQL's statistics).
COMMON = 0.03
STATISTICS_TTL = 600  # seconds
# Heads ranked all at once up to this many matches (the rarest word's count, from the
# statistics); beyond, the HEAD_WINDOW most recent heads only.
HEAD_BUDGET = 3000
HEAD_WINDOW = 3000
# A title-like query: this many words (not stop-words) or more; its near titles are
# looked for from NEAR_MIN_WORDS words, with 4 to NEAR_MAX_WORDS telling ones (a
# longer query is no title remembered wrong, and each word adds a clause).
TITLE_LIKE_WORDS = 3
NEAR_MIN_WORDS = 4
NEAR_MAX_WORDS = 8
NEAR_LIMIT = 50
# Words in more than this share of the heads ("le") say nothing of a title, and an "or"
# of clauses makes GIN read their whole posting lists: near titles leave them out.
NEAR_COMMON = 0.5
# Title similarity (pg_trgm, 0 to 1) above the floor earns NEAR_WEIGHT per unit: a title
# with one word dropped scores about 0.85, one with another object about 0.6.
NEAR_FLOOR = 0.5
NEAR_WEIGHT = 4.0

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

HEADS_SQL = """
SELECT h.article_id FROM {head} h
WHERE h.{column} @@ {head_match} AND h.published_at <= %s {period} {negation}
ORDER BY {score} DESC
LIMIT %s
"""

# Common words: the HEAD_WINDOW most recent heads only.
HEADS_WINDOW_SQL = """
SELECT h.article_id FROM (
    SELECT w.article_id, w.head, w.title_text, w.published_at FROM {head} w
    WHERE w.published_at <= %s {period}
    ORDER BY w.published_at DESC
    LIMIT %s
) h
WHERE h.head @@ {head_match} {negation}
ORDER BY {score} DESC
LIMIT %s
"""

# An excluded word may be in the body: heads are checked against the whole entry.
NEGATION_SQL = """AND EXISTS (
    SELECT 1 FROM {entry} e WHERE e.article_id = h.article_id AND e.terms @@ {match}
)"""

_statistics = {}


def _read_statistics(table, column):
    """{"frequencies": {lexeme: share of rows} of the most common lexemes, "rows": the
    table's row count}, from ANALYZE's statistics, read again every STATISTICS_TTL s."""
    now = time.monotonic()
    cached = _statistics.get((table, column))
    if cached is None or now - cached["at"] > STATISTICS_TTL:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs,"
                " (SELECT reltuples FROM pg_class WHERE oid = %s::regclass) FROM pg_stats"
                " WHERE tablename = %s AND attname = %s AND schemaname = current_schema()",
                [table, table, column],
            )
            row = cursor.fetchone()
        frequencies = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        cached = {"at": now, "frequencies": frequencies, "rows": max(row[2], 0) if row else 0}
        _statistics[(table, column)] = cached
    return cached


def lexeme_frequencies():
    """{lexeme: share of entries} for the most common ones (the entries' terms)."""
    return _read_statistics(SearchEntry._meta.db_table, "terms")["frequencies"]


def head_statistics():
    """({lexeme: share of heads} for the most common ones, number of heads)."""
    statistics = _read_statistics(SearchHead._meta.db_table, "head")
    return statistics["frequencies"], statistics["rows"]


def _boost_sql(column):
    """RecencyBoost in SQL, on ``column``; one parameter: now."""
    return (
        "(1 + 0.5 * 90.0 / (90.0 + GREATEST(CAST(EXTRACT(EPOCH FROM (%s - "
        + column
        + ")) AS double precision), 0) / 86400.0))"
    )


def _tsquery_text(lexemes):
    """Every lexeme: a tsquery text."""
    quoted = ("'" + x.replace("\\", "\\\\").replace("'", "''") + "'" for x in lexemes)
    return " & ".join(quoted)


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
        parts = [self._candidates_sql(params, now), self._heads_sql(params, now)]
        if self._near_lexemes(params):
            parts.append(self._near_sql(params, now))
        sql = " UNION ".join(f"({part_sql})" for part_sql, _ in parts)
        args = [arg for _, part_args in parts for arg in part_args]
        # Reader input only travels as parameters; the SQL holds constants and ints.
        return RawSQL(sql, args)  # noqa: S611

    def _has_negation(self, params):
        return "!" in self.query_tree(params.q)

    def _filter_tokens(self, params):
        """The filters as a tsquery text (tokens of terms and head), or None."""
        tokens = []
        if params.section_ids:
            tokens.append("(" + " | ".join(f"'s={int(pk)}'" for pk in params.section_ids) + ")")
        if params.tag is not None:
            tokens.append(f"'t={int(params.tag.pk)}'")
        if params.author is not None:
            tokens.append(f"'a={int(params.author.pk)}'")
        return " & ".join(tokens) or None

    def _with_filters(self, sql, args, params):
        tokens = self._filter_tokens(params)
        if tokens is None:
            return sql, args
        return f"({sql} && %s::tsquery)", [*args, tokens]

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
        return self._with_filters(sql, args, params)

    def _head_match(self, params):
        """(SQL, params) of the tsquery a head must match: the whole query (heads keep
        positions: phrases too), filters included."""
        sql = f"websearch_to_tsquery('{CONFIG}'::regconfig, %s)"
        return self._with_filters(sql, [params.q], params)

    def _period(self, params, alias="e"):
        start, end = params.period()
        sql, args = "", []
        for bound, condition in ((start, ">="), (end, "<")):
            if bound:
                sql += f" AND {alias}.published_at {condition} %s"
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
        """(sql, params) of the recent candidates, placeholders in order."""
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

    def _heads_are_many(self, params):
        """Whether even the query's rarest word is in more than HEAD_BUDGET heads."""
        lexemes = self.lexemes(params)
        frequencies, rows = head_statistics()
        return bool(lexemes) and min(frequencies.get(x, 0) for x in lexemes) * rows > HEAD_BUDGET

    def _negation_sql(self, params):
        if not self._has_negation(params):
            return "", []
        match, match_args = self._match(params)
        entry = connection.ops.quote_name(SearchEntry._meta.db_table)
        return NEGATION_SQL.format(entry=entry, match=match), match_args

    def _heads_sql(self, params, now):
        """(sql, params) of the best-ranked heads that hold the whole query."""
        head = connection.ops.quote_name(SearchHead._meta.db_table)
        head_match, head_args = self._head_match(params)
        negation, negation_args = self._negation_sql(params)
        score, score_args = self.score_sql(params, now)
        if self._heads_are_many(params):
            period, period_args = self._period(params, alias="w")
            sql = HEADS_WINDOW_SQL.format(
                head=head, head_match=head_match, period=period, negation=negation, score=score
            )
            args = [now, *period_args, HEAD_WINDOW, *head_args, *negation_args, *score_args]
            return sql, [*args, engines.MAX_RESULTS]
        period, period_args = self._period(params, alias="h")
        sql = HEADS_SQL.format(
            head=head,
            column="head",
            head_match=head_match,
            period=period,
            negation=negation,
            score=score,
        )
        args = [*head_args, now, *period_args, *negation_args, *score_args]
        return sql, [*args, engines.MAX_RESULTS]

    def _title_like(self, params, words=TITLE_LIKE_WORDS):
        """Whether the query reads like a title: ``words`` words or more (not
        stop-words), no phrase, no exclusion."""
        if self.has_phrase(params) or self._has_negation(params):
            return False
        return len(query_stems(params.q)) >= words

    def _near_lexemes(self, params):
        """The telling lexemes of a query that may be a title remembered wrong
        (NEAR_MIN_WORDS words or more), else []."""
        if not self._title_like(params, NEAR_MIN_WORDS):
            return []
        frequencies, _ = head_statistics()
        lexemes = dict.fromkeys(self.lexemes(params))
        lexemes = [x for x in lexemes if frequencies.get(x, 0) < NEAR_COMMON]
        # At least three words in each "all but one" clause: two match too many titles.
        return lexemes if 4 <= len(lexemes) <= NEAR_MAX_WORDS else []

    def _near_sql(self, params, now):
        """(sql, params) of the titles holding every telling word of the query but one."""
        lexemes = self._near_lexemes(params)
        near = " | ".join(
            f"({_tsquery_text([x for x in lexemes if x != left_out])})" for left_out in lexemes
        )
        head = connection.ops.quote_name(SearchHead._meta.db_table)
        near_match, near_args = self._with_filters("%s::tsquery", [near], params)
        period, period_args = self._period(params, alias="h")
        score, score_args = self.score_sql(params, now)
        sql = HEADS_SQL.format(
            head=head,
            column="title_terms",
            head_match=near_match,
            period=period,
            negation="",
            score=score,
        )
        return sql, [*near_args, now, *period_args, *score_args, NEAR_LIMIT]

    def score_sql(self, params, now):
        """(sql, params) of the relevance of the SearchHead row ``h``."""
        sql = (
            f"(ts_rank(h.head, websearch_to_tsquery('{CONFIG}'::regconfig, %s))"
            f" + {BODY_ONLY_RANK}) * {_boost_sql('h.published_at')}"
        )
        args = [params.q, now]
        if self._title_like(params):
            key = FOLD_SQL.format(text="%s::text")
            sql += f" + {NEAR_WEIGHT} * GREATEST(similarity(h.title_text, {key}) - {NEAR_FLOOR}, 0)"
            args.append(params.q)
        return sql, args

    def exact(self, queryset, params):
        # The whole vector (out of line) is read for the phrase candidates only.
        if self.has_phrase(params):
            return queryset.filter(search_entry__vector=self.query(params))
        return queryset

    def ranked(self, queryset, params, now):
        # Scored on the narrow SearchHead row (one index lookup per candidate).
        score, args = self.score_sql(params, now)
        head = connection.ops.quote_name(SearchHead._meta.db_table)
        article = connection.ops.quote_name(queryset.model._meta.db_table)
        sql = f"COALESCE((SELECT {score} FROM {head} h WHERE h.article_id = {article}.id), 0)"  # noqa: S608
        score = RawSQL(sql, args, output_field=FloatField())  # noqa: S611  (parameters)
        return queryset.annotate(score=score).order_by("-score", "-published_at", "-pk")

    def highlight_prefixes(self, params):
        # French stems are not always prefixes ("hôpitaux" -> "hopital"): cut them a
        # little ("hopita"), and add the query's own words, stemmed crudely.
        lexemes = [stem(lexeme) for lexeme in self.lexemes(params) if len(lexeme) > 1]
        return lexemes + query_stems(params.q)
