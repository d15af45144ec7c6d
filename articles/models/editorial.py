from django.db import models


class CallToActionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_active=True).order_by("-modified").first()


class CallToAction(models.Model):
    """The box closing every article page; its text is chosen by editors."""

    text = models.CharField(
        "texte",
        max_length=300,
        help_text="Ex. : « Besoin d'informations complémentaires ? Contactez notre service "
        "d'études ».",
    )
    link_label = models.CharField("libellé du lien", max_length=80, blank=True)
    link_url = models.URLField("adresse du lien", blank=True)
    is_active = models.BooleanField(
        "affiché",
        default=True,
        help_text="Seul l'encadré actif le plus récemment modifié est affiché.",
    )
    modified = models.DateTimeField("modifié le", auto_now=True)

    objects = CallToActionQuerySet.as_manager()

    class Meta:
        verbose_name = "encadré d'appel à l'action"
        verbose_name_plural = "encadrés d'appel à l'action"

    def __str__(self):
        return self.text
