"""Subscriptions, managed by editors in the admin: a reader's own, or an organisation's
for its staff (by verified e-mail domain, within its seats, or from its networks).

Access runs from ``starts_at`` to ``ends_at``, to the minute (Europe/Paris in the admin);
whether a reader may read an article is decided by access.readers alone.
"""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone


class PeriodQuerySet(models.QuerySet):
    def current(self, now=None):
        """In force at ``now``: started, not ended."""
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)


class Period(models.Model):
    starts_at = models.DateTimeField(
        "début", default=timezone.now, help_text="Heure de Paris. L'accès s'ouvre à cette minute."
    )
    ends_at = models.DateTimeField(
        "fin", help_text="Heure de Paris. L'accès se ferme à cette minute."
    )

    objects = PeriodQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "La fin doit suivre le début."})

    def is_current(self, now=None):
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at


class Subscription(Period):
    """A reader's own subscription."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lecteur",
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    note = models.CharField(
        "note", max_length=255, blank=True, help_text="Pour la rédaction : offre, facture…"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "abonnement individuel"
        verbose_name_plural = "abonnements individuels"
        ordering = ["-ends_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="subscription_ends_after_start"
            ),
        ]
        indexes = [
            # access.readers: a reader's subscriptions still running (reader, ends_at > now).
            models.Index(fields=["reader", "ends_at"], name="subscription_reader_idx"),
        ]

    def __str__(self):
        return f"Abonnement de {self.reader.email or self.reader.get_username()}"


class Organisation(Period):
    """A hospital, an agency, a laboratory… subscribing for its staff."""

    name = models.CharField("nom", max_length=200)
    seats = models.PositiveIntegerField(
        "nombre de places", help_text="Lecteurs au plus rattachés en même temps."
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "organisation abonnée"
        verbose_name_plural = "organisations abonnées"
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="organisation_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.name

    def add_member(self, reader, via):
        """Attach ``reader`` (idempotent). Returns the membership, or None when every
        seat is taken; the organisation row is locked meanwhile, so that two readers
        joining at once cannot both take the last seat."""
        with transaction.atomic():
            organisation = Organisation.objects.select_for_update().get(pk=self.pk)
            existing = organisation.members.filter(reader=reader).first()
            if existing is not None:
                return existing
            if organisation.members.count() >= organisation.seats:
                return None
            return Membership.objects.create(organisation=organisation, reader=reader, via=via)


def normalise_domain(value):
    return value.strip().lower().removeprefix("@").rstrip(".")


def validate_domain(value):
    domain = normalise_domain(value)
    labels = domain.split(".")
    if (
        len(labels) < 2
        or len(domain) > 253
        or not all(label and len(label) <= 63 for label in labels)
        or not all(c.isalnum() or c == "-" for c in domain.replace(".", ""))
        or any(label.startswith("-") or label.endswith("-") for label in labels)
    ):
        raise ValidationError(f"« {value} » n'est pas un nom de domaine (exemple : chu-nantes.fr).")


class Domain(models.Model):
    """Readers whose verified address ends with @<domain> join the organisation."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.CASCADE, related_name="domains"
    )
    domain = models.CharField(
        "domaine",
        max_length=253,
        unique=True,  # subscriptions.membership: the organisation of a verified address
        validators=[validate_domain],
        help_text="Sans @ : chu-nantes.fr. Un domaine n'appartient qu'à une organisation.",
    )

    class Meta:
        verbose_name = "domaine e-mail"
        verbose_name_plural = "domaines e-mail"
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = normalise_domain(self.domain)
        super().save(*args, **kwargs)


# The widest ranges an organisation may claim: an /0 typed by mistake would open the
# subscriber articles to the whole Internet.
MIN_PREFIX = {4: 8, 6: 16}


def validate_network(value):
    try:
        network = ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        raise ValidationError(
            f"« {value} » n'est pas une plage d'adresses (exemple : 192.0.2.0/24 ou 2001:db8::/48)."
        ) from None
    minimum = MIN_PREFIX[network.version]
    if network.prefixlen < minimum:
        raise ValidationError(
            f"« {value} » est une plage trop large : /{minimum} au plus large "
            f"en IPv{network.version}."
        )


