"""Addresses for machines: RSS feeds, sitemaps and robots.txt.

Included from newsroom/urls.py before the articles catch-all; their top-level names
("flux", "sitemap.xml", "robots.txt") are reserved section slugs.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from articles import feeds
from articles.sitemaps import SITEMAPS, NewsSitemap, robots_txt, sitemap_index

app_name = "seo"

urlpatterns = [
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    # Its own template (news: namespace); before the generic pattern, which would 404 it.
    path(
        "sitemap-news.xml",
        sitemap_views.sitemap,
        {
            "sitemaps": {"news": NewsSitemap},
            "section": "news",
            "template_name": "sitemaps/news.xml",
        },
        name="news_sitemap",
    ),
    path(
        "sitemap-<str:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap",
    ),
    path("flux/", feeds.LatestArticlesFeed(), name="feed"),
    path("flux/rubriques/<path:path>/", feeds.SectionFeed(), name="section_feed"),
    path("flux/tags/<slug:slug>/", feeds.TagFeed(), name="tag_feed"),
    path("flux/auteurs/<slug:slug>/", feeds.AuthorFeed(), name="author_feed"),
]
