"""Where a library image is used, for the admin's "Utilisations" panel.

``usages(image)`` returns a list of :class:`Usage`, one per place the image appears
(an article's hero image, a figure in an article body, an author's photo). Called on
the image's change page only, never in lists; a constant number of queries per image.
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


def usages(image, viewer=None):
    """Every article using ``image``: as its hero image or as a figure in its body.

    With ``viewer``, only the articles that user may see (access/staff.py): another
    journalist's draft is not even named.
    """
    from access.staff import visible_articles  # access imports the articles models

    Article = apps.get_model("articles", "Article")
    articles = Article.objects.all()
    if viewer is not None:
        articles = visible_articles(viewer, articles)
    heroes = articles.filter(hero_image=image)
    # Both ways a body places a library image (see images/embed.py): the editor's
    # <img data-file="42"> and the older <figure data-image="42">.
    figures = articles.filter(
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
    for author in image.author_photos.order_by("name")[:50]:
        found.append(
            Usage(
                f"Photo d'auteur : {author.name}",
                reverse("admin:authors_author_change", args=[author.pk]),
                author.get_absolute_url(),
            )
        )
    return found
