from django.conf import settings
from django.db import models, transaction
from django.db.models import Subquery
from django.db.models.lookups import IsNull
from django.dispatch import Signal
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from articles.addresses import path_url
from articles.models.access import Access
from articles.sanitize import BODY_EDITOR_EXTENSIONS, sanitize_body
from articles.slugs import french_slugify, unique_slug


class Status(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    REVIEW = "review", "À relire"
    CHANGES_REQUESTED = "changes_requested", "Corrections demandées"
    SCHEDULED = "scheduled", "Programmé"
    PUBLISHED = "published", "Publié"
    UNPUBLISHED = "unpublished", "Dépublié"


# What articles.models.listing_entries copies or derives its rows from.
LISTED_FIELDS = frozenset(
    {"status", "published_at", "unpublish_at", "deleted_at", "section", "section_id"}
)

# Approved for readers: visible once published_at has come, until unpublish_at.
# A scheduled article whose time has passed simply is published: no worker flips it.
LIVE_STATUSES = (Status.SCHEDULED, Status.PUBLISHED)


def published_q(now=None):
    """The condition "readers may see it now", for combining with other conditions."""
    now = now or timezone.now()
    return (
        (models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now))
        & models.Q(status__in=LIVE_STATUSES)
        & models.Q(published_at__lte=now)
    )


# queryset.update() and bulk_create() send no post_save: ArticleQuerySet sends these
# instead (pks: the rows concerned; ``state``: a dict shared by the pair around one
# update). The page cache's invalidation (pagecache.invalidation) listens.
rows_changing = Signal()
rows_changed = Signal()


class ArticleQuerySet(models.QuerySet):
    # Bulk writes skip save(): they clean the body themselves, so that no write path
    # (scripts, imports, the shell) stores markup the sanitiser would refuse.
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for each in objs:
            each.body = sanitize_body(each.body)
        created = super().bulk_create(objs, *args, **kwargs)
        pks = [each.pk for each in created if each.pk is not None]
        rows_changed.send(sender=Article, pks=pks, created=True)
        return created

    def published(self, now=None):
        """What readers may see, decided at query time.

        Every public view, feed and sitemap starts here.
        """
        return self.filter(published_q(now)).order_by("-published_at", "-pk")

    # for_listing()/for_feed()/for_detail(): the relations attached when the rows are
    # fetched (articles.models.cards), without a queryset per article.
    _card_relations = ()

    def for_listing(self):
        """What an article card needs (section, image, byline), in a fixed number of
        queries: the articles, then their bylines (one query, however many).

        Without the body (no card shows it, and it is most of a row) and without the
        tags, which no card shows (feeds, which do, use for_feed())."""
        return self._with_card_relations(("bylines",)).defer("body")

    def for_feed(self):
        """A feed item: what a card needs, and the tags (its categories)."""
        return self._with_card_relations(("bylines", "tags")).defer("body")

    def _with_card_relations(self, relations):
        clone = self.select_related("section", "hero_image")
        clone._card_relations = relations
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._card_relations = self._card_relations
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is not None
        super()._fetch_all()
        if self._card_relations and not fetched:
            from articles.models.cards import attach_card_relations

            attach_card_relations(self._result_cache, self._card_relations)

    def for_detail(self):
        # public_updates: the updates and corrections listed under the article.
        return self._with_card_relations(("bylines", "tags")).prefetch_related(
            "resources", "public_updates"
        )

    def in_sections(self, sections):
        return self.filter(section__in=sections)

    def featured(self):
        return self.filter(featured=True).order_by("home_position", "-published_at")

    def update(self, **kwargs):
        """A bulk update (trash, restore, workflow, scripts) keeps the listing entries
        exact when it changes what they copy or derive from."""
        from articles.models.listing_entries import refresh_listing_entries

        if isinstance(kwargs.get("body"), str):  # an expression (F, Value…) is left as is
            kwargs["body"] = sanitize_body(kwargs["body"])
        with transaction.atomic(using=self.db):
            ids = list(self.values_list("pk", flat=True))
            # The page cache hears of the rows before and after (no post_save here).
            state = {}
            rows_changing.send(sender=Article, pks=ids, state=state)
            updated = super().update(**kwargs)
            if LISTED_FIELDS.intersection(kwargs):
                refresh_listing_entries(ids, using=self.db)
            rows_changed.send(sender=Article, pks=ids, state=state)
        return updated

    update.alters_data = True

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "body" in fields:
            for each in objs:
                each.body = sanitize_body(each.body)
        return super().bulk_update(objs, fields, *args, **kwargs)

    bulk_update.alters_data = True


class LiveArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    """The default manager: trashed articles do not exist for any public or staff surface.

    Being the default, it also serves related managers (``section.articles``,
    ``related_articles``…), the admin and reversion's lookups. Only the trash
    (articles.trash, its admin) and the purge reach trashed rows, through
    ``Article.all_objects`` or ``TrashedArticle.objects``.
    """

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class TrashedArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=False)


