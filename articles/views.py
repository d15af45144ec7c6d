from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from taggit.models import Tag

from access.readers import FULL, gift_refusal, gifts_left, reading_for
from articles.collation import french_sort_key
from articles.feeds import feed_links_for
from articles.listings import home_articles, paginate, section_articles, tag_articles
from articles.models import Article, CallToAction, Section, ShareLink
from articles.navigation import sections_and_menu, top_level_sections
from articles.previews import preview_queryset, render_preview
from articles.related import related_articles
from articles.seo import article_meta, home_meta, section_meta, tag_meta
from articles.templatetags.newsroom import datetime_fr
from pagecache import declare
from pagecache import keys as cache_keys

FEATURED_ON_HOME = 5


def home(request):
    featured, blocks = home_articles(top_level_sections(request), FEATURED_ON_HOME)
    context = {"featured": featured, "blocks": blocks, "seo": home_meta(request)}
    return render(request, "articles/home.html", context)


def resolve(request, path):
    """A path of slugs is a section, or an article under its section's path.

    One query reads the sections at every prefix of the path (the section itself if the
    path is one, else the article's section, and either way the breadcrumb) and the menu.
    """
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    by_path = sections_and_menu(request, prefixes)
    if path in by_path:
        return section_detail(request, by_path[path], breadcrumb=list(by_path.values()))
    section_path, _, slug = path.rpartition("/")
    section = by_path.get(section_path)
    if section is None:
        raise Http404("Aucune rubrique ni aucun article à cette adresse.")
    published = Article.objects.published().for_detail()
    article = get_object_or_404(published, slug=slug, section=section)
    return article_detail(request, article, breadcrumb=list(by_path.values()))


def section_detail(request, section, breadcrumb):
    # Article.objects.published() over the branch, read from its listing entries.
    declare(cache_keys.section_list(section.pk), paginated=True)  # page cache: its list
    page_obj = paginate(request, section_articles(section))
    context = {
        "section": section,
        "breadcrumb": breadcrumb,
        # By position, then in French order (a handful of rows: sorted here, any database).
        "subsections": sorted(
            section.children.all(), key=lambda child: (child.position, french_sort_key(child.name))
        ),
        "page_obj": page_obj,
        "feeds": feed_links_for(section=section),
        "seo": section_meta(request, section, page_obj),
    }
    return render(request, "articles/section_detail.html", context)


def article_page_context(article, breadcrumb=None, reading=FULL):
    """What the article template needs, for readers and for previews alike.

    ``breadcrumb``: the article's section and its ancestors, root first, if already read.
    ``reading``: what the reader gets of the body (access.readers); previews and share
    links show all of it.
    """
    if breadcrumb is None:
        breadcrumb = list(Section.objects.ancestors_of(article.section))
    return {
        "article": article,
        "breadcrumb": breadcrumb,
        "call_to_action": CallToAction.objects.current(),
        "reading": reading,
    }


def article_detail(request, article, breadcrumb):
    reading = reading_for(request, article)
    context = article_page_context(article, breadcrumb, reading)
    if reading.full and article.for_subscribers:
        # Only a reader with access gets here: the page is theirs (private).
        context |= {
            "can_give": gift_refusal(request, article) is None,
            "gifts_left": gifts_left(request),
        }
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
