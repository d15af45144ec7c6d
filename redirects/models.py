"""Old addresses that answer 301 to new ones (see redirects.middleware)."""

import re
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.utils import timezone

# Longest old or new address stored (a section path is up to 500 characters, plus a slug).
MAX_PATH_LENGTH = 1000


def normalise_path(value):
    """A site path as stored in ``old_path``: "/a//b?x=1#f" -> "/a/b/".

    Leading and trailing slash, no empty segment, no query string, no fragment.
    """
    return _slashed(value.strip().split("#", 1)[0].split("?", 1)[0])


def _slashed(path):
    """Leading and trailing slash, no empty segment: "a//b" -> "/a/b/"."""
    segments = [segment for segment in path.split("/") if segment]
    return "/" + "".join(f"{segment}/" for segment in segments)


def normalise_target(value):
    """A site path as stored in ``new_path``: normalised, keeping its query string.

    A last segment that looks like a file ("/plan.pdf") gets no trailing slash.
    """
    value = value.strip().split("#", 1)[0]
    path, sep, query = value.partition("?")
    path = normalise_path(path)
    last = path.rstrip("/").rpartition("/")[2]
    if "." in last:
        path = path.rstrip("/")
    return f"{path}{sep}{query}" if query else path


def is_absolute_url(value):
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value.strip()))


def ancestor_paths(path):
    """Every old_path that may apply to ``path``: "/a/b/c/" -> "/a/b/c/", "/a/b/", "/a/".

    Only those that fit in a stored old_path, so a 10 000-character path gives a
    bounded list.
    """
    candidates = []
    end = len(path)
    while end > 1:
        prefix = path[:end]
        if len(prefix) <= MAX_PATH_LENGTH:
            candidates.append(prefix)
        end = path.rfind("/", 0, end - 1) + 1
    return candidates


class Kind(models.TextChoices):
    AUTOMATIC = "automatique", "Automatique"
    MANUAL = "manuel", "Manuel"


class Match(NamedTuple):
    target: str
    # An automatic redirect for one article's old address (not a section prefix): its
    # target is that article's address, to serve only while readers may see it.
    follows_an_article: bool


class RedirectQuerySet(models.QuerySet):
    def match(self, path):
        """The redirect that applies to a request for ``path`` (a 404), or None. One query.

        An exact old_path wins; otherwise the longest prefix redirect above the path,
        with the rest of the path appended to its new_path.
        """
        if "\x00" in path:
            # Never stored (PostgreSQL refuses NUL in text): nothing to look up.
            return None
        path = _slashed(path)
        candidates = ancestor_paths(path)
        if not candidates:
            return None
        # Served by the unique index on old_path (redirect_unique_old_path).
        rows = self.filter(old_path__in=candidates).values_list(
            "old_path", "new_path", "is_prefix", "kind"
        )
        best = None
        for old_path, new_path, is_prefix, kind in rows:
            if old_path == path:
                return Match(new_path, kind == Kind.AUTOMATIC and not is_prefix)
            if is_prefix and (best is None or len(old_path) > len(best[0])):
                best = (old_path, new_path)
        if best is None:
            return None
        old_path, new_path = best
        return Match(new_path + path[len(old_path) :], False)

    def target_for(self, path):
        """Where a request for ``path`` should go, or None (see ``match``)."""
        found = self.match(path)
        return found.target if found else None


class Redirect(models.Model):
    old_path = models.CharField(
        "ancienne adresse",
        max_length=MAX_PATH_LENGTH,
        help_text="Chemin du site, ex. : /rubrique/ancien-article/ (sans paramètres).",
    )
    new_path = models.CharField(
        "nouvelle adresse",
        max_length=MAX_PATH_LENGTH,
        help_text="Chemin du site (/rubrique/article/) ou adresse complète en https://.",
    )
    kind = models.CharField(
        "type", max_length=20, choices=Kind.choices, default=Kind.MANUAL, editable=False
    )
    is_prefix = models.BooleanField(
        "toute la rubrique",
        default=False,
        help_text="Redirige aussi toutes les adresses sous l'ancienne : "
        "/ancienne-rubrique/… → /nouvelle-rubrique/…",
    )
    created_at = models.DateTimeField("créée le", default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créée par",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RedirectQuerySet.as_manager()

    class Meta:
        verbose_name = "redirection"
        verbose_name_plural = "redirections"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One answer per old address. Its index serves the middleware's lookup on a
            # 404 (old_path IN (the path and its ancestors)).
            models.UniqueConstraint(
                fields=["old_path"],
                name="redirect_unique_old_path",
                violation_error_message="Une redirection existe déjà pour cette ancienne adresse.",
            ),
            # Stored normalised, as the middleware looks it up: "/…/", never the home
            # page, no query string.
            models.CheckConstraint(
                condition=models.Q(old_path__startswith="/")
                & models.Q(old_path__endswith="/")
                & ~models.Q(old_path="/")
                & ~models.Q(old_path__contains="?"),
                name="redirect_old_path_normalised",
                violation_error_message="L'ancienne adresse doit être un chemin du site "
                "(/rubrique/article/), sans paramètres.",
            ),
            # An address never redirects to itself.
            models.CheckConstraint(
                condition=~models.Q(old_path=models.F("new_path")),
                name="redirect_not_to_itself",
                violation_error_message="La nouvelle adresse doit différer de l'ancienne.",
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"
