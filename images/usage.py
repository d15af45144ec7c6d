"""Where a library image is used, for the admin's "Utilisations" panel.

``usages(image)`` returns a list of :class:`Usage`, one per place the image appears
(an article's hero image, a figure in an article body…). The image app knows nothing
of articles, so this returns ``[]`` until the articles app adds its lookups here, e.g.::

    from articles.models import Article

    def usages(image):
        found = [
            Usage(f"Image principale : {article.title}",
                  reverse("admin:articles_article_change", args=[article.pk]))
            for article in Article.objects.filter(hero_image=image).only("pk", "title")
        ]
        ...  # figures in bodies
        return found

Keep it to a constant number of queries per image: it is called on the image's
change page only, never in lists.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Usage:
    label: str  # e.g. "Image principale : <titre de l'article>"
    admin_url: str = ""  # change page of the object using the image
    public_url: str = ""  # where readers see it, if published


def usages(image):
    """Every place ``image`` is used, as a list of Usage (none known yet)."""
    return []
