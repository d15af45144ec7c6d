"""Every tag gets a usable slug, even one typed with no letter nor digit ("🩺", "!!!").

taggit slugifies such names to "", and every link to the tag page
(``{% url 'articles:tag' tag.slug %}``) then fails: a 500 on the article page, its
previews, the tag sitemap. Connected in ArticlesConfig.ready().
"""

from django.db.models.signals import pre_save
from taggit.models import Tag

from articles.slugs import french_slugify, unique_slug

FALLBACK_TAG_SLUG = "mot-cle"
TAG_SLUG_MAX_LENGTH = Tag._meta.get_field("slug").max_length


def give_tag_a_slug(sender, instance, **kwargs):
    if instance.slug:
        return

    def taken(candidates):
        others = Tag.objects.filter(slug__in=candidates).exclude(pk=instance.pk)
        return others.values_list("slug", flat=True)

    wanted = french_slugify(
        instance.name, max_length=TAG_SLUG_MAX_LENGTH, fallback=FALLBACK_TAG_SLUG
    )
    instance.slug = unique_slug(wanted, taken, max_length=TAG_SLUG_MAX_LENGTH)


def connect():
    pre_save.connect(give_tag_a_slug, sender=Tag, dispatch_uid="articles.tag_slugs")
