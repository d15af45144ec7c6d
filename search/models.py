from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """One article as the search engines see it, kept in step by search.signals.

    Every article has an entry, whatever its status: what readers may see is decided
    at query time, by Article.objects.published(), never here.

    On PostgreSQL (migration 0001 sets the storage; SQLite leaves the vectors NULL):

    - ``terms`` matches and filters: the article's lexemes without positions, plus one
      token per filter value ("s=<section id>", "t=<tag id>", "a=<author id>"). Stored
      in the row, uncompressed, so that checking a row costs no TOAST lookup; its GIN
      index (created by migration 0001, not declared here: SQLite cannot build it)
      serves the search query ``terms @@ websearch_to_tsquery('french_unaccent', …)``.
    - ``head`` ranks: title (weight A), standfirst and tag names (B), with positions.
      Small, stored in the row.
    - ``vector`` is the whole weighted document (title A, standfirst and tags B, body C)
      with positions, stored out of line: read only to check quoted phrases.
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    vector = SearchVectorField(null=True, editable=False)
    terms = SearchVectorField(null=True, editable=False)
    head = SearchVectorField(null=True, editable=False)
    # Title, standfirst, tags and body folded to " lower ascii words "
    # (search.normalize.fold), for the fallback engine's word-prefix ``contains``.
    text = models.TextField(blank=True, default=" ")
    title_text = models.TextField(blank=True, default=" ")
    # Copies of the article's columns: candidates are chosen on this table alone, the
    # results are always checked against the articles themselves.
    published_at = models.DateTimeField(null=True, blank=True)
    section_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "entrée de l'index de recherche"
        verbose_name_plural = "entrées de l'index de recherche"
        indexes = [
            # Search candidates, both engines: the most recent matches first
            # (ORDER BY published_at DESC LIMIT n), and the date-range filter.
            models.Index(fields=["-published_at"], name="search_entry_published_idx"),
            # A pasted title finds its article first, whatever its age: an equality
            # on the folded title (search.engines.Engine.same_titles).
            models.Index(fields=["title_text"], name="search_entry_title_idx"),
        ]

    def __str__(self):
        return f"Index de l'article {self.article_id}"


class SearchHead(models.Model):
    """The ranking side of an entry, PostgreSQL only (SQLite leaves it empty): a narrow
    row (a few hundred bytes, against kilobytes for SearchEntry) so that relevance is
    computed over every match whose title, standfirst or tags hold the query, not
    only over the most recent matches (search.postgres).

    - ``head``: SearchEntry.head (title A, standfirst and tags B, with positions) plus
      the filter tokens of SearchEntry.terms ("s=…", "t=…", "a=…"), which no query
      word can produce, so that ts_rank is unchanged. GIN index (migration 0004).
    - ``title_text``: the folded title, scored by pg_trgm's similarity() against the
      query: a title pasted with a word missing, swapped or changed still comes first.

    Deleted with its entry (trash, article deleted).
    """

    entry = models.OneToOneField(
        SearchEntry,
        on_delete=models.CASCADE,
        primary_key=True,
        db_column="article_id",
        related_name="ranking",
    )
    head = SearchVectorField(null=True, editable=False)
    # The title's lexemes alone (head's weight A, no positions) and the filter tokens:
    # near titles are looked for here (GIN index, migration 0005), whose lists are a
    # fraction of the head's.
    title_terms = SearchVectorField(null=True, editable=False)
    title_text = models.TextField(blank=True, default=" ")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "en-tête de l'index de recherche"
        verbose_name_plural = "en-têtes de l'index de recherche"
        indexes = [
            # Near titles and head matches within a date range (search.postgres).
            models.Index(fields=["-published_at"], name="search_head_published_idx"),
        ]

    def __str__(self):
        return f"En-tête de l'article {self.entry_id}"
