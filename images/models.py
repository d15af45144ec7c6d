import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone

from images import renditions
from images.validation import CleanImage, process_upload

logger = logging.getLogger(__name__)

ALT_TEXT_REQUIRED = (
    "Décrivez l'image pour les personnes qui ne la voient pas, ou cochez « image décorative »."
)


def original_upload_to(instance, filename):
    """A generated name: nothing of the uploaded name (nor its "../") is kept."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in {"jpg", "png", "webp"}:
        extension = "jpg"
    return f"images/originals/{uuid.uuid4().hex}.{extension}"


def _unit_interval():
    return [MinValueValidator(0.0), MaxValueValidator(1.0)]


class Image(models.Model):
    """A photo or illustration of the library, reusable across articles."""

    file = models.ImageField("fichier", upload_to=original_upload_to, max_length=200)
    width = models.PositiveIntegerField("largeur (px)", editable=False)
    height = models.PositiveIntegerField("hauteur (px)", editable=False)
    alt_text = models.CharField(
        "texte alternatif",
        max_length=300,
        blank=True,
        help_text="Ce que montre l'image, pour les lecteurs d'écran et si l'image ne charge pas.",
    )
    is_decorative = models.BooleanField(
        "image décorative",
        default=False,
        help_text="Purement décorative : aucun texte alternatif, les lecteurs d'écran l'ignorent.",
    )
    caption = models.CharField("légende", max_length=500, blank=True)
    credit = models.CharField(
        "crédit",
        max_length=200,
        help_text="Auteur et ayant droit, ex. « Jeanne Martin / Agence Santé Presse ».",
    )
    focal_x = models.FloatField(
        "point focal (horizontal)",
        null=True,
        blank=True,
        validators=_unit_interval(),
        help_text="De 0 (bord gauche) à 1 (bord droit). Les recadrages restent centrés dessus.",
    )
    focal_y = models.FloatField(
        "point focal (vertical)",
        null=True,
        blank=True,
        validators=_unit_interval(),
        help_text="De 0 (haut) à 1 (bas).",
    )
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="importée par",
        db_index=False,  # covered by image_uploader_idx
    )
    uploaded_at = models.DateTimeField("importée le", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "image"
        verbose_name_plural = "images"
        ordering = ["-uploaded_at", "-pk"]
        indexes = [
            # Photothèque (admin list and hero picker): newest first, date hierarchy.
            models.Index(fields=["-uploaded_at"], name="image_uploaded_idx"),
            # Admin filter "importée par", newest first; also serves the user FK.
            models.Index(fields=["uploader", "-uploaded_at"], name="image_uploader_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_decorative=True) | ~models.Q(alt_text=""),
                name="image_alt_text_unless_decorative",
                violation_error_message=ALT_TEXT_REQUIRED,
            ),
            models.CheckConstraint(
                condition=(models.Q(focal_x__isnull=True) & models.Q(focal_y__isnull=True))
                | (
                    models.Q(focal_x__gte=0, focal_x__lte=1)
                    & models.Q(focal_y__gte=0, focal_y__lte=1)
                ),
                name="image_focal_point_in_frame",
                violation_error_message="Le point focal a deux coordonnées entre 0 et 1.",
            ),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._remember_state()

    def __str__(self):
        label = self.alt_text or self.caption or f"Image n° {self.pk or '?'}"
        return label if len(label) <= 80 else f"{label[:79]}…"

    @property
    def orientation(self):
        if not (self.width and self.height):
            return ""
        if self.width > self.height:
            return "paysage"
        return "portrait" if self.height > self.width else "carré"

    @property
    def alt(self):
        """The alt attribute: empty for a decorative image."""
        return "" if self.is_decorative else self.alt_text

    def clean(self):
        errors = {}
        if not self.is_decorative and not self.alt_text.strip():
            errors["alt_text"] = ALT_TEXT_REQUIRED
        if (self.focal_x is None) != (self.focal_y is None):
            errors["focal_y" if self.focal_y is None else "focal_x"] = (
                "Indiquez les deux coordonnées du point focal, ou aucune."
            )
        if errors:
            raise ValidationError(errors)

    # -- Saving: clean file first, row and file together, renditions once ----------

    def _remember_state(self):
        raw = self.__dict__.get("file")
        self._saved_state = (
            getattr(raw, "name", raw) or "",
            self.__dict__.get("focal_x"),
            self.__dict__.get("focal_y"),
        )

    def save(self, *args, **kwargs):
        new_upload = bool(self.file) and not self.file._committed
        clean = None
        if new_upload:
            # Anything not already checked is checked now: never store an unchecked file.
            clean = process_upload(self.file.file)
            if clean is not self.file.file:
                self.file = clean
            self.width, self.height = clean.width, clean.height
        old_name, old_x, old_y = self._saved_state
        try:
            with transaction.atomic():
                super().save(*args, **kwargs)
        except BaseException:
            # The file was written before the row: remove it if the row did not land.
            if new_upload and self.file._committed and self.file.name:
                self.file.storage.delete(self.file.name)
            raise
        self._remember_state()
        self._after_save(clean, old_name, old_x, old_y)

    def _after_save(self, clean, old_name, old_x, old_y):
        storage = self.file.storage
        file_changed = self.file.name != old_name
        focal_changed = (self.focal_x, self.focal_y) != (old_x, old_y)
        if file_changed or focal_changed:
            try:
                content = clean.data if isinstance(clean, CleanImage) else None
                renditions.generate_renditions(self, content=content)
            except Exception:
                # The row is saved; `manage.py generate_renditions` makes what is missing.
                logger.exception("Renditions of image %s could not be generated", self.pk)
        if old_name and file_changed:
            transaction.on_commit(lambda: delete_image_files(storage, old_name))
        elif old_name and focal_changed:
            stale = set(
                renditions.rendition_names(old_name, self.width, self.height, old_x, old_y)
            ) - set(renditions.rendition_names(old_name, self.width, self.height,
                                               self.focal_x, self.focal_y))  # fmt: skip
            transaction.on_commit(lambda: renditions.delete_files(storage, stale))


def delete_image_files(storage, name):
    """The original and every rendition of it."""
    renditions.delete_all_renditions(storage, name)
    renditions.delete_files(storage, [name])
