from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """One article as the search engines see it, kept in step by search.signals.

    Every article has an entry, whatever its status: what readers may see is decided
    at query time, by Article.objects.published(), never here.

    PostgreSQL only (created by migration 0001, not declared in Meta because SQLite
    cannot build them): the GIN index on ``vector`` serves the search query
    (``vector @@ websearch_to_tsquery(...)``), and the ``french_unaccent`` text search
    configuration it is built with.
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    # Title (weight A), standfirst and tags (B), body (C); NULL on SQLite.
    vector = SearchVectorField(null=True, editable=False)
    # The same text folded to " lower ascii words " (search.normalize.fold), for the
    # fallback engine's word-prefix ``contains`` lookups.
    text = models.TextField(blank=True, default=" ")
    title_text = models.TextField(blank=True, default=" ")
    # Copies of the article's columns, so that the candidate query reads this table
    # alone; results are always re-checked against the article itself.
    published_at = models.DateTimeField(null=True, blank=True)
    section_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "entrée de l'index de recherche"
        verbose_name_plural = "entrées de l'index de recherche"
        indexes = [
            # Search candidates (both engines): the most recent matches first, and the
            # date-range filter.
            models.Index(fields=["-published_at"], name="search_entry_published_idx"),
        ]

    def __str__(self):
        return f"Index de l'article {self.article_id}"