class Article(models.Model):
    title = models.CharField("titre", max_length=255)
    slug = models.SlugField(
        "identifiant d'URL",
        max_length=200,
        # Unique among articles not in the trash (constraint article_unique_live_slug):
        # a trashed article frees its address; restoring it picks a free one if taken.
        blank=True,
        help_text="Rempli à partir du titre ; laissez vide pour le générer. Évitez de le "
        "changer après publication : l'adresse de l'article changerait.",
    )
    standfirst = models.TextField(
        "chapô", help_text="Deux ou trois phrases qui résument l'article, affichées sous le titre."
    )
    body = ProseEditorField(
        "texte",
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        sanitize=sanitize_body,
        blank=True,
        help_text="Utilisez les intertitres (niveau 2) pour structurer l'article.",
    )
    hero_image = models.ForeignKey(
        "images.Image",
        verbose_name="image principale",
        null=True,
        blank=True,
        # An image still shown on an article cannot be deleted from the library.
        on_delete=models.PROTECT,
        related_name="hero_of",
        help_text="Choisie dans la photothèque ; affichée en tête d'article et sur les cartes.",
    )
    hero_caption = models.CharField(
        "légende (pour cet article)",
        max_length=500,
        blank=True,
        help_text="Remplace la légende de la photothèque pour cet article seulement.",
    )
    section = models.ForeignKey(
        "articles.Section",
        verbose_name="rubrique",
        on_delete=models.PROTECT,
        related_name="articles",
    )
    authors = models.ManyToManyField(
        "authors.Author",
        verbose_name="auteurs",
        through="articles.ArticleAuthor",
        related_name="articles",
        blank=True,
    )
    tags = TaggableManager(
        "mots-clés",
        blank=True,
        help_text="Séparés par des virgules, ex. : « hôpital, financement, PLFSS ».",
    )
    related_articles = models.ManyToManyField(
        "self",
        verbose_name="articles liés",
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text="Choisis par la rédaction ; affichés en premier sous l'article, "
        "complétés automatiquement par des articles aux mots-clés proches.",
    )
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publié le",
        null=True,
        blank=True,
        help_text="Date et heure de publication affichées aux lecteurs (heure de Paris).",
    )
    unpublish_at = models.DateTimeField(
        "dépublier le",
        null=True,
        blank=True,
        help_text="Facultatif : l'article disparaît du site à cette date (heure de Paris).",
    )
    updated_at = models.DateTimeField(
        "mis à jour le",
        null=True,
        blank=True,
        editable=False,
        help_text="Renseignée seulement quand un éditeur signale une mise à jour.",
    )
    featured = models.BooleanField(
        "à la une", default=False, help_text="Affiche l'article en tête de la page d'accueil."
    )
    access = models.CharField(
        "accès",
        max_length=10,
        choices=Access.choices,
        blank=True,
        help_text=(
            "« Abonnés » : les autres lecteurs voient le titre, le chapô et le début du "
            "texte. Laisser vide pour l'accès par défaut de la rubrique."
        ),
    )
    home_position = models.PositiveSmallIntegerField(
        "position à la une", default=0, help_text="Ordre parmi les articles à la une (1 = premier)."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créé par",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField("créé le", auto_now_add=True)
    modified = models.DateTimeField("modifié le", auto_now=True)
    # Optimistic locking: a save only lands if the row still has the version the
    # form was built from (checked in the UPDATE itself, see save()).
    version = models.PositiveIntegerField("version", default=1, editable=False)
    # Trash (articles.trash): set when the article is deleted, cleared when it is restored.
    deleted_at = models.DateTimeField("supprimé le", null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="supprimé par",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LiveArticleManager()
    # Live and trashed articles alike: for the trash and the purge only.
    all_objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "article"
        verbose_name_plural = "articles"
        # Drafts (no date) last on every database.
        ordering = [models.F("published_at").desc(nulls_last=True), "-pk"]
        permissions = [("publish_article", "Peut publier et dépublier un article")]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(deleted_at__isnull=True),
                name="article_unique_live_slug",
                violation_error_message="Un autre article utilise déjà cet identifiant d'URL.",
            ),
        ]
        indexes = [
            # published(): home "latest", tag pages, author pages, feeds.
            models.Index(fields=["status", "-published_at"], name="article_published_idx"),
            # Section pages and the home page's per-section blocks.
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_pub_idx"
            ),
            # Editorial calendar: articles by publication day.
            models.Index(fields=["published_at"], name="article_calendar_idx"),
            # Home page "À la une": a handful of rows out of the whole table.
            models.Index(
                fields=["home_position", "-published_at"],
                condition=models.Q(featured=True),
                name="article_featured_idx",
            ),
            # The trash and its purge: a handful of rows out of the whole table.
            models.Index(
                fields=["deleted_at"],
                condition=models.Q(deleted_at__isnull=False),
                name="article_trash_idx",
            ),
            # The page cache's next boundary (pagecache.boundaries.next_change): the
            # earliest expiry still to come, among the few articles that have one.
            models.Index(
                fields=["unpublish_at"],
                condition=models.Q(unpublish_at__isnull=False),
                name="article_expiry_idx",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def effective_access(self):
        """This article's level, or its section's default (no query: the section is
        loaded with every card and article page)."""
        return self.access or self.section.resolved_access

    @property
    def for_subscribers(self):
        return self.effective_access == Access.SUBSCRIBERS

    def get_absolute_url(self):
        return path_url(f"{self.section.path}/{self.slug}")

    def is_public_at(self, now):
        return (
            self.deleted_at is None
            and self.status in LIVE_STATUSES
            and self.published_at is not None
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def is_trashed(self):
        return self.deleted_at is not None

    @property
    def is_public(self):
        return self.is_public_at(timezone.now())

    @property
    def effective_status(self):
        """The status as readers experience it right now (label for the admin)."""
        now = timezone.now()
        if self.status in LIVE_STATUSES and self.published_at:
            if self.unpublish_at and self.unpublish_at <= now:
                return "Expiré"
            if self.published_at <= now:
                return Status.PUBLISHED.label
            return Status.SCHEDULED.label
        return self.get_status_display()

    @property
    def was_updated(self):
        return bool(self.updated_at and self.published_at and self.updated_at > self.published_at)

    def available_slug(self, wanted=None):
        """A slug from ``wanted`` (or the title) that no other article nor sister section uses."""
        from articles.models.sections import Section

        def taken(candidates):
            articles = Article.objects.filter(slug__in=candidates).exclude(pk=self.pk)
            sections = Section.objects.filter(parent_id=self.section_id, slug__in=candidates)
            return {
                *articles.values_list("slug", flat=True),
                *sections.values_list("slug", flat=True),
            }

        return unique_slug(french_slugify(wanted or self.title), taken)

    def mark_updated(self, when=None):
        """An editor signals a substantive update: readers will see "Mis à jour le"."""
        self.updated_at = when or timezone.now()

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body)
        if not self.slug:
            self.slug = self.available_slug()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if not self._state.adding:
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            self._expected_version = self.version
            self.version += 1
        try:
            with transaction.atomic(using=kwargs.get("using") or "default"):
                super().save(*args, **kwargs)
                self._refresh_listing_entries(kwargs.get("update_fields"))
        except Exception:
            # Nothing was written: the in-memory copy keeps the version it was read at.
            if self._expected_version is not None:
                self.version = self._expected_version
            raise
        finally:
            self._expected_version = None

    _expected_version = None

    def _refresh_listing_entries(self, update_fields):
        if update_fields is not None and not LISTED_FIELDS.intersection(update_fields):
            return
        from articles.models.listing_entries import refresh_listing_entries

        refresh_listing_entries([self.pk], using=self._state.db or "default")

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        """The UPDATE carries ``WHERE version = <the version we read>``.

        No row updated means someone saved in between: refuse, never overwrite.
        """
        if self._expected_version is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        locked_qs = base_qs.filter(version=self._expected_version)
        if super()._do_update(locked_qs, using, pk_val, values, update_fields, True):
            return True
        if base_qs.filter(pk=pk_val).exists():
            raise StaleArticleError(self)
        return False


class TrashedArticle(Article):
    """The trash: articles deleted in the admin, restorable until they are purged."""

    objects = TrashedArticleManager()

    class Meta:
        proxy = True
        default_manager_name = "objects"
        # Access is access.staff.can_manage_trash (editors who may delete articles).
        default_permissions = ()
        verbose_name = "article de la corbeille"
        verbose_name_plural = "articles de la corbeille"
        ordering = ["-deleted_at", "-pk"]


class StaleArticleError(Exception):
    """The article was saved by someone else since this copy was read."""

    def __init__(self, article):
        super().__init__(f"L'article {article.pk} a été modifié entre-temps.")
        self.article = article


def any_published(now=None, **lookups):
    """A filter condition for another model's rows: some article readers may see now
    matches ``lookups`` (e.g. ``bylines__author=OuterRef("pk")``).

    A scalar subquery with LIMIT 1 rather than Exists(): PostgreSQL flattens an EXISTS
    into a hash semi-join that reads every article (160 ms at 100 000 articles for the
    search form's author list); the LIMIT keeps it a walk of the relation's index that
    stops at the first published article (under 1 ms).
    """
    first = Article.objects.published(now).filter(**lookups).order_by().values("pk")[:1]
    return IsNull(Subquery(first), False)


class ArticleAuthor(models.Model):
    """A byline: which author signs which article, in which order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        "authors.Author", verbose_name="auteur", on_delete=models.PROTECT, related_name="bylines"
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "signature"
        verbose_name_plural = "signatures"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author"),
        ]
        indexes = [
            # Author pages: the articles an author signed.
            models.Index(fields=["author", "article"], name="byline_author_idx"),
        ]

    def __str__(self):
        return str(self.author)