class Network(models.Model):
    """Readers connecting from these addresses may claim the organisation's access."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.CASCADE, related_name="networks"
    )
    cidr = models.CharField(
        "plage d'adresses",
        max_length=64,
        validators=[validate_network],
        help_text="Notation CIDR, IPv4 ou IPv6 : 192.0.2.0/24, 2001:db8::/48.",
    )

    class Meta:
        verbose_name = "réseau"
        verbose_name_plural = "réseaux"
        ordering = ["cidr"]

    def __str__(self):
        return self.cidr

    def save(self, *args, **kwargs):
        self.cidr = str(ipaddress.ip_network(self.cidr.strip(), strict=False))
        super().save(*args, **kwargs)

    def contains(self, address):
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        network = ipaddress.ip_network(self.cidr, strict=False)
        return ip.version == network.version and ip in network


class Via(models.TextChoices):
    DOMAIN = "domaine", "Adresse e-mail de l'organisation"
    EDITOR = "redaction", "Ajouté par la rédaction"
    IMPORT = "import", "Import CSV"


class Membership(models.Model):
    """A reader holding one of the organisation's seats."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.CASCADE, related_name="members"
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lecteur",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    via = models.CharField("rattaché par", max_length=10, choices=Via.choices, default=Via.EDITOR)
    joined_at = models.DateTimeField("depuis le", auto_now_add=True)

    class Meta:
        verbose_name = "membre"
        verbose_name_plural = "membres"
        ordering = ["organisation", "joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reader"], name="membership_unique_reader"
            ),
        ]
        indexes = [
            # access.readers: the organisations of a reader.
            models.Index(fields=["reader"], name="membership_reader_idx"),
        ]

    def __str__(self):
        return f"{self.reader.email or self.reader.get_username()} ({self.organisation})"


GIFT_DAYS = 7
GIFTS_PER_MONTH = 5
GIFT_SALT = "subscriptions.gift"


class QuotaReached(Exception):
    pass


class GiftLinkQuerySet(models.QuerySet):
    def create_within_quota(self, article, giver, now=None):
        """A new link, unless ``giver`` has made GIFTS_PER_MONTH this month: checked
        again after the insert, in one transaction with the giver's row locked, so that
        posts racing each other (two tabs, a script) cannot pass the quota together."""
        now = now or timezone.now()
        with transaction.atomic():
            get_user_model().objects.select_for_update().filter(pk=giver.pk).first()
            link = self.create(
                article=article, giver=giver, created_at=now,
                expires_at=now + timedelta(days=GIFT_DAYS),
            )  # fmt: skip
            if self.this_month(giver, now).count() > GIFTS_PER_MONTH:
                raise QuotaReached  # rolls the insert back
        return link

    def valid(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)

    def this_month(self, giver, now=None):
        """The links ``giver`` made since the first of the month (Paris time)."""
        local = timezone.localtime(now or timezone.now())
        start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        return self.filter(giver=giver, created_at__gte=start)


class GiftLink(models.Model):
    """A subscriber's link that lets anyone read one subscriber article for 7 days."""

    article = models.ForeignKey(
        "articles.Article", verbose_name="article", on_delete=models.CASCADE, related_name="+"
    )
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="offert par",
        on_delete=models.CASCADE,
        related_name="gift_links",
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    expires_at = models.DateTimeField("valable jusqu'au")
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    uses = models.PositiveIntegerField("ouvertures", default=0)

    objects = GiftLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "lien cadeau"
        verbose_name_plural = "liens cadeaux"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The monthly quota and « Mon compte »: a giver's links, newest first.
            models.Index(fields=["giver", "-created_at"], name="gift_giver_idx"),
        ]

    def __str__(self):
        return f"Lien cadeau pour « {self.article} »"

    @property
    def token(self):
        from django.core import signing

        return signing.dumps(self.pk, salt=GIFT_SALT)

    @classmethod
    def from_token(cls, token, now=None):
        """The valid link behind ``token``, or None (tampered, expired, revoked)."""
        from django.core import signing

        try:
            pk = signing.loads(token, salt=GIFT_SALT)
        except signing.BadSignature:
            return None
        if not isinstance(pk, int):
            return None
        return cls.objects.valid(now).filter(pk=pk).first()
