"""The public pages an anonymous reader gets, for the HTTP caching tests (helper, not tests)."""

from taggit.models import Tag


def public_urls(make_article, sections, author):
    """One address of each public kind (name → URL), a published article on each list."""
    tag = Tag.objects.create(name="Hôpital", slug="hopital")
    article = make_article(title="Les urgences sous tension", tags=[tag])
    section = sections["politique"]
    return {
        "home": "/",
        "section": section.get_absolute_url(),
        "article": article.get_absolute_url(),
        "tag": f"/tags/{tag.slug}/",
        "author": author.get_absolute_url(),
        "feed": "/flux/",
        "tag feed": f"/flux/tags/{tag.slug}/",
        "author feed": f"/flux/auteurs/{author.slug}/",
        "sitemap index": "/sitemap.xml",
        "articles sitemap": "/sitemap-articles.xml",
        "news sitemap": "/sitemap-news.xml",
        "robots": "/robots.txt",
    }
