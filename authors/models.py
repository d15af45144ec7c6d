import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse

from articles.slugs import french_slugify, unique_slug


# Author photos used to be uploaded here, unchecked; they are library images now
# (``Author.photo``). Kept for the migrations that name it.
def author_photo_upload_to(instance, filename):
    suffix = PurePath(filename).suffix.lower()
    if suffix not in {".jpg", ".jpeg", ".png", ".webp", ".gif"}:
        suffix = ".jpg"
    return f"auteurs/{uuid.uuid4().hex}{suffix}"


class Author(models.Model):
    name = models.CharField("nom", max_length=120, help_text="Prénom et nom, tels que signés.")
    slug = models.SlugField(
        "identifiant d'URL", max_length=140, unique=True, blank=True,
        help_text="Laisser vide pour le générer à partir du nom.",
    )  # fmt: skip
    job_title = models.CharField("fonction", max_length=160, blank=True)
    bio = models.TextField("biographie", blank=True)
    # A library image, not a file of its own: portraits go through the library's safe
    # upload path (format read from the content, caps, EXIF/GPS stripped, renditions).
    photo = models.ForeignKey(
        "images.Image",
        verbose_name="photo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="author_photos",
        help_text="Choisie dans la photothèque ; « + » importe une nouvelle image "
        "(ses métadonnées, dont la position GPS, sont retirées).",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="compte utilisateur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )

    class Meta:
        verbose_name = "auteur"
        verbose_name_plural = "auteurs"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("authors:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if not self.slug:

            def taken(candidates):
                others = Author.objects.filter(slug__in=candidates).exclude(pk=self.pk)
                return others.values_list("slug", flat=True)

            self.slug = unique_slug(french_slugify(self.name, fallback="auteur"), taken)
        super().save(*args, **kwargs)
