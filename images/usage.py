"""Where a library image is used, for the admin's "Utilisations" panel.

``usages(image)`` returns a list of :class:`Usage`, one per place the image appears
(an article's hero image, a figure in an article body). Called on the image's change
page only, never in lists; a constant number of queries per image.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.urls import reverse


@dataclass(frozen=True)
class Usage:
    label: str  # e.g. "Image principale : <titre de l'article>"
    admin_url: str = ""  # change page of the object using the image
    public_url: str = ""  # where readers see it, if published


def usages(image):
    """Every article using ``image``: as its hero image or as a figure in its body."""
    Article = apps.get_model("articles", "Article")
    heroes = Article.objects.filter(hero_image=image)
    # Both ways a body places a library image (see images/embed.py): the editor's
    # <img data-file="42"> and the older <figure data-image="42">.
    figures = Article.objects.filter(
        Q(body__contains=f'data-file="{image.pk}"') | Q(body__contains=f'data-image="{image.pk}"')
    )
    found = []
    for label, articles in (("Image principale", heroes), ("Figure dans le texte", figures)):
        for article in articles.select_related("section").order_by("-pk")[:50]:
            found.append(
                Usage(
                    f"{label} : {article.title}",
                    reverse("admin:articles_article_change", args=[article.pk]),
                    article.get_absolute_url() if article.is_public else "",
                )
            )
    return found
