"""Bulk-create synthetic published articles, fast, for load and pagination testing.

    python manage.py generate_articles 100000 [--batch-size 2000] [--seed 42]

Bypasses Article.save(): slugs are precomputed (title slug + a per-run token +
a counter, checked against the database batch by batch), bodies are generated
as already-clean HTML, and created/modified are set explicitly. Bylines and tags
are bulk-inserted with the article pks that bulk_create returns (PostgreSQL,
SQLite >= 3.35). Each batch is its own transaction.
"""

import random
import secrets
import time
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.demo import content, synthetic
from articles.models import Article, ArticleAuthor, Section, Status
from articles.models.listing_entries import ListingEntry, refresh_listing_entries
from articles.slugs import french_slugify
from authors.models import Author

FIVE_YEARS = 5 * 365 * 24 * 3600
MIN_TAGS = 10
SLUG_BASE_LENGTH = 150  # leaves room for "-<token>-<counter>" within the 200 allowed


@contextmanager
def explicit_timestamps(model):
    """Let bulk_create keep the created/modified values we set.

    bulk_create calls each field's pre_save(), which stamps auto_now/auto_now_add
    fields with the current time; switch those flags off for the duration.
    """
    fields = [
        (f, f.auto_now, f.auto_now_add)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    try:
        for f, _, _ in fields:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, auto_now, auto_now_add in fields:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class Command(BaseCommand):
    help = "Crée N articles publiés synthétiques en masse (tests de charge)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="Nombre d'articles à créer.")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--seed", type=int, default=None, help="Graine du générateur (contenu reproductible)."
        )

    def handle(self, *args, count, batch_size, seed, **options):
        if count < 0:
            raise CommandError("Le nombre d'articles doit être positif.")
        if batch_size < 1:
            raise CommandError("--batch-size doit être au moins 1.")
        self.check_returning_pks()

        started = time.monotonic()
        rng = random.Random(seed)
        section_ids, author_ids, tag_ids = self.pools()
        section_slugs = set(Section.objects.values_list("slug", flat=True))
        content_type = ContentType.objects.get_for_model(Article)
        # The token makes this run's slugs disjoint from every other run's.
        token = secrets.token_hex(3)
        now = timezone.now()

        created = 0
        while created < count:
            size = min(batch_size, count - created)
            with transaction.atomic():
                articles = self.build_articles(rng, size, created, token, now, section_ids)
                self.avoid_slug_collisions(articles, section_slugs)
                with explicit_timestamps(Article):
                    Article.objects.bulk_create(articles, batch_size=self.insert_size(Article))
                bylines, tagged = self.build_links(rng, articles, author_ids, tag_ids, content_type)
                ArticleAuthor.objects.bulk_create(
                    bylines, batch_size=self.insert_size(ArticleAuthor)
                )
                TaggedItem.objects.bulk_create(tagged, batch_size=self.insert_size(TaggedItem))
                # bulk_create sends no signal: the lists' entries, from the rows just made.
                refresh_listing_entries([article.pk for article in articles])
            created += size
            elapsed = time.monotonic() - started
            self.stdout.write(f"  {created}/{count} articles ({elapsed:.1f} s)")

        self.settle_listing_entries()
        elapsed = time.monotonic() - started
        rate = created / elapsed if elapsed else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"{created} articles créés en {elapsed:.1f} s ({rate:.0f} articles/s)."
            )
        )

    def settle_listing_entries(self):
        """PostgreSQL: VACUUM ANALYZE the tables just bulk-loaded, so that lists and their
        counts are index-only scans at once and the planner knows their sizes (autovacuum
        would, later: meanwhile the bylines of a page of cards, estimated at 16 000 rows
        for 37, went to a parallel plan, 5 ms instead of 0.3). Not possible inside a
        transaction (tests): skipped there."""
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return
        from taggit.models import TaggedItem

        tables = [
            model._meta.db_table for model in (Article, ArticleAuthor, TaggedItem, ListingEntry)
        ]
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")

    # ------------------------------------------------------------------ setup

    def check_returning_pks(self):
        if not connection.features.can_return_rows_from_bulk_insert:
            raise CommandError(
                "Cette base ne renvoie pas les identifiants après un insert en masse "
                "(SQLite >= 3.35 ou PostgreSQL requis)."
            )

    def pools(self):
        """Ids of the sections, authors and tags to draw from, creating defaults if needed."""
        section_ids = list(Section.objects.values_list("pk", flat=True))
        if not section_ids:
            section = Section.objects.create(
                name="Actualités",
                slug="actualites",
                description="Rubrique créée par generate_articles.",
            )
            section_ids = [section.pk]
            self.stdout.write("Aucune rubrique : « Actualités » a été créée.")

        author_ids = list(Author.objects.values_list("pk", flat=True))
        if not author_ids:
            for spec in content.AUTHORS:
                author = Author.objects.create(
                    name=spec["name"], job_title=spec["job_title"], bio=spec["bio"]
                )
                author_ids.append(author.pk)
            self.stdout.write(f"Aucun auteur : {len(author_ids)} auteurs ont été créés.")

        if Tag.objects.count() < MIN_TAGS:
            for name in content.TAGS:
                if not Tag.objects.filter(name__iexact=name).exists():
                    Tag.objects.create(name=name)
            self.stdout.write("Peu de mots-clés : le jeu de mots-clés de démonstration a été créé.")
        tag_ids = list(Tag.objects.values_list("pk", flat=True))
        return section_ids, author_ids, tag_ids

    @staticmethod
    def insert_size(model):
        """Rows per INSERT: keep under the server-side limit of 65 535 bound parameters."""
        return max(1, min(2000, 60000 // len(model._meta.concrete_fields)))

    # ------------------------------------------------------------------ rows

    @staticmethod
    def build_articles(rng, size, offset, token, now, section_ids):
        articles = []
        for i in range(offset + 1, offset + size + 1):
            title = synthetic.make_title(rng)
            base = french_slugify(title, max_length=SLUG_BASE_LENGTH)
            published_at = now - timedelta(seconds=rng.randint(3600, FIVE_YEARS))
            created = published_at - timedelta(seconds=rng.randint(600, 3 * 24 * 3600))
            modified = min(now, published_at + timedelta(seconds=rng.randint(0, 2 * 24 * 3600)))
            updated_at = None
            if rng.random() < 0.05:
                updated_at = min(now, published_at + timedelta(hours=rng.randint(2, 72)))
                modified = max(modified, updated_at)
            articles.append(
                Article(
                    title=title,
                    slug=f"{base}-{token}-{i}",
                    standfirst=synthetic.make_standfirst(rng),
                    body=synthetic.make_body(rng),
                    section_id=rng.choice(section_ids),
                    status=Status.PUBLISHED,
                    published_at=published_at,
                    updated_at=updated_at,
                    created=created,
                    modified=modified,
                )
            )
        return articles

    @staticmethod
    def avoid_slug_collisions(articles, section_slugs):
        """One indexed lookup per batch; a taken slug (never seen in practice) gets a suffix."""
        slugs = [a.slug for a in articles]
        taken = set(Article.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        taken |= section_slugs.intersection(slugs)
        for article in articles:
            if article.slug not in taken:
                continue
            base, n = article.slug, 2
            while f"{base}-{n}" in taken or Article.objects.filter(slug=f"{base}-{n}").exists():
                n += 1
            article.slug = f"{base}-{n}"
            taken.add(article.slug)

    @staticmethod
    def build_links(rng, articles, author_ids, tag_ids, content_type):
        bylines, tagged = [], []
        max_authors = min(3, len(author_ids))
        max_tags = min(5, len(tag_ids))
        for article in articles:
            if article.pk is None:
                raise CommandError("bulk_create n'a pas renvoyé les identifiants des articles.")
            n_authors = min(max_authors, rng.choices((1, 2, 3), weights=(6, 3, 1))[0])
            for position, author_id in enumerate(rng.sample(author_ids, n_authors)):
                bylines.append(
                    ArticleAuthor(article_id=article.pk, author_id=author_id, position=position)
                )
            for tag_id in rng.sample(tag_ids, rng.randint(min(2, max_tags), max_tags)):
                tagged.append(
                    TaggedItem(content_type=content_type, object_id=article.pk, tag_id=tag_id)
                )
        return bylines, tagged
