from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from taggit.models import Tag

from articles.feeds import feed_links_for
from articles.listings import (
    latest_by_top_level_section,
    paginate,
    section_articles,
    tag_articles,
)
from articles.models import Article, CallToAction, Section, ShareLink
from articles.previews import preview_queryset, render_preview
from articles.related import related_articles
from articles.seo import article_meta, home_meta, section_meta, tag_meta
from articles.templatetags.newsroom import datetime_fr
from pagecache import declare
from pagecache import keys as cache_keys

FEATURED_ON_HOME = 5


def home(request):
    featured = list(Article.objects.published().featured().for_listing()[:FEATURED_ON_HOME])
    blocks = latest_by_top_level_section(exclude_ids=[a.pk for a in featured])
    context = {"featured": featured, "blocks": blocks, "seo": home_meta(request)}
    return render(request, "articles/home.html", context)


def resolve(request, path):
    """A path of slugs is a section, or an article under its section's path."""
    section = Section.objects.filter(path=path).first()
    if section is not None:
        return section_detail(request, section)
    section_path, _, slug = path.rpartition("/")
    if not section_path:
        raise Http404("Aucune rubrique ni aucun article à cette adresse.")
    article = get_object_or_404(
        Article.objects.published().for_detail(), slug=slug, section__path=section_path
    )
    return article_detail(request, article)


def section_detail(request, section):
    # Article.objects.published() over the branch, read from its listing entries.
    declare(cache_keys.section_list(section.pk), paginated=True)  # page cache: its list
    page_obj = paginate(request, section_articles(section))
    context = {
        "section": section,
        "breadcrumb": list(Section.objects.ancestors_of(section)),
        "subsections": section.children.order_by("position", "name"),
        "page_obj": page_obj,
        "feeds": feed_links_for(section=section),
        "seo": section_meta(request, section, page_obj),
    }
    return render(request, "articles/section_detail.html", context)


def article_page_context(article):
    """What the article template needs, for readers and for previews alike."""
    return {
        "article": article,
        "breadcrumb": list(Section.objects.ancestors_of(article.section)),
        "call_to_action": CallToAction.objects.current(),
    }


def article_detail(request, article):
    context = article_page_context(article)
    # Page cache: the box, and the related block (a new article sharing a tag).
    declare(cache_keys.CTA, *(cache_keys.tag_list(tag.pk) for tag in article.tags.all()))
    context |= {
        "feeds": feed_links_for(section=article.section),
        "related": related_articles(article),
        "seo": article_meta(request, article, context["breadcrumb"]),
    }
    return render(request, "articles/article_detail.html", context)


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    # Article.objects.published() with this tag, read from its listing entries.
    declare(cache_keys.tag_list(tag.pk), paginated=True)  # page cache: its list
    page_obj = paginate(request, tag_articles(tag))
    if not page_obj.paginator.count:
        # A tag only used on drafts or scheduled articles must not reveal its name.
        raise Http404("Aucun article publié avec ce mot-clé.")
    context = {
        "tag": tag,
        "page_obj": page_obj,
        "feeds": feed_links_for(tag=tag),
        "seo": tag_meta(request, tag, page_obj),
    }
    return render(request, "articles/tag_detail.html", context)


@never_cache
def share_preview(request, token):
    """An outside reviewer's read-only preview, whatever the article's status.

    Expired, revoked or tampered tokens get the site's 404, which says nothing more.
    """
    link = ShareLink.from_token(token)
    if link is None:
        raise Http404("Aucun aperçu à cette adresse.")
    article = get_object_or_404(preview_queryset(), pk=link.article_id)
    return render_preview(
        request, article, note=f"Lien valable jusqu'au {datetime_fr(link.expires_at)}"
    )
