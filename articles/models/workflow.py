"""What the editorial workflow records: transitions, corrections, share links, revision info."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone

from articles.models.articles import Status


class ArticleEvent(models.Model):
    """Something that happened to an article: by whom, and when."""

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-at", "-pk"]


class Transition(ArticleEvent):
    """One step of an article's editorial history: who moved it, when, from where to where."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField("de", max_length=20, choices=Status.choices)
    to_status = models.CharField("vers", max_length=20, choices=Status.choices)
    comment = models.TextField("commentaire", blank=True)

    class Meta(ArticleEvent.Meta):
        verbose_name = "étape éditoriale"
        verbose_name_plural = "historique éditorial"
        indexes = [
            # The editorial history shown on an article's admin page.
            models.Index(fields=["article", "-at"], name="transition_article_idx"),
        ]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class UpdateKind(models.TextChoices):
    UPDATE = "update", "Mise à jour"
    CORRECTION = "correction", "Correction"


class ArticleUpdate(ArticleEvent):
    """A substantive update or a correction, announced to readers with a short note."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="public_updates"
    )
    kind = models.CharField("type", max_length=20, choices=UpdateKind.choices)
    note = models.CharField(
        "note aux lecteurs",
        max_length=300,
        help_text="Affichée sous l'article, ex. : « Ajout de la réaction de la FHF ».",
    )

    class Meta(ArticleEvent.Meta):
        verbose_name = "mise à jour ou correction"
        verbose_name_plural = "mises à jour et corrections"
        indexes = [
            # The article page lists its updates and corrections.
            models.Index(fields=["article", "-at"], name="update_article_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.note}"


SHARE_LINK_SALT = "articles.share-link"


class ShareLinkQuerySet(models.QuerySet):
    def valid(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ShareLink(models.Model):
    """A read-only preview of one article for an outside reviewer, until it expires."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="share_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créé par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    expires_at = models.DateTimeField("expire le")
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    note = models.CharField(
        "destinataire", max_length=200, blank=True, help_text="Pour qui est ce lien ?"
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "lien de partage"
        verbose_name_plural = "liens de partage"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Aperçu de « {self.article} »"

    @property
    def token(self):
        return signing.dumps(self.pk, salt=SHARE_LINK_SALT)

    @classmethod
    def from_token(cls, token, now=None):
        """The valid link behind ``token``, or None (tampered, expired, revoked)."""
        try:
            pk = signing.loads(token, salt=SHARE_LINK_SALT)
        except signing.BadSignature:
            return None
        if not isinstance(pk, int):
            return None
        return cls.objects.valid(now).select_related("article").filter(pk=pk).first()

    @staticmethod
    def default_expiry(days=7):
        return timezone.now() + timedelta(days=days)

    def is_valid(self, now=None):
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


class ArticleRevisionInfo(models.Model):
    """What django-reversion's Version rows cannot hold for an article: its tags, and
    whether the revision is an autosave (text typed but not saved by its writer)."""

    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.CASCADE, related_name="article_info"
    )
    tags = models.JSONField("mots-clés", default=list)
    # An autosave holds the form as typed; the article row itself is unchanged. It was
    # typed on top of ``base_version`` of the article (the version lock's number).
    autosave = models.BooleanField("enregistrement automatique", default=False)
    base_version = models.PositiveIntegerField("version de départ", null=True, blank=True)

    class Meta:
        verbose_name = "informations de révision"
        verbose_name_plural = "informations de révision"

    def __str__(self):
        return f"Révision {self.revision_id}"
