from django.core.exceptions import ValidationError
from django.db import models, transaction

from articles.addresses import path_url
from articles.models.access import Access

# Top-level URL prefixes that a top-level section's slug would shadow.
RESERVED_SLUGS = frozenset(
    {"admin", "tags", "auteurs", "static", "media", "recherche", "flux", "sitemap.xml",
     "robots.txt", "apercu", "api", "comptes", "ressources"}
)  # fmt: skip


class SectionQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True).order_by("position", "name")

    def with_descendants(self, section):
        """The section and every section below it, at any depth."""
        return self.filter(models.Q(pk=section.pk) | models.Q(path__startswith=f"{section.path}/"))

    def ancestors_of(self, section):
        """Root first, the section itself last: the breadcrumb, in one query."""
        parts = section.path.split("/")
        paths = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return self.filter(path__in=paths).order_by("depth")


class Section(models.Model):
    name = models.CharField("nom", max_length=120)
    slug = models.SlugField(
        "identifiant d'URL",
        max_length=120,
        help_text="Partie de l'adresse de la rubrique, en minuscules et sans accents.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="rubrique parente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Laisser vide pour une rubrique principale.",
    )
    position = models.PositiveSmallIntegerField(
        "ordre", default=0, help_text="Les rubriques sont classées par ordre croissant."
    )
    description = models.TextField("description", blank=True)
    access = models.CharField(
        "accès par défaut",
        max_length=10,
        choices=Access.choices,
        blank=True,
        help_text=(
            "Accès des articles de la rubrique, sauf choix contraire sur l'article. "
            "Laisser vide pour reprendre celui de la rubrique parente "
            "(libre pour une rubrique principale)."
        ),
    )
    # The default in force, from this section or the nearest ancestor that sets one:
    # recomputed on save (with the branch), read by every card without a query.
    resolved_access = models.CharField(
        "accès appliqué",
        max_length=10,
        choices=Access.choices,
        default=Access.FREE,
        editable=False,
    )
    # Denormalised from the tree on save so that URLs resolve in one query.
    path = models.CharField("chemin", max_length=500, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField("profondeur", default=0, editable=False)
    root = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Rubrique principale de la branche (vide pour une rubrique principale).",
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = "rubrique"
        verbose_name_plural = "rubriques"
        ordering = ["path"]
        constraints = [
            # Two sisters cannot share a slug: their paths would collide.
            models.UniqueConstraint(
                fields=["parent", "slug"], name="section_unique_slug_per_parent"
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(parent__isnull=True),
                name="section_unique_top_level_slug",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return path_url(self.path)

    def clean(self):
        if self.parent_id is None and self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": "Cet identifiant est réservé par le site."})
        if self.pk and self.parent_id:
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError(
                        {"parent": "Une rubrique ne peut pas être rangée sous elle-même."}
                    )
                ancestor = ancestor.parent
        if self.parent_id:
            from articles.models.articles import Article

            if Article.objects.filter(section_id=self.parent_id, slug=self.slug).exists():
                raise ValidationError(
                    {"slug": "Un article de la rubrique parente porte déjà cet identifiant."}
                )

    def _computed_tree_fields(self):
        if self.parent is None:
            return self.slug, 0, None, self.access or Access.FREE
        return (
            f"{self.parent.path}/{self.slug}",
            self.parent.depth + 1,
            self.parent.root_id or self.parent_id,
            self.access or self.parent.resolved_access,
        )

    @transaction.atomic
    def save(self, *args, **kwargs):
        before = None
        if self.pk:
            before = (
                Section.objects.filter(pk=self.pk).values_list("path", "resolved_access").first()
            )
        self.path, self.depth, self.root_id, self.resolved_access = self._computed_tree_fields()
        super().save(*args, **kwargs)
        if before is None:
            return
        moved = before[0] != self.path
        if moved or before[1] != self.resolved_access:
            # Moving or renaming a section moves its whole branch; a new default access
            # applies to the branch too, down to the sections that set their own.
            for child in self.children.all():
                child._moved_with_parent = True
                child.save()
        if moved and not getattr(self, "_moved_with_parent", False):
            # The branch's articles now list under other ancestors (listing entries).
            from articles.models.articles import Article
            from articles.models.listing_entries import refresh_listing_entries

            branch = Section.objects.with_descendants(self)
            refresh_listing_entries(
                Article.all_objects.filter(section__in=branch).values_list("pk", flat=True)
            )
