from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from articles.sanitize import BODY_EDITOR_EXTENSIONS, sanitize_body
from articles.slugs import french_slugify, unique_slug


class Status(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publié"


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What readers may see. Every public view, feed and sitemap starts here."""
        return self.filter(
            status=Status.PUBLISHED, published_at__lte=now or timezone.now()
        ).order_by("-published_at", "-pk")

    def for_listing(self):
        """What an article card needs (section, byline, tags), in a fixed number of queries."""
        from articles.models.articles import ArticleAuthor

        return self.select_related("section").prefetch_related(
            Prefetch(
                "bylines",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position"),
            ),
            "tags",
        )

    def for_detail(self):
        return self.for_listing().prefetch_related("resources")

    def in_sections(self, sections):
        return self.filter(section__in=sections)

    def featured(self):
        return self.filter(featured=True).order_by("home_position", "-published_at")


class Article(models.Model):
    title = models.CharField("titre", max_length=255)
    slug = models.SlugField(
        "identifiant d'URL",
        max_length=200,
        unique=True,
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
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publié le",
        null=True,
        blank=True,
        help_text="Date et heure de publication affichées aux lecteurs (heure de Paris).",
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

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "article"
        verbose_name_plural = "articles"
        # Drafts (no date) last on every database.
        ordering = [models.F("published_at").desc(nulls_last=True), "-pk"]
        permissions = [("publish_article", "Peut publier et dépublier un article")]
        indexes = [
            # published(): home "latest", tag pages, author pages, feeds.
            models.Index(fields=["status", "-published_at"], name="article_published_idx"),
            # Section pages and the home page's per-section blocks.
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_pub_idx"
            ),
            # Home page "À la une": a handful of rows out of the whole table.
            models.Index(
                fields=["home_position", "-published_at"],
                condition=models.Q(featured=True),
                name="article_featured_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:resolve", kwargs={"path": f"{self.section.path}/{self.slug}"})

    @property
    def is_public(self):
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

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
        super().save(*args, **kwargs)


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
