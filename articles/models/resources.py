import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from articles.uploads import validate_resource_file


def resource_upload_to(instance, filename):
    # Never trust the uploaded name: keep only a short, safe extension.
    suffix = PurePath(filename).suffix.lower()[:10]
    if not suffix[1:].isalnum():
        suffix = ""
    return f"ressources/{uuid.uuid4().hex}{suffix}"


class Resource(models.Model):
    """A document or page listed under "Ressources" on an article."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="resources"
    )
    title = models.CharField("titre", max_length=200)
    url = models.URLField("lien", max_length=500, blank=True)
    file = models.FileField(
        "fichier",
        upload_to=resource_upload_to,
        blank=True,
        validators=[validate_resource_file],
        help_text="PDF ou document bureautique (Word, Excel, PowerPoint, LibreOffice).",
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "ressource"
        verbose_name_plural = "ressources"
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file=""))
                | (~models.Q(url="") & models.Q(file="")),
                name="resource_url_xor_file",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if bool(self.url) == bool(self.file):
            raise ValidationError("Indiquez soit un lien, soit un fichier (l'un des deux).")

    @property
    def href(self):
        # Files go through a view that forces a download with safe headers.
        return reverse("articles:resource_download", args=[self.pk]) if self.file else self.url
